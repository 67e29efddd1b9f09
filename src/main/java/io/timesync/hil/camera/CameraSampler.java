package io.timesync.hil.camera;

import io.timesync.hil.time.HostClock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sample of all cameras: several concurrent latch rounds back to back, and per camera the reading with the
 * narrowest host-clock bracket (the minimum round-trip filter of NTP and Cristian's algorithm): its bound is
 * the tightest, and a round in which the host preempted the worker inside its bracket is never chosen. Every
 * round's reading is kept as evidence.
 */
public final class CameraSampler implements AutoCloseable {
    private final ConcurrentLatcher latcher;

    public CameraSampler(int cameras, HostClock clock) {
        this.latcher = new ConcurrentLatcher(cameras, clock);
    }

    /** One latch round's reading of one camera; {@code selected} when it stands for the camera in its sample. */
    public record RoundReading(int round, LatchReading reading, boolean selected) {
    }

    /**
     * @param selected  per camera that latched in every round, its narrowest-bracket reading
     * @param failures  cameras that failed in some round, with the failure
     * @param outOfTime the measurement's deadline came mid-sample: the sample is incomplete and not judged
     * @param ptp       the PTP data set of each camera with a selected reading, read right after the rounds
     */
    public record Sample(List<LatchReading> selected, List<RoundReading> rounds, Map<String, RuntimeException> failures,
                         boolean outOfTime, List<CameraPtpDataSet> ptp) {
    }

    /** @param readPtpDataSets whether each camera's PTP data set is read after the rounds (not in the warm-up) */
    public Sample take(List<Camera> cameras, int rounds, long callTimeoutNs, long deadlineNanoTime,
                       boolean readPtpDataSets) {
        Map<String, List<LatchReading>> readings = new LinkedHashMap<>();
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        List<Camera> latching = new ArrayList<>(cameras);
        boolean outOfTime = false;
        for (int round = 1; round <= rounds && !latching.isEmpty() && !outOfTime; round++) {
            for (ConcurrentLatcher.Outcome outcome : latcher.latch(latching, callTimeoutNs, deadlineNanoTime)) {
                if (outcome instanceof ConcurrentLatcher.Latched latched) {
                    readings.computeIfAbsent(latched.serial(), serial -> new ArrayList<>()).add(latched.reading());
                } else if (outcome instanceof ConcurrentLatcher.Failed failed) {
                    failures.put(failed.serial(), failed.failure());
                    latching.removeIf(camera -> camera.serial().equals(failed.serial()));
                } else {
                    outOfTime = true;
                }
            }
        }
        List<LatchReading> selected = new ArrayList<>();
        List<RoundReading> all = new ArrayList<>();
        for (Map.Entry<String, List<LatchReading>> entry : readings.entrySet()) {
            List<LatchReading> own = entry.getValue();
            Optional<LatchReading> narrowest = failures.containsKey(entry.getKey()) || outOfTime ? Optional.empty()
                    : narrowest(own);
            narrowest.ifPresent(selected::add);
            for (int i = 0; i < own.size(); i++) {
                all.add(new RoundReading(i + 1, own.get(i), narrowest.isPresent() && own.get(i) == narrowest.get()));
            }
        }
        List<Camera> sampled = cameras.stream().filter(camera -> selected.stream()
                .anyMatch(reading -> reading.serial().equals(camera.serial()))).toList();
        List<CameraPtpDataSet> ptp = outOfTime || !readPtpDataSets ? List.of()
                : latcher.ptpDataSets(sampled, callTimeoutNs, deadlineNanoTime);
        return new Sample(selected, all, failures, outOfTime, ptp);
    }

    @Override
    public void close() {
        latcher.close();
    }

    /** The usable reading with the narrowest bracket, the earliest of equals; none when the host clock stepped in all. */
    static Optional<LatchReading> narrowest(List<LatchReading> readings) {
        return readings.stream().filter(LatchReading::usable).min(Comparator.comparingLong(LatchReading::bracketNs));
    }
}
