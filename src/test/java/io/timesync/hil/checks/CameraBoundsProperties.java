package io.timesync.hil.checks;

import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.LatchReading;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The camera bounds proved against brute force: for generated samples of 2 to 8 cameras, every true offset the
 * brackets allow is tried at the corners of the box (2^n combinations) and at random points inside it; the
 * reported delta-to-median bound must contain every true delta and be reached, and a pairwise verdict must hold
 * for every one of them.
 */
class CameraBoundsProperties {
    private static final int INTERIOR_POINTS = 64;

    /** A camera's offset box: where its true offset lies, from its bracket. */
    record Box(long lowNs, long highNs) {
    }

    @Provide
    Arbitrary<List<Box>> boxes() {
        Arbitrary<Box> box = Combinators.combine(Arbitraries.longs().between(-5_000_000, 5_000_000),
                Arbitraries.longs().between(0, 3_000_000)).as((center, width) -> new Box(center - width / 2,
                center - width / 2 + width));
        return box.list().ofMinSize(2).ofMaxSize(8);
    }

    @Property(tries = 400)
    void theDeltaToTheMedianBoundContainsEveryTrueDeltaAndIsReached(@ForAll("boxes") List<Box> boxes,
                                                                      @ForAll long seed) {
        List<CameraSampleJudgement> judged = judge(boxes, 1);
        for (int i = 0; i < boxes.size(); i++) {
            Interval bound = judged.get(i).deltaToMedian();
            long highestTwiceNs = Long.MIN_VALUE;
            long lowestTwiceNs = Long.MAX_VALUE;
            for (long[] offsets : candidates(boxes, seed)) {
                long twiceDeltaNs = 2 * offsets[i] - twiceMedian(offsets);
                assertThat(2 * bound.lowNs() <= twiceDeltaNs && twiceDeltaNs <= 2 * bound.highNs())
                        .as("camera %d: true delta %s ns outside the bound %s (boxes %s)", i, twiceDeltaNs / 2.0,
                                bound, boxes).isTrue();
                highestTwiceNs = Math.max(highestTwiceNs, twiceDeltaNs);
                lowestTwiceNs = Math.min(lowestTwiceNs, twiceDeltaNs);
            }
            // exact up to the median's rounding to whole ns: the bound is no looser than the truth allows
            assertThat(2 * bound.highNs() - highestTwiceNs).as("bound %s reached above", bound).isBetween(0L, 2L);
            assertThat(lowestTwiceNs - 2 * bound.lowNs()).as("bound %s reached below", bound).isBetween(0L, 2L);
        }
    }

    @Property(tries = 400)
    void aPairwiseVerdictHoldsForEveryTrueOffset(@ForAll("boxes") List<Box> boxes,
                                                 @ForAll @IntRange(min = 1, max = 6_000) int thresholdUs,
                                                 @ForAll long seed) {
        long thresholdNs = thresholdUs * 1_000L;
        List<CameraSampleJudgement> judged = judge(boxes, thresholdNs);
        for (int i = 0; i < boxes.size(); i++) {
            Verdict verdict = judged.get(i).verdict();
            for (long[] offsets : candidates(boxes, seed)) {
                long largestNs = 0;
                for (int j = 0; j < offsets.length; j++) {
                    largestNs = Math.max(largestNs, Math.abs(offsets[i] - offsets[j]));
                }
                if (verdict == Verdict.OK) {
                    assertThat(largestNs).as("camera %d OK, but truly %d ns from another", i, largestNs)
                            .isLessThanOrEqualTo(thresholdNs);
                } else if (verdict == Verdict.OUT_OF_TOLERANCE) {
                    assertThat(largestNs).as("camera %d out of tolerance, but truly within", i)
                            .isGreaterThan(thresholdNs);
                }
            }
        }
    }

    /** Every corner of the offset box, and random points inside it. */
    private static List<long[]> candidates(List<Box> boxes, long seed) {
        List<long[]> candidates = new ArrayList<>();
        int n = boxes.size();
        for (int corner = 0; corner < 1 << n; corner++) {
            long[] offsets = new long[n];
            for (int i = 0; i < n; i++) {
                offsets[i] = (corner & (1 << i)) != 0 ? boxes.get(i).highNs() : boxes.get(i).lowNs();
            }
            candidates.add(offsets);
        }
        Random random = new Random(seed);
        for (int point = 0; point < INTERIOR_POINTS; point++) {
            long[] offsets = new long[n];
            for (int i = 0; i < n; i++) {
                Box box = boxes.get(i);
                offsets[i] = box.lowNs() + (long) (random.nextDouble() * (box.highNs() - box.lowNs()));
            }
            candidates.add(offsets);
        }
        return candidates;
    }

    /** Twice the median: exact for an even count too. */
    private static long twiceMedian(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? 2 * sorted[middle] : sorted[middle - 1] + sorted[middle];
    }

    /** Readings whose offset boxes are the given ones: camera time and bracket chosen to produce them. */
    private static List<CameraSampleJudgement> judge(List<Box> boxes, long thresholdNs) {
        List<LatchReading> readings = new ArrayList<>();
        long beforeNs = 1_000_000_000L;
        for (int i = 0; i < boxes.size(); i++) {
            Box box = boxes.get(i);
            long afterNs = beforeNs + (box.highNs() - box.lowNs());
            readings.add(new LatchReading("c" + i, box.highNs() + beforeNs, beforeNs, afterNs));
            beforeNs = afterNs + 7_000;
        }
        return CameraAlignment.judge(new AlignmentResult.Sample(1, readings, 0, 0), thresholdNs, Optional.empty(), 0);
    }
}
