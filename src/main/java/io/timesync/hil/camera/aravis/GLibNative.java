package io.timesync.hil.camera.aravis;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The GLib calls (libglib-2.0.so.0) needed to read and free Aravis' GErrors. */
public interface GLibNative extends Library {
    /** Frees the GError and its message. */
    void g_error_free(Pointer error);

    /** The quark's string, owned by GLib for the life of the process (e.g. "arv-device-error-quark"). */
    String g_quark_to_string(int quark);
}
