package io.timesync.hil.camera.aravis;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The GObject calls (libgobject-2.0.so.0) the camera backend needs. */
public interface GObjectNative extends Library {
    void g_object_unref(Pointer object);

    int g_type_check_instance_is_a(Pointer instance, long type);

    /** The instance's type name, owned by GObject (e.g. "ArvGcIntegerNode"). */
    String g_type_name_from_instance(Pointer instance);
}
