package io.timesync.hil.sim;

import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraBackend;
import io.timesync.hil.camera.HostClock;

import java.util.List;

/** The simulated bench's cameras; a camera with the {@code missing} fault is not found, as on a real bench. */
public final class SimulatedCameraBackend implements CameraBackend {
    private final List<SimulatedCamera.Model> models;
    private final long latchLatencyMedianNs;
    private final HostClock clock;

    public SimulatedCameraBackend(List<SimulatedCamera.Model> models, long latchLatencyMedianNs, HostClock clock) {
        this.models = List.copyOf(models);
        this.latchLatencyMedianNs = latchLatencyMedianNs;
        this.clock = clock;
    }

    @Override
    public Camera open(String serial) {
        List<SimulatedCamera.Model> present = models.stream()
                .filter(model -> !model.has(CameraFault.Kind.MISSING)).toList();
        SimulatedCamera.Model model = present.stream().filter(m -> m.serial().equals(serial)).findFirst()
                .orElseThrow(() -> new BenchPartUnreachableException("camera " + serial + " (simulated)",
                        "not found (DEVICE_NOT_FOUND); cameras found: "
                                + present.stream().map(SimulatedCamera.Model::serial).toList(),
                        "check the camera's power and network link"));
        return new SimulatedCamera(model, clock, latchLatencyMedianNs, serial.hashCode());
    }

    @Override
    public void close() {
        // nothing held
    }
}
