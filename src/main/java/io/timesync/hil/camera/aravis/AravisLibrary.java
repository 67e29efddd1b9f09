package io.timesync.hil.camera.aravis;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.timesync.hil.BenchPartUnreachableException;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.Objects;
import java.util.function.Function;

/**
 * Debian's Aravis runtime (package libaravis-0.8-0) and the GLib/GObject calls around it, bound with JNA by
 * their sonames, so that only the runtime packages are needed (no -dev symlinks).
 */
final class AravisLibrary {
    static final String ARAVIS = "libaravis-0.8.so.0";
    static final String GLIB = "libglib-2.0.so.0";
    static final String GOBJECT = "libgobject-2.0.so.0";
    private static final Map<String, Object> OPTIONS = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
    /**
     * Aravis keeps one device list and one interface object per protocol for the whole process, and its
     * interfaces are not thread-safe (docs/reference/aravis/thread-safety.md); the strings the device list
     * hands out are freed by the next update. So discovery, the copy of its strings and opening a device are
     * serialized across every backend in this JVM, hence one lock for the process: not state, a mutex.
     */
    private static final Object DEVICE_LIST_LOCK = new Object();
    /**
     * A binding of each library, held for the life of the process. JNA unloads a library (dlclose) once no binding
     * refers to it; GLib, though, keeps Aravis' GObject types registered for the process, so an Aravis loaded again
     * registers them twice ("cannot register existing type 'ArvInterface'") and hangs. Held, never unloaded.
     */
    private static final ConcurrentMap<String, Library> LOADED_FOR_THE_PROCESS = new ConcurrentHashMap<>();

    private final AravisNative arv;
    private final GLibNative glib;
    private final GObjectNative gobject;

    private AravisLibrary(AravisNative arv, GLibNative glib, GObjectNative gobject) {
        this.arv = arv;
        this.glib = glib;
        this.gobject = gobject;
    }

    static AravisLibrary load() {
        return new AravisLibrary(bind(ARAVIS, AravisNative.class), bind(GLIB, GLibNative.class),
                bind(GOBJECT, GObjectNative.class));
    }

    /**
     * Functions of the bindings that the installed libraries do not export, as {@code library: function}
     * (JNA binds a function only on its first call, so a missing one would otherwise fail mid-measurement).
     */
    static List<String> missingFunctions() {
        List<String> missing = new ArrayList<>(missingFunctions(ARAVIS, AravisNative.class));
        missing.addAll(missingFunctions(GLIB, GLibNative.class));
        missing.addAll(missingFunctions(GOBJECT, GObjectNative.class));
        return missing;
    }

    static List<String> missingFunctions(String library, Class<? extends Library> binding) {
        NativeLibrary loaded = NativeLibrary.getInstance(library, OPTIONS);
        List<String> missing = new ArrayList<>();
        for (Method method : binding.getDeclaredMethods()) {
            try {
                loaded.getFunction(method.getName());
            } catch (UnsatisfiedLinkError e) {
                missing.add(library + ": " + method.getName());
            }
        }
        return missing;
    }

    /** The same GLib and GObject with another Aravis binding (tests observe the calls through it). */
    AravisLibrary withAravis(AravisNative otherArv) {
        return new AravisLibrary(otherArv, glib, gobject);
    }

    AravisNative arv() {
        return arv;
    }

    /** Discovers the devices (GigE Vision: a GVCP discovery broadcast on every IPv4 interface, about 1 s). */
    List<AravisDeviceInfo> devices() {
        synchronized (DEVICE_LIST_LOCK) {
            arv.arv_update_device_list();
            int count = arv.arv_get_n_devices();
            List<AravisDeviceInfo> devices = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                devices.add(new AravisDeviceInfo(text(arv.arv_get_device_id(index)),
                        text(arv.arv_get_device_physical_id(index)), text(arv.arv_get_device_address(index)),
                        text(arv.arv_get_device_vendor(index)), text(arv.arv_get_device_model(index)),
                        text(arv.arv_get_device_serial_nbr(index)), text(arv.arv_get_device_protocol(index))));
            }
            return devices;
        }
    }

    /** A new ArvCamera (one reference, to be released with {@link #unref}) or what {@code failure} makes of the error. */
    Pointer newCamera(String name, Function<AravisError, RuntimeException> failure) {
        Objects.requireNonNull(name, "name"); // NULL would open whichever camera Aravis finds first
        synchronized (DEVICE_LIST_LOCK) {
            return call("arv_camera_new(" + name + ")", error -> arv.arv_camera_new(name, error), failure);
        }
    }

    /**
     * Runs a call that takes a {@code GError **}; returns its result, or throws what {@code failure} makes of the
     * error it set (the GError is freed either way).
     */
    <T> T call(String function, Function<PointerByReference, T> call, Function<AravisError, RuntimeException> failure) {
        PointerByReference errorRef = new PointerByReference();
        T result = call.apply(errorRef);
        Pointer error = errorRef.getValue();
        if (error != null) {
            throw failure.apply(takeError(function, error));
        }
        return result;
    }

    void unref(Pointer object) {
        gobject.g_object_unref(object);
    }

    boolean isInstanceOf(Pointer instance, long type) {
        return gobject.g_type_check_instance_is_a(instance, type) != 0;
    }

    String typeName(Pointer instance) {
        return text(gobject.g_type_name_from_instance(instance));
    }

    /** Reads GError {GQuark domain; gint code; gchar *message} and frees it. */
    private AravisError takeError(String function, Pointer error) {
        try {
            int domain = error.getInt(0);
            int code = error.getInt(4);
            Pointer message = error.getPointer(8);
            return new AravisError(function, Objects.toString(glib.g_quark_to_string(domain), "quark " + domain),
                    code, message == null ? "(no message)" : message.getString(0, StandardCharsets.UTF_8.name()));
        } finally {
            glib.g_error_free(error);
        }
    }

    static <T extends Library> T bind(String library, Class<T> binding) {
        try {
            T bound = Native.load(library, binding, OPTIONS);
            LOADED_FOR_THE_PROCESS.putIfAbsent(library, bound);
            return bound;
        } catch (UnsatisfiedLinkError e) {
            throw new BenchPartUnreachableException("Aravis library " + library, "cannot be loaded: " + e.getMessage(),
                    "install Debian's Aravis runtime: apt-get install libaravis-0.8-0", e);
        }
    }

    private static String text(String nullable) {
        return nullable == null ? "" : nullable;
    }
}
