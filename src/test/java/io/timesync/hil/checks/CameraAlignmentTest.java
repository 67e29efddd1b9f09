package io.timesync.hil.checks;

import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.LatchReading;
import io.timesync.hil.time.UtcOffset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CameraAlignmentTest {
    private static final long TAI_NS = 37_000_000_000L;
    private static final long THRESHOLD_NS = 100_000;
    private static final Optional<UtcOffset> TAI = Optional.of(new UtcOffset(TAI_NS, "test"));

    /**
     * Cameras latched one after another (as the reference tool did), each 1 ms later: the raw camera times
     * differ by milliseconds, but each camera's offset at its own latch instant shows they agree.
     */
    @Test
    void refersEachCameraToTheHostClockAtItsOwnLatchInstant() {
        List<CameraSampleJudgement> judged = judge(THRESHOLD_NS, reading("a", 1_000_000, 0),
                reading("b", 2_000_000, 0), reading("c", 3_000_000, 5_000)); // c runs 5 µs ahead

        assertThat(judged).extracting(CameraSampleJudgement::deltaToMedianNs).containsExactly(0L, 0L, 5_000L);
        assertThat(judged).extracting(CameraSampleJudgement::rawDeltaToMedianNs)
                .containsExactly(-1_000_000L, 0L, 1_005_000L);
        assertThat(judged).extracting(CameraSampleJudgement::verdict).containsOnly(Verdict.OK);
        assertThat(judged).extracting(j -> j.hostDelta().orElseThrow().midNs()).containsExactly(0L, 0L, 5_000L);
    }

    /** "Cameras within 100 ms" means any two: two cameras 150 ms apart both fail, though each is 75 ms off the median. */
    @Test
    void judgesEachCameraByItsLargestDifferenceToAnyOther() {
        List<CameraSampleJudgement> judged = judge(100_000_000, reading("a", 0, -75_000_000),
                reading("b", 0, 75_000_000));

        assertThat(judged).extracting(CameraSampleJudgement::deltaToMedianNs).containsExactly(-75_000_000L, 75_000_000L);
        assertThat(judged).extracting(CameraSampleJudgement::verdict).containsOnly(Verdict.OUT_OF_TOLERANCE);
        assertThat(judged.get(0).farthest().orElseThrow().serial()).isEqualTo("b");
        assertThat(judged.get(0).farthest().orElseThrow().estimateNs()).isEqualTo(-150_000_000L);
    }

    /** Four cameras at ±99 ms of their median are all "OK" to the reference; pairwise they are 198 ms apart. */
    @Test
    void camerasWithinTheThresholdOfTheMedianCanBeTwiceItApart() {
        List<CameraSampleJudgement> judged = judge(100_000_000, reading("a", 0, -99_000_000),
                reading("b", 0, -99_000_000), reading("c", 0, 99_000_000), reading("d", 0, 99_000_000));

        assertThat(judged).allSatisfy(j -> assertThat(Math.abs(j.deltaToMedianNs())).isLessThanOrEqualTo(99_000_000L));
        assertThat(judged).extracting(CameraSampleJudgement::verdict).containsOnly(Verdict.OUT_OF_TOLERANCE);
    }

    /**
     * The smallest case: true offsets 0 / +300 / +600 µs; A and C latch at the start of 200 µs calls, B at
     * the end of a 2 ms call, C halfway. Taking the median camera's uncertainty as the median's bound, A read
     * −700 ± 200 µs against a true −300 µs. The bound here holds wherever each camera latched.
     */
    @Test
    void theDeltaToTheMedianIsBoundedWhereverEachCameraLatched() {
        LatchReading a = new LatchReading("a", TAI_NS + 1_000_000, 1_000_000, 1_200_000); // latched at its start
        LatchReading b = new LatchReading("b", TAI_NS + 4_000_000 + 300_000, 2_000_000, 4_000_000); // at its end
        LatchReading c = new LatchReading("c", TAI_NS + 5_100_000 + 600_000, 5_000_000, 5_200_000); // halfway
        List<CameraSampleJudgement> judged = judge(450_000, a, b, c);

        CameraSampleJudgement judgedA = judged.get(0);
        assertThat(judgedA.deltaToMedianNs()).isEqualTo(-700_000);
        assertThat(judgedA.deltaToMedian().contains(-300_000)).as("true delta within %s", judgedA.deltaToMedian())
                .isTrue();
        // A and C are truly 600 µs apart: over 450 µs, whatever the latch positions
        assertThat(judgedA.verdict()).isEqualTo(Verdict.OUT_OF_TOLERANCE);
        // B, a 2 ms bracket, may be the farthest of all: up to 2.5 ms away, at least 300 µs
        assertThat(judgedA.farthest().orElseThrow().serial()).isEqualTo("b");
        assertThat(judgedA.farthest().orElseThrow().difference()).isEqualTo(new Interval(-2_500_000, -300_000));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        List<CameraSampleJudgement> judged = judge(THRESHOLD_NS, reading("a", 0, 0), reading("b", 0, 3_000),
                reading("c", 0, -2_000), reading("d", 0, 50_000));

        assertThat(judged).extracting(CameraSampleJudgement::deltaToMedianNs)
                .containsExactly(-1_500L, 1_500L, -3_500L, 48_500L);
    }

    @Test
    void aLoneCameraProvesNothing() {
        assertThat(judge(THRESHOLD_NS, reading("a", 0, 0))).extracting(CameraSampleJudgement::verdict)
                .containsExactly(Verdict.INCONCLUSIVE);
    }

    @Test
    void theVerdictHoldsAtBothEdgesOfTheBound() {
        // b's offset is known to ±500 ns: [99_500, 100_500] apart from a's [-500, 500]
        assertThat(judge(100_000, reading("a", 0, 0), reading("b", 0, 100_000)).get(0).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judge(101_000, reading("a", 0, 0), reading("b", 0, 100_000)).get(0).verdict())
                .isEqualTo(Verdict.OK);
        assertThat(judge(101_000, reading("a", 0, 0), reading("b", 0, 102_001)).get(0).verdict())
                .isEqualTo(Verdict.OUT_OF_TOLERANCE);
        assertThat(judge(101_000, reading("a", 0, 0), reading("b", 0, 102_000)).get(0).verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void medianRoundsTowardsTheBoundsSide() {
        assertThat(CameraAlignment.medianFloor(new long[] {1, 2})).isEqualTo(1);
        assertThat(CameraAlignment.medianCeil(new long[] {1, 2})).isEqualTo(2);
        assertThat(CameraAlignment.medianFloor(new long[] {-2, -1})).isEqualTo(-2);
        assertThat(CameraAlignment.medianCeil(new long[] {-2, -1})).isEqualTo(-1);
        assertThat(CameraAlignment.medianFloor(new long[] {5, 1, 3})).isEqualTo(3);
    }

    @Test
    void statisticsAreTheReferencesPlusTheWorstBound() {
        List<CameraSampleJudgement> samples = List.of(
                judge(THRESHOLD_NS, reading("a", 0, -1_000), reading("b", 0, 0)).get(0),
                judge(THRESHOLD_NS, reading("a", 0, 1_000), reading("b", 0, 0)).get(0),
                judge(THRESHOLD_NS, reading("a", 0, 3_000), reading("b", 0, 0)).get(0));

        CameraStatistics statistics = CameraStatistics.of("a", samples);

        // deltas to the median of two cameras: half the difference
        assertThat(statistics.meanDeltaNs()).isEqualTo(500);
        assertThat(statistics.maxAbsDeltaNs()).isEqualTo(1_500);
        assertThat(statistics.maxDifferenceNs()).isEqualTo(3_000);
        assertThat(statistics.verdict()).isEqualTo(Verdict.OK);
    }

    /** Latched at {@code latchedAtNs} host time (bracket ±500 ns) by a camera {@code aheadNs} ahead of PTP time. */
    static LatchReading reading(String serial, long latchedAtNs, long aheadNs) {
        return new LatchReading(serial, latchedAtNs + TAI_NS + aheadNs, latchedAtNs - 500, latchedAtNs + 500);
    }

    private static List<CameraSampleJudgement> judge(long thresholdNs, LatchReading... readings) {
        return CameraAlignment.judge(new AlignmentResult.Sample(1, Arrays.asList(readings), 0, 0, List.of()), thresholdNs, TAI,
                THRESHOLD_NS);
    }
}
