package io.timesync.hil.camera.ic4;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraBackend;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cameras through The Imaging Source's IC4 SDK (libic4core.so) bound with JNA: the library is initialized
 * once when the backend is loaded and exited on close, after every camera it opened is closed.
 */
public final class Ic4CameraBackend implements CameraBackend {
    /** Found on the system library path, as the ic4 Debian package installs it. */
    public static final String SYSTEM_LIBRARY = "ic4core";
    private static final int INIT_CONFIG_BYTES = 32;
    private static final Map<String, Object> OPTIONS = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");

    private final Ic4Native ic4;
    private final String library;
    private final List<Ic4Camera> opened = new ArrayList<>();
    private boolean closed;

    private Ic4CameraBackend(Ic4Native ic4, String library) {
        this.ic4 = ic4;
        this.library = library;
    }

    /** @param library {@link #SYSTEM_LIBRARY} or the path of a libic4core.so */
    public static Ic4CameraBackend load(String library) {
        Ic4Native ic4;
        try {
            ic4 = Native.load(library, Ic4Native.class, OPTIONS);
        } catch (UnsatisfiedLinkError e) {
            throw new BenchPartUnreachableException("IC4 library " + library, "cannot be loaded: " + e.getMessage(),
                    "install IC Imaging Control 4 (The Imaging Source's ic4 package), or set cameras.ic4Library "
                            + "to the path of a libic4core.so", e);
        }
        Memory config = new Memory(INIT_CONFIG_BYTES);
        config.clear(); // logging off, no log file, reserved 0
        Ic4CameraBackend backend = new Ic4CameraBackend(ic4, library);
        backend.check(ic4.ic4_init_library(config), "ic4_init_library", "IC4 library " + library);
        return backend;
    }

    /** Functions of {@link Ic4Native} that {@code library} does not export (JNA binds them only on first call). */
    public static List<String> missingFunctions(String library) {
        NativeLibrary loaded = NativeLibrary.getInstance(library, OPTIONS);
        List<String> missing = new ArrayList<>();
        for (Method method : Ic4Native.class.getDeclaredMethods()) {
            try {
                loaded.getFunction(method.getName());
            } catch (UnsatisfiedLinkError e) {
                missing.add(method.getName());
            }
        }
        return missing;
    }

    /** A device IC4 enumerates. */
    public record DeviceInfo(String serial, String model, String version) {
    }

    public synchronized List<DeviceInfo> devices() {
        PointerByReference enumeration = new PointerByReference();
        check(ic4.ic4_devenum_create(enumeration), "ic4_devenum_create", "IC4 library " + library);
        Pointer deviceEnum = enumeration.getValue();
        try {
            check(ic4.ic4_devenum_update_device_list(deviceEnum), "ic4_devenum_update_device_list",
                    "IC4 library " + library);
            List<DeviceInfo> devices = new ArrayList<>();
            int count = ic4.ic4_devenum_get_device_count(deviceEnum);
            for (int index = 0; index < count; index++) {
                PointerByReference info = new PointerByReference();
                check(ic4.ic4_devenum_get_devinfo(deviceEnum, index, info), "ic4_devenum_get_devinfo",
                        "IC4 library " + library);
                devices.add(describe(info.getValue()));
            }
            return devices;
        } finally {
            ic4.ic4_devenum_unref(deviceEnum);
        }
    }

    @Override
    public synchronized Camera open(String serial) {
        String part = "camera " + serial + " (IC4)";
        PointerByReference grabberRef = new PointerByReference();
        check(ic4.ic4_grabber_create(grabberRef), "ic4_grabber_create", part);
        Pointer grabber = grabberRef.getValue();
        Ic4Camera camera = null;
        try {
            if (ic4.ic4_grabber_device_open_by_identifier(grabber, serial) == 0) {
                Ic4Error error = lastError("ic4_grabber_device_open_by_identifier");
                if (error.code() == Ic4Error.DEVICE_NOT_FOUND) {
                    throw new BenchPartUnreachableException(part, "not found (" + error.codeName() + ": "
                            + error.message() + "); cameras found: " + foundSerials(),
                            "check the camera's power and network link, that its IP address is in the bench "
                                    + "interface's subnet, and that the GigE GenTL producer is installed "
                                    + "(GENICAM_GENTL64_PATH)");
                }
                throw new Ic4Exception(part, error, "see IC4's message; try the camera in ic4-demoapp");
            }
            PointerByReference infoRef = new PointerByReference();
            check(ic4.ic4_grabber_get_device(grabber, infoRef), "ic4_grabber_get_device", part);
            DeviceInfo device = describe(infoRef.getValue());
            PointerByReference mapRef = new PointerByReference();
            check(ic4.ic4_grabber_device_get_property_map(grabber, mapRef), "ic4_grabber_device_get_property_map",
                    part);
            camera = new Ic4Camera(this, grabber, mapRef.getValue(), device);
            if (!device.serial().equals(serial)) {
                throw new BenchPartUnreachableException(part, "the identifier '" + serial + "' opened the camera with "
                        + "serial " + device.serial() + " (it matched its model, name or user id)",
                        "configure the camera's serial number in cameras.serials");
            }
            opened.add(camera);
            return camera;
        } catch (RuntimeException e) {
            if (camera != null) {
                camera.close();
            } else {
                ic4.ic4_grabber_unref(grabber);
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        opened.forEach(Ic4Camera::close);
        opened.clear();
        ic4.ic4_exit_library();
    }

    Ic4Native ic4() {
        return ic4;
    }

    /** Throws IC4's last error for {@code function} when {@code result} is C false. */
    void check(byte result, String function, String part) {
        if (result == 0) {
            Ic4Error error = lastError(function);
            throw new Ic4Exception(part, error, "see IC4's message; check the camera in ic4-demoapp");
        }
    }

    /** IC4 keeps the last error per thread: call on the thread whose call failed, right after it. */
    Ic4Error lastError(String function) {
        IntByReference code = new IntByReference();
        LongByReference length = new LongByReference(0);
        if (ic4.ic4_get_last_error(code, null, length) == 0 || length.getValue() <= 0) {
            return new Ic4Error(function, code.getValue(), "(no error message)");
        }
        Memory message = new Memory(length.getValue());
        if (ic4.ic4_get_last_error(code, message, length) == 0) {
            return new Ic4Error(function, code.getValue(), "(error message unavailable)");
        }
        return new Ic4Error(function, code.getValue(), message.getString(0, StandardCharsets.UTF_8.name()));
    }

    private DeviceInfo describe(Pointer info) {
        try {
            return new DeviceInfo(String.valueOf(ic4.ic4_devinfo_get_serial(info)),
                    String.valueOf(ic4.ic4_devinfo_get_model_name(info)),
                    String.valueOf(ic4.ic4_devinfo_get_version(info)));
        } finally {
            ic4.ic4_devinfo_unref(info);
        }
    }

    private String foundSerials() {
        try {
            List<DeviceInfo> devices = devices();
            return devices.isEmpty() ? "none"
                    : Arrays.toString(devices.stream().map(d -> d.serial() + " (" + d.model() + ")").toArray());
        } catch (RuntimeException e) {
            return "unknown (enumeration failed: " + e.getMessage() + ")";
        }
    }
}
