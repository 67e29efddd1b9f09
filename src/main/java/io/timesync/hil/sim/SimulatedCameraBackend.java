package io.timesync.hil.sim;

import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraBackend;
import io.timesync.hil.time.HostClock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** The simulated bench's cameras; a camera with the {@code missing} fault is not found, as on a real bench. */
public final class SimulatedCameraBackend implements CameraBackend {
    private final List<SimulatedCamera.Model> models;
    private final long latchLatencyMedianNs;
    private final LatchPosition position;
    private final HostClock clock;
    private final Supplier<OptionalLong> hostGrandmaster;
    private final Map<String, SimulatedCamera> opened = new LinkedHashMap<>();

    /** @param hostGrandmaster the host ptp4l's clock identity, which the simulated cameras follow (when known) */
    public SimulatedCameraBackend(List<SimulatedCamera.Model> models, long latchLatencyMedianNs, LatchPosition position,
                                  HostClock clock, Supplier<OptionalLong> hostGrandmaster) {
        this.models = List.copyOf(models);
        this.latchLatencyMedianNs = latchLatencyMedianNs;
        this.position = position;
        this.clock = clock;
        this.hostGrandmaster = hostGrandmaster;
    }

    /** The cameras opened so far, by serial: their truth for tests. */
    public synchronized Map<String, SimulatedCamera> opened() {
        return Map.copyOf(opened);
    }

    @Override
    public synchronized Camera open(String serial) {
        List<SimulatedCamera.Model> present = models.stream()
                .filter(model -> !model.has(CameraFault.Kind.MISSING)).toList();
        SimulatedCamera.Model model = present.stream().filter(m -> m.serial().equals(serial)).findFirst()
                .orElseThrow(() -> new BenchPartUnreachableException("camera " + serial + " (simulated)",
                        "not found (DEVICE_NOT_FOUND); cameras found: "
                                + present.stream().map(SimulatedCamera.Model::serial).toList(),
                        "check the camera's power and network link"));
        SimulatedCamera camera = new SimulatedCamera(model, clock, latchLatencyMedianNs, position, serial.hashCode(),
                hostGrandmaster);
        opened.put(serial, camera);
        return camera;
    }

    @Override
    public void close() {
        // nothing held
    }
}
