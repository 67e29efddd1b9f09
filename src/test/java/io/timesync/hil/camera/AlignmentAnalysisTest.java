package io.timesync.hil.camera;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class AlignmentAnalysisTest {
    private static final long TAI_NS = 37_000_000_000L;
    private static final long THRESHOLD_NS = 100_000;

    /**
     * Cameras latched one after another (as the reference tool did), each 1 ms later: the raw camera times
     * differ by milliseconds, but each camera's offset at its own latch instant shows they agree.
     */
    @Test
    void refersEachCameraToTheHostClockAtItsOwnLatchInstant() {
        List<LatchReading> readings = List.of(
                reading("a", 1_000_000, 0),
                reading("b", 2_000_000, 0),
                reading("c", 3_000_000, 5_000)); // c runs 5 µs ahead

        List<CameraSample> samples = AlignmentAnalysis.judge(1, readings, THRESHOLD_NS, OptionalLong.of(TAI_NS),
                THRESHOLD_NS);

        assertThat(samples).extracting(CameraSample::deltaNs).containsExactly(0L, 0L, 5_000L);
        assertThat(samples).extracting(CameraSample::rawDeltaToMedianNs).containsExactly(-1_000_000L, 0L, 1_005_000L);
        assertThat(samples).extracting(CameraSample::verdict).containsOnly(Verdict.OK);
        assertThat(samples).extracting(s -> s.hostDeltaNs().orElseThrow()).containsExactly(0L, 0L, 5_000L);
    }

    @Test
    void deltaUncertaintyAddsTheMediansUncertaintyToTheCamerasOwn() {
        List<LatchReading> readings = List.of(
                new LatchReading("a", 1_000 + TAI_NS, 0, 2_000),         // ±1000
                new LatchReading("b", 1_000 + TAI_NS, 0, 2_000),
                new LatchReading("c", 1_500 + TAI_NS, 500, 2_500));      // ±1000, median is a/b

        List<CameraSample> samples = AlignmentAnalysis.judge(1, readings, THRESHOLD_NS, OptionalLong.empty(), 0);

        assertThat(samples).extracting(CameraSample::uncertaintyNs).containsOnly(1_000L);
        assertThat(samples).extracting(CameraSample::deltaUncertaintyNs).containsOnly(2_000L);
        assertThat(samples).allSatisfy(sample -> assertThat(sample.hostDeltaNs()).isEmpty());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        List<LatchReading> readings = List.of(reading("a", 0, 0), reading("b", 0, 3_000), reading("c", 0, -2_000),
                reading("d", 0, 50_000));

        assertThat(AlignmentAnalysis.judge(1, readings, THRESHOLD_NS, OptionalLong.empty(), 0))
                .extracting(CameraSample::deltaNs).containsExactly(-1_500L, 1_500L, -3_500L, 48_500L);
    }

    @Test
    void aLoneCameraProvesNothing() {
        assertThat(AlignmentAnalysis.judge(1, List.of(reading("a", 0, 0)), THRESHOLD_NS, OptionalLong.empty(), 0))
                .extracting(CameraSample::verdict).containsExactly(Verdict.INCONCLUSIVE);
    }

    @ParameterizedTest(name = "|{0}| ± {1} against {2}: {3}")
    @CsvSource({
        "50, 10, 100, OK",
        "-90, 10, 100, OK",
        "95, 10, 100, INCONCLUSIVE",
        "110, 10, 100, INCONCLUSIVE",
        "115, 10, 100, OUT_OF_TOLERANCE",
        "-111, 10, 100, OUT_OF_TOLERANCE",
        "0, 150, 100, INCONCLUSIVE",
        "200, 150, 100, INCONCLUSIVE"})
    void aVerdictHoldsAtBothEdgesOfTheUncertainty(long valueNs, long uncertaintyNs, long thresholdNs, Verdict verdict) {
        assertThat(Verdict.judge(valueNs, uncertaintyNs, thresholdNs)).isEqualTo(verdict);
    }

    @Test
    void statisticsAreTheReferencesPlusTheWorstUncertainty() {
        List<CameraSample> samples = List.of(sample(1, -1_000, 50), sample(2, 1_000, 70), sample(3, 3_000, 60));

        CameraStatistics statistics = CameraStatistics.of("a", samples);

        assertThat(statistics.meanDeltaNs()).isEqualTo(1_000);
        assertThat(statistics.stddevNs()).isEqualTo(1_633); // population stddev of -1000, 1000, 3000
        assertThat(statistics.maxAbsDeltaNs()).isEqualTo(3_000);
        assertThat(statistics.maxDeltaUncertaintyNs()).isEqualTo(70);
        assertThat(statistics.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void printsTheReferencesLineWithExactMilliseconds() {
        assertThat(AlignmentLog.sampleLine(sample(1, -1_631_232, 381)))
                .isEqualTo("serial=a, camera_time_ns=1759801914897358848, delta_to_median_ms=-1.631232, verdict=OK, "
                        + "uncertainty_ms=0.000381, raw_delta_to_median_ms=-1.631232");
    }

    /** Latched at {@code latchedAtNs} host time (bracket ±500 ns) by a camera {@code aheadNs} ahead of PTP time. */
    private static LatchReading reading(String serial, long latchedAtNs, long aheadNs) {
        return new LatchReading(serial, latchedAtNs + TAI_NS + aheadNs, latchedAtNs - 500, latchedAtNs + 500);
    }

    private static CameraSample sample(int sample, long deltaNs, long uncertaintyNs) {
        return new CameraSample(sample, "a", 1_759_801_914_897_358_848L, 0, 0, 0, deltaNs, uncertaintyNs, uncertaintyNs,
                deltaNs, Verdict.OK, java.util.Optional.empty(), java.util.Optional.empty());
    }
}
