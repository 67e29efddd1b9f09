package io.timesync.hil.camera;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample of all cameras: {@link #ROUNDS} concurrent latch rounds back to back, and per camera the reading
 * whose offset to the host clock is the median of its rounds. A host scheduling hiccup inside one latch
 * bracket then cannot skew the sample (it did, once in a few thousand, on a 2-core machine). Every round's
 * reading is kept as evidence.
 */
public final class CameraSampler implements AutoCloseable {
    public static final int ROUNDS = 3;

    private final ConcurrentLatcher latcher;

    public CameraSampler(int cameras, HostClock clock) {
        this.latcher = new ConcurrentLatcher(cameras, clock);
    }

    /** One latch round's reading of one camera; {@code selected} when it stands for the camera in its sample. */
    public record RoundReading(int round, LatchReading reading, boolean selected) {
    }

    /**
     * @param selected per camera that latched in every round, its median-offset reading
     * @param failures cameras that failed in some round, with the failure
     */
    public record Sample(List<LatchReading> selected, List<RoundReading> rounds, Map<String, RuntimeException> failures) {
    }

    public Sample take(List<Camera> cameras, long callTimeoutNs, long deadlineNanoTime) {
        Map<String, List<LatchReading>> readings = new LinkedHashMap<>();
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        List<Camera> latching = new ArrayList<>(cameras);
        for (int round = 1; round <= ROUNDS && !latching.isEmpty(); round++) {
            for (ConcurrentLatcher.Outcome outcome : latcher.latch(latching, callTimeoutNs, deadlineNanoTime)) {
                if (outcome instanceof ConcurrentLatcher.Latched latched) {
                    readings.computeIfAbsent(latched.serial(), serial -> new ArrayList<>()).add(latched.reading());
                } else if (outcome instanceof ConcurrentLatcher.Failed failed) {
                    failures.put(failed.serial(), failed.failure());
                    latching.removeIf(camera -> camera.serial().equals(failed.serial()));
                }
            }
        }
        List<LatchReading> selected = new ArrayList<>();
        List<RoundReading> rounds = new ArrayList<>();
        readings.forEach((serial, own) -> {
            LatchReading median = failures.containsKey(serial) ? null : medianOffset(own);
            if (median != null) {
                selected.add(median);
            }
            for (int i = 0; i < own.size(); i++) {
                rounds.add(new RoundReading(i + 1, own.get(i), own.get(i) == median));
            }
        });
        return new Sample(selected, rounds, failures);
    }

    @Override
    public void close() {
        latcher.close();
    }

    static LatchReading medianOffset(List<LatchReading> readings) {
        List<LatchReading> byOffset = new ArrayList<>(readings);
        byOffset.sort(Comparator.comparingLong(reading -> reading.cameraTimeNs() - reading.hostMidpointNs()));
        return byOffset.get(byOffset.size() / 2);
    }
}
