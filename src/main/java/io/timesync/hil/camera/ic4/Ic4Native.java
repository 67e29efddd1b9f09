package io.timesync.hil.camera.ic4;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of The Imaging Source's IC4 C API (libic4core.so) the camera fixture uses. C {@code bool} is one
 * byte: returned as {@code byte} (non-zero = true), never JNA's 4-byte boolean. {@code size_t*} is a
 * {@link LongByReference} (64-bit platforms only). Opaque handles are {@link Pointer}s.
 */
public interface Ic4Native extends Library {
    byte ic4_init_library(Pointer config);

    void ic4_exit_library();

    /** Per-thread error of the last failed call; with {@code message} NULL it reports the message size. */
    byte ic4_get_last_error(IntByReference error, Pointer message, LongByReference messageLength);

    byte ic4_devenum_create(PointerByReference deviceEnum);

    byte ic4_devenum_update_device_list(Pointer deviceEnum);

    int ic4_devenum_get_device_count(Pointer deviceEnum);

    byte ic4_devenum_get_devinfo(Pointer deviceEnum, int index, PointerByReference deviceInfo);

    void ic4_devenum_unref(Pointer deviceEnum);

    String ic4_devinfo_get_serial(Pointer deviceInfo);

    String ic4_devinfo_get_model_name(Pointer deviceInfo);

    String ic4_devinfo_get_version(Pointer deviceInfo);

    void ic4_devinfo_unref(Pointer deviceInfo);

    byte ic4_grabber_create(PointerByReference grabber);

    /** Identifier: model, unique name, serial, user id, IPv4 or MAC address. */
    byte ic4_grabber_device_open_by_identifier(Pointer grabber, String identifier);

    byte ic4_grabber_get_device(Pointer grabber, PointerByReference deviceInfo);

    byte ic4_grabber_device_get_property_map(Pointer grabber, PointerByReference propertyMap);

    byte ic4_grabber_device_close(Pointer grabber);

    void ic4_grabber_unref(Pointer grabber);

    byte ic4_propmap_execute_command(Pointer propertyMap, String name);

    byte ic4_propmap_get_value_int64(Pointer propertyMap, String name, LongByReference value);

    /** With {@code buffer} NULL it reports the size needed, terminating NUL included. */
    byte ic4_propmap_get_value_string(Pointer propertyMap, String name, Pointer buffer, LongByReference size);

    void ic4_propmap_unref(Pointer propertyMap);
}
