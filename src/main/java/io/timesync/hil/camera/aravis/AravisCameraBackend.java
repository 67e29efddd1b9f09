package io.timesync.hil.camera.aravis;

import com.sun.jna.Pointer;
import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.camera.CameraBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cameras of any GigE Vision (or USB3 Vision) brand through Aravis 0.8 (Debian's libaravis-0.8-0) bound with
 * JNA. Closing the backend closes every camera it opened. It does not call arv_shutdown: that tears down
 * Aravis' process-wide interface objects, which other backends in the same JVM may still be using; Aravis
 * documents the call as optional, for leak checkers only.
 */
public final class AravisCameraBackend implements CameraBackend {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final String NOT_FOUND_HINT = "check the camera's power and network link, that its IP address is in "
            + "the bench interface's subnet, and that no firewall drops GigE Vision control traffic (GVCP, UDP port "
            + "3956; arv-tool-0.8 lists the cameras Aravis discovers)";

    private final AravisLibrary aravis;
    private final List<AravisCamera> opened = new ArrayList<>();
    private boolean closed;

    private AravisCameraBackend(AravisLibrary aravis) {
        this.aravis = aravis;
    }

    /** @throws BenchPartUnreachableException when the Aravis runtime is not installed */
    public static AravisCameraBackend load() {
        return new AravisCameraBackend(AravisLibrary.load());
    }

    /** With a given binding: tests wrap the real one to observe the calls. */
    static AravisCameraBackend using(AravisLibrary aravis) {
        return new AravisCameraBackend(aravis);
    }

    /**
     * Functions of the bindings (Aravis, GLib, GObject) that the installed libraries do not export, as
     * {@code library: function}: empty when the binding matches them.
     */
    public static List<String> missingFunctions() {
        return AravisLibrary.missingFunctions();
    }

    /**
     * The devices Aravis discovers now. GigE Vision discovery broadcasts on every IPv4 interface and collects
     * answers until none came for 1 s (Aravis' ARV_GV_INTERFACE_DISCOVERY_TIMEOUT_MS).
     */
    public synchronized List<AravisDeviceInfo> devices() {
        ensureOpen();
        return aravis.devices();
    }

    /**
     * Opens the camera whose serial number (as the camera announces it in discovery) is {@code serial}, and
     * checks that the opened device reports the same serial. Only the serial is matched, not Aravis' other
     * names (device id, user-defined name, MAC): the bench file lists serials.
     *
     * @throws BenchPartUnreachableException naming the cameras found, when none has that serial
     */
    @Override
    public synchronized AravisCamera open(String serial) {
        ensureOpen();
        String part = "camera " + serial + " (Aravis)";
        List<AravisDeviceInfo> found = aravis.devices();
        List<AravisDeviceInfo> matching = found.stream().filter(device -> device.serial().equals(serial)).toList();
        if (matching.isEmpty()) {
            throw new BenchPartUnreachableException(part, "not found; cameras found: " + describe(found),
                    NOT_FOUND_HINT);
        }
        if (matching.size() > 1) {
            throw new BenchPartMisbehavingException(part, "several cameras announce this serial: " + describe(matching),
                    "give each camera its own serial number, or open it by IP address");
        }
        AravisDeviceInfo device = matching.get(0);
        // by Aravis' device id, never the bare serial: arv_camera_new would resolve an unknown name as a host
        // name, and getaddrinfo reads a numeric serial such as 05520125 as the IPv4 address 0.22.160.85
        Pointer camera = aravis.newCamera(device.id(), error -> openError(part, error, device.describe()));
        AravisCamera opened = adopt(camera, device.address(), part);
        if (!opened.serial().equals(serial)) {
            opened.close();
            throw new BenchPartMisbehavingException(part, "discovery announced serial " + serial + " at "
                    + device.address() + ", but the device opened there reports serial " + opened.serial(),
                    "check for two devices sharing the address " + device.address());
        }
        return opened;
    }

    /**
     * Opens the GigE Vision camera at an IPv4 address (no discovery involved: the camera may be in any routed
     * subnet). Host names are refused: Aravis would resolve them with an unbounded DNS lookup.
     */
    public synchronized AravisCamera openAddress(String ipv4Address) {
        ensureOpen();
        if (ipv4Address == null || !IPV4.matcher(ipv4Address).matches()) {
            throw new IllegalArgumentException("not an IPv4 address in dotted-quad form: '" + ipv4Address + "'");
        }
        String part = "camera at " + ipv4Address + " (Aravis)";
        Pointer camera = aravis.newCamera(ipv4Address, error -> openError(part, error, "the camera at " + ipv4Address));
        return adopt(camera, ipv4Address, part);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        opened.forEach(AravisCamera::close);
        opened.clear();
    }

    private AravisCamera adopt(Pointer camera, String address, String part) {
        AravisCamera adopted = AravisCamera.adopt(aravis, camera, address, part);
        opened.add(adopted);
        return adopted;
    }

    private RuntimeException openError(String part, AravisError error, String what) {
        if (error.isUnreachable()) {
            return new BenchPartUnreachableException(part, error + "; cameras found: " + describeQuietly(),
                    NOT_FOUND_HINT);
        }
        if (error.isControlHeldElsewhere()) {
            return new AravisException(part, error, "another application holds " + what + " (a viewer, the vendor's "
                    + "tool, another run of the suite): close it");
        }
        return new AravisException(part, error, "see Aravis' message; try " + what + " with arv-tool-0.8");
    }

    /** Discovery for a message about a camera that could not be opened, without hiding that failure. */
    private String describeQuietly() {
        try {
            return describe(aravis.devices());
        } catch (RuntimeException e) {
            return "unknown (discovery failed: " + e.getMessage() + ")";
        }
    }

    private static String describe(List<AravisDeviceInfo> devices) {
        return devices.isEmpty() ? "none" : devices.stream().map(AravisDeviceInfo::describe).toList().toString();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Aravis camera backend was used after close()");
        }
    }
}
