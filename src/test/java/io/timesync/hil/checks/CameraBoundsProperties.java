package io.timesync.hil.checks;

import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.LatchReading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The camera bounds proved against brute force, as properties over generated samples: for 2 to 8 cameras with
 * random offset boxes (where each camera's true offset lies, from its bracket), every true offset is tried at the
 * corners of the box (2^n combinations) and at random points inside it; the reported delta-to-median bound must
 * contain every true delta and be reached, and a pairwise verdict must hold for every one of them. The generator is
 * seeded: a failure names the case, and the same seed reproduces it.
 */
class CameraBoundsProperties {
    private static final int CASES = 600;
    private static final int INTERIOR_POINTS = 64;

    /** A camera's offset box: where its true offset lies, from its bracket. */
    record Box(long lowNs, long highNs) {
    }

    @Test
    void theDeltaToTheMedianBoundContainsEveryTrueDeltaAndIsReached() {
        Random random = new Random(1);
        for (int c = 0; c < CASES; c++) {
            List<Box> boxes = boxes(random);
            List<CameraSampleJudgement> judged = judge(boxes, 1);
            for (int i = 0; i < boxes.size(); i++) {
                Interval bound = judged.get(i).deltaToMedian();
                long highestTwiceNs = Long.MIN_VALUE;
                long lowestTwiceNs = Long.MAX_VALUE;
                for (long[] offsets : candidates(boxes, random)) {
                    long twiceDeltaNs = 2 * offsets[i] - twiceMedian(offsets);
                    assertThat(2 * bound.lowNs() <= twiceDeltaNs && twiceDeltaNs <= 2 * bound.highNs())
                            .as("case %d, camera %d: true delta %s ns outside the bound %s (boxes %s)", c, i,
                                    twiceDeltaNs / 2.0, bound, boxes).isTrue();
                    highestTwiceNs = Math.max(highestTwiceNs, twiceDeltaNs);
                    lowestTwiceNs = Math.min(lowestTwiceNs, twiceDeltaNs);
                }
                // exact up to the median's rounding to whole ns: no looser than the truth allows
                assertThat(2 * bound.highNs() - highestTwiceNs).as("case %d: %s reached above", c, bound)
                        .isBetween(0L, 2L);
                assertThat(lowestTwiceNs - 2 * bound.lowNs()).as("case %d: %s reached below", c, bound)
                        .isBetween(0L, 2L);
            }
        }
    }

    @Test
    void aPairwiseVerdictHoldsForEveryTrueOffset() {
        Random random = new Random(2);
        for (int c = 0; c < CASES; c++) {
            List<Box> boxes = boxes(random);
            long thresholdNs = (1 + random.nextInt(6_000)) * 1_000L;
            List<CameraSampleJudgement> judged = judge(boxes, thresholdNs);
            for (int i = 0; i < boxes.size(); i++) {
                Verdict verdict = judged.get(i).verdict();
                for (long[] offsets : candidates(boxes, random)) {
                    long largestNs = 0;
                    for (long offset : offsets) {
                        largestNs = Math.max(largestNs, Math.abs(offsets[i] - offset));
                    }
                    if (verdict == Verdict.OK) {
                        assertThat(largestNs).as("case %d, camera %d OK, but truly %d ns from another (%s)", c, i,
                                largestNs, boxes).isLessThanOrEqualTo(thresholdNs);
                    } else if (verdict == Verdict.OUT_OF_TOLERANCE) {
                        assertThat(largestNs).as("case %d, camera %d out of tolerance, but truly within (%s)", c, i,
                                boxes).isGreaterThan(thresholdNs);
                    }
                }
            }
        }
    }

    /** 2 to 8 boxes, centred within ±5 ms, 0 to 3 ms wide. */
    private static List<Box> boxes(Random random) {
        List<Box> boxes = new ArrayList<>();
        int cameras = 2 + random.nextInt(7);
        for (int i = 0; i < cameras; i++) {
            long center = random.nextInt(10_000_001) - 5_000_000;
            long width = random.nextInt(3_000_001);
            boxes.add(new Box(center - width / 2, center - width / 2 + width));
        }
        return boxes;
    }

    /** Every corner of the offset box, and random points inside it. */
    private static List<long[]> candidates(List<Box> boxes, Random random) {
        List<long[]> candidates = new ArrayList<>();
        int n = boxes.size();
        for (int corner = 0; corner < 1 << n; corner++) {
            long[] offsets = new long[n];
            for (int i = 0; i < n; i++) {
                offsets[i] = (corner & (1 << i)) != 0 ? boxes.get(i).highNs() : boxes.get(i).lowNs();
            }
            candidates.add(offsets);
        }
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
        return CameraAlignment.judge(new AlignmentResult.Sample(1, readings, 0, 0, List.of()), thresholdNs, Optional.empty(), 0);
    }
}
