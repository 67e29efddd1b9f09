package io.timesync.hil.checks;

import io.timesync.hil.camera.LatchReading;

import java.util.Optional;

/**
 * One camera in one sample, judged. Every bound comes from the host-clock brackets alone, wherever inside its
 * call each camera latched.
 *
 * @param offset             where the camera's true offset to the host clock at its latch instant lies
 * @param farthest           the other camera it may differ from the most (empty: no other camera in the sample)
 * @param verdict            |difference to every other camera| against the threshold
 * @param deltaToMedianNs    the reference tool's figure, referred to the host clock: offset minus the median
 *                           offset (midpoint estimates)
 * @param deltaToMedian      where the true delta to the true median lies
 * @param rawDeltaToMedianNs the reference tool's raw figure: camera time minus the median camera time,
 *                           ignoring when each camera latched
 * @param hostDelta          camera time turned from TAI into UTC minus the host clock, when compared
 */
public record CameraSampleJudgement(
        int sample,
        LatchReading reading,
        Interval offset,
        Optional<Difference> farthest,
        Verdict verdict,
        long deltaToMedianNs,
        Interval deltaToMedian,
        long rawDeltaToMedianNs,
        Optional<Interval> hostDelta,
        Optional<Verdict> hostVerdict) {

    /** This camera's offset minus another's: where the true difference lies. */
    public record Difference(String serial, Interval difference) {
        /** From the bracket midpoints: the figure shown. */
        public long estimateNs() {
            return difference.midNs();
        }

        public long leastAbsNs() {
            return difference.minAbsNs();
        }

        public long mostAbsNs() {
            return difference.maxAbsNs();
        }
    }

    public String serial() {
        return reading.serial();
    }
}
