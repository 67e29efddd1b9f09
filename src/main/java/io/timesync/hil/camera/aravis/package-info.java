/**
 * Cameras of any GigE Vision brand through Aravis 0.8 (Debian's libaravis-0.8-0), bound with JNA by soname,
 * so only the runtime packages are needed.
 *
 * <p>{@link io.timesync.hil.camera.aravis.AravisCameraBackend} opens a camera by the serial it announces in
 * discovery (then by Aravis' device id, never the bare serial: Aravis resolves an unknown name with
 * getaddrinfo, which reads 05520125 as the IPv4 address 0.22.160.85), or by IPv4 address without discovery.
 * {@link io.timesync.hil.camera.aravis.AravisCamera} latches with SFNC's TimestampLatch/TimestampLatchValue
 * (ns; also The Imaging Source's names) or else GigE Vision's GevTimestampControlLatch/GevTimestampValue in
 * ticks of GevTimestampTickFrequency, converted exactly; it reports its PTP state from SFNC's PtpStatus (after
 * PtpDataSetLatch where the camera has it) or else GevIEEE1588Status.
 *
 * <p>Aravis facts this relies on (Aravis 0.8.26 sources and docs/reference/aravis/thread-safety.md):
 * <ul>
 *   <li>Objects are not thread-safe; different objects may be used from different threads, except the
 *       process-wide interface objects behind discovery and opening. Each camera serializes its calls; discovery
 *       and opening are serialized for the whole JVM.</li>
 *   <li>Strings: arv_get_device_* return the device list's own strings, freed by the next
 *       arv_update_device_list; feature strings (arv_device_get_string_feature_value, arv_camera_get_*) belong
 *       to the GenICam node and are replaced by its next read. Both are copied at once, under those locks. No
 *       bound call returns a string the caller must g_free. A GError is freed with g_error_free after reading.</li>
 *   <li>arv_camera_new returns one reference (transfer full); arv_camera_get_device and arv_device_get_feature
 *       do not (transfer none). Freeing the camera frees its device: Aravis joins the heartbeat thread, leaves the
 *       control channel and closes the GVCP socket.</li>
 *   <li>Error domains: "arv-device-error-quark" (ArvDeviceError) and "arv-gc-error-quark" (ArvGcError); socket
 *       errors come as GIO's "g-io-error-quark". An enumeration holding a value none of its entries has sets no
 *       GError: Aravis returns NULL and logs a warning.</li>
 *   <li>Aravis does not check pIsImplemented/pIsAvailable before a read or write; the generic feature calls
 *       here refuse such features themselves.</li>
 * </ul>
 */
package io.timesync.hil.camera.aravis;
