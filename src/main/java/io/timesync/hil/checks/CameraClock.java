package io.timesync.hil.checks;

import io.timesync.hil.camera.LatchReading;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a camera's clock runs at all: a clock that latches 0, stands still, runs backwards or at a rate no
 * PTP servo would allow cannot be within any threshold, whatever one sample happens to show. Judged from every
 * latch of the run (warm-up and rounds included), so even a single-sample run sees it; only what the host-clock
 * brackets prove is reported.
 */
public final class CameraClock {
    /** A PTP-disciplined camera clock runs within a few ppm of its master; ±1000 ppm is far outside any servo. */
    public static final long RATE_TOLERANCE_PPM = 1000;
    /** Latch values carry some jitter and quantization (ticks of a few ns, tens of ns of noise). */
    static final long LATCH_JITTER_ALLOWANCE_NS = 1_000;

    private CameraClock() {
    }

    /** @param latches every usable latch of one camera, in the order taken */
    public static Optional<String> fault(List<LatchReading> latches) {
        for (LatchReading latch : latches) {
            if (latch.cameraTimeNs() == 0) {
                return Optional.of("the camera latched time 0: its clock is not running (or TimestampLatchValue is not "
                        + "implemented)");
            }
        }
        List<LatchReading> usable = latches.stream().filter(LatchReading::usable).toList();
        for (int i = 1; i < usable.size(); i++) {
            Optional<String> backwards = backwards(usable.get(i - 1), usable.get(i));
            if (backwards.isPresent()) {
                return backwards;
            }
        }
        if (usable.size() < 2) {
            return Optional.empty();
        }
        Optional<String> overall = rate(usable.get(0), usable.get(usable.size() - 1), "its first and last latch");
        if (overall.isPresent() || usable.size() < 4) {
            return overall;
        }
        // a slow first or last call (a cold start, a loaded host) widens what the host elapsed time may be by its
        // whole bracket; the narrowest latch of the first and of the last quarter bound it far tighter
        int quarter = usable.size() / 4;
        LatchReading early = narrowest(usable.subList(0, quarter));
        LatchReading late = narrowest(usable.subList(usable.size() - quarter, usable.size()));
        return rate(early, late, "its narrowest-bracketed early and late latches");
    }

    private static LatchReading narrowest(List<LatchReading> latches) {
        return latches.stream().min(Comparator.comparingLong(LatchReading::bracketNs)).orElseThrow();
    }

    private static Optional<String> backwards(LatchReading earlier, LatchReading later) {
        long cameraElapsedNs = later.cameraTimeNs() - earlier.cameraTimeNs();
        long hostLeastElapsedNs = later.hostBeforeNs() - earlier.hostAfterNs();
        if (hostLeastElapsedNs >= 0 && cameraElapsedNs < -LATCH_JITTER_ALLOWANCE_NS) {
            return Optional.of("the camera clock went backwards by " + -cameraElapsedNs + " ns between two latches ("
                    + earlier.cameraTimeNs() + " ns, then " + later.cameraTimeNs() + " ns) while the host clock "
                    + "advanced: its clock jumped");
        }
        return Optional.empty();
    }

    /** What {@value #RATE_TOLERANCE_PPM} ppm of {@code elapsedNs} is, rounded up. */
    private static long rateAllowanceNs(long elapsedNs) {
        return -Math.floorDiv(-elapsedNs * RATE_TOLERANCE_PPM, 1_000_000);
    }

    /**
     * The camera's elapsed time against the host's between the first and the last latch: the host's lies in
     * [later.before - earlier.after, later.after - earlier.before]; a camera clock that certainly falls outside
     * ±{@value #RATE_TOLERANCE_PPM} ppm of every host elapsed time in that range is reported.
     */
    static Optional<String> rate(LatchReading first, LatchReading last) {
        return rate(first, last, "its first and last latch");
    }

    private static Optional<String> rate(LatchReading first, LatchReading last, String which) {
        long cameraElapsedNs = last.cameraTimeNs() - first.cameraTimeNs();
        long hostLeastNs = last.hostBeforeNs() - first.hostAfterNs();
        long hostMostNs = last.hostAfterNs() - first.hostBeforeNs();
        if (hostLeastNs <= 0) {
            return Optional.empty(); // brackets overlap: no elapsed time is proven
        }
        long slowestNs = hostLeastNs - rateAllowanceNs(hostLeastNs) - LATCH_JITTER_ALLOWANCE_NS;
        long fastestNs = hostMostNs + rateAllowanceNs(hostMostNs) + LATCH_JITTER_ALLOWANCE_NS;
        String between = " between " + which + " (" + first.cameraTimeNs() + " ns, then "
                + last.cameraTimeNs() + " ns) while the host clock advanced " + hostLeastNs + " to " + hostMostNs + " ns";
        if (cameraElapsedNs == 0) {
            return Optional.of("the camera clock did not advance" + between + ": its clock is frozen");
        }
        if (cameraElapsedNs < slowestNs) {
            return Optional.of("the camera clock advanced only " + cameraElapsedNs + " ns" + between
                    + ": it runs slower than any PTP servo allows (" + RATE_TOLERANCE_PPM + " ppm)");
        }
        if (cameraElapsedNs > fastestNs) {
            return Optional.of("the camera clock advanced " + cameraElapsedNs + " ns" + between
                    + ": it runs faster than any PTP servo allows (" + RATE_TOLERANCE_PPM + " ppm), or it jumped");
        }
        return Optional.empty();
    }
}
