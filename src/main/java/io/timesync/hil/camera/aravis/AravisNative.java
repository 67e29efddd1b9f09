package io.timesync.hil.camera.aravis;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of Aravis 0.8's C API (libaravis-0.8.so.0) the camera backend uses. {@code gboolean} is a C int,
 * {@code gint64} a long, {@code GType} (gsize) a long on the 64-bit platforms the suite runs on; objects are
 * {@link Pointer}s; {@code GError **} is a {@link PointerByReference} whose value stays NULL on success.
 *
 * <p>Every {@code const char *} bound here as {@link String} is owned by Aravis (transfer none): JNA copies it
 * on return and never frees it. Device-list strings live until the next {@code arv_update_device_list};
 * feature strings until the next read of the same feature, so both are copied while the caller holds the
 * lock that serializes those calls. No function bound here hands over a string the caller must g_free.
 */
public interface AravisNative extends Library {
    /** Discovers the devices of every enabled interface; process-global list (Aravis' arv_system_mutex). */
    void arv_update_device_list();

    int arv_get_n_devices();

    /** The id arv_camera_new accepts: {@code <vendor>-<model>-<serial>} with illegal characters replaced. */
    String arv_get_device_id(int index);

    /** The MAC address for a GigE Vision device. */
    String arv_get_device_physical_id(int index);

    String arv_get_device_address(int index);

    String arv_get_device_vendor(int index);

    String arv_get_device_model(int index);

    String arv_get_device_serial_nbr(int index);

    /** "GigEVision" or "USB3Vision". */
    String arv_get_device_protocol(int index);

    /**
     * For GigE Vision {@code name} matches a device id, {@code <vendor>-<serial>}, {@code <vendor alias>-<serial>},
     * the user-defined name or the MAC address of a discovered device, else it is resolved with getaddrinfo as a
     * host name or IPv4 address (a bare serial such as 05520125 would be read as the octal address 0.22.160.85).
     * NULL opens the first device found. Returns a new reference (transfer full).
     */
    Pointer arv_camera_new(String name, PointerByReference error);

    /** The camera's device, owned by the camera (transfer none). */
    Pointer arv_camera_get_device(Pointer camera);

    String arv_camera_get_vendor_name(Pointer camera, PointerByReference error);

    String arv_camera_get_model_name(Pointer camera, PointerByReference error);

    /** DeviceSerialNumber, or the older DeviceID where the camera has no DeviceSerialNumber. */
    String arv_camera_get_device_serial_number(Pointer camera, PointerByReference error);

    /** Whether the camera is a GigE Vision one (its device an ArvGvDevice). */
    int arv_camera_is_gv_device(Pointer camera);

    /**
     * Whether Aravis holds the GigE Vision control channel: it tries to take it when it opens the device and
     * only logs a warning when another application holds it; the camera then refuses writes (commands).
     */
    int arv_gv_device_is_controller(Pointer gvDevice);

    /** The GenICam node of a feature (transfer none), NULL when the camera's description has none. */
    Pointer arv_device_get_feature(Pointer device, String feature);

    /** FALSE also when the node does not exist; evaluating pIsImplemented may read registers. */
    int arv_device_is_feature_implemented(Pointer device, String feature, PointerByReference error);

    int arv_device_is_feature_available(Pointer device, String feature, PointerByReference error);

    void arv_device_execute_command(Pointer device, String feature, PointerByReference error);

    long arv_device_get_integer_feature_value(Pointer device, String feature, PointerByReference error);

    /** Also the symbolic value of an enumeration (ArvGcEnumeration implements ArvGcString). */
    String arv_device_get_string_feature_value(Pointer device, String feature, PointerByReference error);

    int arv_device_get_boolean_feature_value(Pointer device, String feature, PointerByReference error);

    long arv_gc_enumeration_get_type();
}
