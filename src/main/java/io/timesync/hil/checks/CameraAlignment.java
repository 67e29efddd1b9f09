package io.timesync.hil.checks;

import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.LatchReading;
import io.timesync.hil.time.UtcOffset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges one sample of all cameras. A QA reader of "cameras within 100 ms" means any two cameras, so each
 * camera is judged by its largest difference to any other camera; each side of every difference carries its
 * own bracket. The delta to the median is the reference tool's figure, kept for the console and the report,
 * with a bound that holds wherever each camera latched inside its call.
 */
public final class CameraAlignment {
    private CameraAlignment() {
    }

    /** @param utcOffset present to also compare camera time with the host clock */
    public static List<CameraSampleJudgement> judge(AlignmentResult.Sample sample, long thresholdNs,
                                                    Optional<UtcOffset> utcOffset, long hostThresholdNs) {
        List<LatchReading> readings = sample.readings();
        List<Interval> offsets = readings.stream()
                .map(r -> new Interval(r.offsetLowNs(), r.offsetHighNs())).toList();
        long medianOffsetNs = medianFloor(readings.stream().mapToLong(LatchReading::offsetNs).toArray());
        long medianCameraTimeNs = medianFloor(readings.stream().mapToLong(LatchReading::cameraTimeNs).toArray());
        List<CameraSampleJudgement> judged = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            LatchReading reading = readings.get(i);
            Interval offset = offsets.get(i);
            long leastOfLargestNs = leastOfLargest(i, offsets);
            Optional<CameraSampleJudgement.Difference> farthest = farthest(i, readings, offsets);
            Verdict verdict = farthest.map(d -> Verdict.ofMagnitude(leastOfLargestNs, d.mostAbsNs(), thresholdNs))
                    .orElse(Verdict.INCONCLUSIVE);
            Optional<Interval> hostDelta = utcOffset.map(utc -> offset.minus(utc.offsetNs()));
            judged.add(new CameraSampleJudgement(sample.number(), reading, offset, farthest, verdict,
                    reading.offsetNs() - medianOffsetNs, deltaToMedian(i, offsets),
                    reading.cameraTimeNs() - medianCameraTimeNs, hostDelta,
                    hostDelta.map(delta -> Verdict.of(delta, hostThresholdNs))));
        }
        return judged;
    }

    /**
     * The other camera this one may differ from the most; empty when it is alone in the sample. The true largest
     * |difference| is at most its {@code mostAbsNs}.
     */
    private static Optional<CameraSampleJudgement.Difference> farthest(int i, List<LatchReading> readings,
                                                                      List<Interval> offsets) {
        CameraSampleJudgement.Difference farthest = null;
        for (int j = 0; j < readings.size(); j++) {
            if (j == i) {
                continue;
            }
            Interval difference = offsets.get(i).minus(offsets.get(j));
            if (farthest == null || difference.maxAbsNs() > farthest.mostAbsNs()) {
                farthest = new CameraSampleJudgement.Difference(readings.get(j).serial(), difference);
            }
        }
        return Optional.ofNullable(farthest);
    }

    /** The true largest |difference| to another camera is at least the largest of each pair's least |difference|. */
    private static long leastOfLargest(int i, List<Interval> offsets) {
        long least = 0;
        for (int j = 0; j < offsets.size(); j++) {
            if (j != i) {
                least = Math.max(least, offsets.get(i).minus(offsets.get(j)).minAbsNs());
            }
        }
        return least;
    }

    /**
     * Where the true {@code offset_i - median(offsets)} lies. The median does not decrease when any offset grows,
     * and grows at most as fast as offset_i, so the difference grows with offset_i and shrinks with every other
     * offset: its extremes are at the corners (offset_i high, the others low) and (offset_i low, the others
     * high).
     */
    static Interval deltaToMedian(int i, List<Interval> offsets) {
        long[] forHighest = new long[offsets.size()];
        long[] forLowest = new long[offsets.size()];
        for (int j = 0; j < offsets.size(); j++) {
            forHighest[j] = j == i ? offsets.get(j).highNs() : offsets.get(j).lowNs();
            forLowest[j] = j == i ? offsets.get(j).lowNs() : offsets.get(j).highNs();
        }
        return new Interval(offsets.get(i).lowNs() - medianCeil(forLowest),
                offsets.get(i).highNs() - medianFloor(forHighest));
    }

    /** The median, rounded down (an even count takes the mean of the middle two). */
    static long medianFloor(long[] values) {
        long[] sorted = sorted(values);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : Math.floorDiv(sorted[middle - 1] + sorted[middle], 2);
    }

    static long medianCeil(long[] values) {
        long[] sorted = sorted(values);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : -Math.floorDiv(-(sorted[middle - 1] + sorted[middle]), 2);
    }

    private static long[] sorted(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no value to take the median of");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** Every camera's judgements over the whole measurement, in sample order. */
    public static List<CameraSampleJudgement> judgeAll(AlignmentResult result, long thresholdNs,
                                                       Optional<UtcOffset> utcOffset, long hostThresholdNs) {
        return result.samples().stream()
                .flatMap(sample -> judge(sample, thresholdNs, utcOffset, hostThresholdNs).stream())
                .sorted(Comparator.comparingInt(CameraSampleJudgement::sample))
                .toList();
    }
}
