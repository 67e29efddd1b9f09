package io.timesync.hil.camera;

import io.timesync.hil.time.UtcOffset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bench's cameras for one run: opened together on first use (a camera that cannot be opened keeps its
 * error for its own checks), measured once whatever the outcome (a failed measurement is not repeated by the
 * next check), closed at the end.
 */
public final class CameraRig implements AutoCloseable {
    private final List<String> serials;
    private final Supplier<CameraBackend> backendFactory;
    private final AlignmentMeasurement measurement;
    private final Supplier<Optional<UtcOffset>> hostReference;
    private final Runnable beforeMeasuring;
    private CameraBackend backend;
    private final Map<String, Camera> cameras = new LinkedHashMap<>();
    private final Map<String, RuntimeException> openFailures = new LinkedHashMap<>();
    private boolean opened;
    private Measured measured;

    /** The one alignment measurement of the run, and the UTC offset to compare camera time with the host clock. */
    public record Measured(AlignmentResult result, Optional<UtcOffset> hostReference) {
    }

    /**
     * @param hostReference   the UTC offset when camera time is to be compared with the host clock, else empty;
     *                        asked once, when the measurement starts
     * @param beforeMeasuring runs once before the measurement (the bench waits there for its grandmaster)
     */
    public CameraRig(List<String> serials, Supplier<CameraBackend> backendFactory, AlignmentMeasurement measurement,
                     Supplier<Optional<UtcOffset>> hostReference, Runnable beforeMeasuring) {
        this.serials = List.copyOf(serials);
        this.backendFactory = backendFactory;
        this.measurement = measurement;
        this.hostReference = hostReference;
        this.beforeMeasuring = beforeMeasuring;
    }

    /** The rig of a bench without cameras. */
    public static CameraRig none() {
        return new CameraRig(List.of(), () -> {
            throw new IllegalStateException("this bench has no cameras");
        }, null, Optional::empty, () -> { });
    }

    public List<String> serials() {
        return serials;
    }

    /** The opened camera; throws why it could not be opened (missing serial, no SDK, ...). */
    public synchronized Camera camera(String serial) {
        openAll();
        Camera camera = cameras.get(serial);
        if (camera == null) {
            throw openFailures.getOrDefault(serial,
                    new IllegalArgumentException(serial + " is not one of the bench's cameras " + serials));
        }
        return camera;
    }

    /** The alignment of the opened cameras, measured on the first call only, whatever its outcome. */
    public synchronized Measured alignment() {
        if (serials.isEmpty()) {
            throw new IllegalStateException("this bench has no cameras to measure");
        }
        if (measured == null) {
            openAll();
            beforeMeasuring.run();
            Optional<UtcOffset> reference = hostReference.get();
            measured = new Measured(measurement.run(new ArrayList<>(cameras.values()), serials, openFailures),
                    reference);
        }
        return measured;
    }

    /**
     * Each opened camera's model and device version, or why it could not be opened, by serial; empty before
     * the cameras were opened.
     */
    public synchronized Map<String, String> inventory() {
        Map<String, String> inventory = new LinkedHashMap<>();
        for (String serial : serials) {
            Camera camera = cameras.get(serial);
            if (camera != null) {
                inventory.put(serial, camera.model() + camera.deviceVersion().map(v -> ", device version " + v)
                        .orElse("") + ", latched by " + camera.latchMethod());
            } else if (openFailures.containsKey(serial)) {
                inventory.put(serial, "not opened: " + openFailures.get(serial).getMessage().lines().findFirst()
                        .orElse(""));
            }
        }
        return inventory;
    }

    @Override
    public synchronized void close() {
        cameras.values().forEach(Camera::close);
        cameras.clear();
        if (backend != null) {
            backend.close();
        }
    }

    private void openAll() {
        if (opened) {
            return;
        }
        opened = true;
        try {
            backend = backendFactory.get();
        } catch (RuntimeException noBackend) {
            serials.forEach(serial -> openFailures.put(serial, noBackend));
            return;
        }
        for (String serial : serials) {
            try {
                cameras.put(serial, backend.open(serial));
            } catch (RuntimeException e) {
                openFailures.put(serial, e);
            }
        }
    }
}
