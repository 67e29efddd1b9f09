package io.timesync.hil.camera;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Judges one sample: each camera's offset to the host clock at the midpoint of its own latch bracket, its
 * delta to the median offset, and the uncertainty that follows from the brackets. Because every camera is
 * referred to the host clock at its own latch instant, cameras latched a little apart still compare
 * correctly, which the reference's raw camera-time median cannot do.
 */
public final class AlignmentAnalysis {
    private AlignmentAnalysis() {
    }

    /**
     * With fewer than two cameras there is nothing to compare (a lone camera is its own median), so every
     * inter-camera verdict is inconclusive.
     *
     * @param utcOffsetNs TAI - UTC for the host comparison; empty: no host comparison
     */
    public static List<CameraSample> judge(int sample, List<LatchReading> readings, long thresholdNs,
                                           OptionalLong utcOffsetNs, long hostThresholdNs) {
        List<Long> offsets = readings.stream().map(r -> r.cameraTimeNs() - r.hostMidpointNs()).toList();
        Median median = Median.of(offsets, readings.stream().map(LatchReading::uncertaintyNs).toList());
        long medianCameraTimeNs = Median.of(readings.stream().map(LatchReading::cameraTimeNs).toList(),
                readings.stream().map(r -> 0L).toList()).valueNs();
        List<CameraSample> judged = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            LatchReading reading = readings.get(i);
            long deltaNs = offsets.get(i) - median.valueNs();
            long deltaUncertaintyNs = reading.uncertaintyNs() + median.uncertaintyNs();
            Optional<Long> hostDeltaNs = utcOffsetNs.isPresent()
                    ? Optional.of(reading.cameraTimeNs() - utcOffsetNs.getAsLong() - reading.hostMidpointNs())
                    : Optional.empty();
            judged.add(new CameraSample(sample, reading.serial(), reading.cameraTimeNs(), reading.hostBeforeNs(),
                    reading.hostAfterNs(), offsets.get(i), deltaNs, reading.uncertaintyNs(), deltaUncertaintyNs,
                    reading.cameraTimeNs() - medianCameraTimeNs,
                    readings.size() < 2 ? Verdict.INCONCLUSIVE : Verdict.judge(deltaNs, deltaUncertaintyNs, thresholdNs),
                    hostDeltaNs,
                    hostDeltaNs.map(delta -> Verdict.judge(delta, reading.uncertaintyNs(), hostThresholdNs))));
        }
        return judged;
    }

    /** Median of values, with the uncertainty it inherits from the value(s) it is taken from. */
    record Median(long valueNs, long uncertaintyNs) {
        static Median of(List<Long> values, List<Long> uncertainties) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(values::get));
            int middle = order.size() / 2;
            if (order.size() % 2 == 1) {
                return new Median(values.get(order.get(middle)), uncertainties.get(order.get(middle)));
            }
            int low = order.get(middle - 1);
            int high = order.get(middle);
            long lowNs = values.get(low);
            return new Median(lowNs + (values.get(high) - lowNs) / 2,
                    (uncertainties.get(low) + uncertainties.get(high) + 1) / 2);
        }
    }
}
