package io.timesync.hil.checks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small values the checks are built from: intervals, verdicts, statistics, diagnoses. */
class ValuesTest {
    @Test
    void anIntervalKnowsTheLeastAndTheMostItsValueCanBe() {
        Interval straddling = new Interval(-300, 500);
        Interval positive = new Interval(200, 700);
        Interval negative = new Interval(-900, -100);

        assertThat(straddling.minAbsNs()).isZero();
        assertThat(straddling.maxAbsNs()).isEqualTo(500);
        assertThat(positive.minAbsNs()).isEqualTo(200);
        assertThat(negative.minAbsNs()).isEqualTo(100);
        assertThat(negative.maxAbsNs()).isEqualTo(900);
        assertThat(new Interval(0, 0).minAbsNs()).isZero();
        assertThat(new Interval(0, 40).minAbsNs()).isZero();
        assertThat(new Interval(-40, 0).minAbsNs()).isZero();
        assertThat(straddling.midNs()).isEqualTo(100);
        assertThat(straddling.halfWidthNs()).isEqualTo(400);
        assertThat(new Interval(0, 3).halfWidthNs()).isEqualTo(2);
        assertThat(positive.minus(straddling)).isEqualTo(new Interval(-300, 1_000));
        assertThat(positive.minus(100)).isEqualTo(new Interval(100, 600));
        assertThat(positive.contains(200)).isTrue();
        assertThat(positive.contains(700)).isTrue();
        assertThat(positive.contains(199)).isFalse();
        assertThat(positive.contains(701)).isFalse();
        assertThat(Interval.of(5)).isEqualTo(new Interval(5, 5));
        assertThatThrownBy(() -> new Interval(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerdictHoldsAtBothEdges() {
        assertThat(Verdict.of(new Interval(-100, 100), 100)).isEqualTo(Verdict.OK);
        assertThat(Verdict.of(new Interval(-100, 101), 100)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.of(new Interval(100, 150), 100)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.of(new Interval(101, 150), 100)).isEqualTo(Verdict.OUT_OF_TOLERANCE);
        assertThat(Verdict.of(new Interval(-150, -101), 100)).isEqualTo(Verdict.OUT_OF_TOLERANCE);
        assertThat(Verdict.ofMagnitude(0, 100, 100)).isEqualTo(Verdict.OK);
    }

    @Test
    void onlyAPassedFindingPasses() {
        assertThat(Finding.passed("r", "m").passed()).isTrue();
        assertThat(Finding.failed("r", "m", "why").passed()).isFalse();
        assertThat(Finding.skipped("why").passed()).isFalse();
    }

    @Test
    void theWorseVerdictWins() {
        assertThat(Verdict.OK.worse(Verdict.OK)).isEqualTo(Verdict.OK);
        assertThat(Verdict.OK.worse(Verdict.INCONCLUSIVE)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.INCONCLUSIVE.worse(Verdict.OK)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.INCONCLUSIVE.worse(Verdict.OUT_OF_TOLERANCE)).isEqualTo(Verdict.OUT_OF_TOLERANCE);
        assertThat(Verdict.OUT_OF_TOLERANCE.worse(Verdict.OK)).isEqualTo(Verdict.OUT_OF_TOLERANCE);
    }

    @Test
    void diffStatisticsAreMeanAndNearestRankPercentiles() {
        long[] diffs = new long[100];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = (100 - i) * 1_000L; // 100 000 down to 1 000, unsorted
        }

        DiffStatistics statistics = DiffStatistics.of(diffs);

        assertThat(statistics).isEqualTo(new DiffStatistics(100, 50_500, 50_000, 99_000, 100_000, 1_000));
        assertThat(DiffStatistics.of(new long[] {-3, 7, 2})).isEqualTo(new DiffStatistics(3, 2, 2, 7, 7, -3));
        assertThat(DiffStatistics.of(new long[0])).isEqualTo(new DiffStatistics(0, 0, 0, 0, 0, 0));
    }

    @Test
    void farOffTimestampsAreExplained() {
        long tai = 37_000_000_000L;
        assertThat(TimestampDiagnosis.explain(20_535L * 86_400_000_000_000L, tai)).hasValueSatisfying(text ->
                assertThat(text).startsWith("the sensor's timestamps are 20535 days off").contains("TIME_FROM_INTERNAL_OSC"));
        assertThat(TimestampDiagnosis.explain(-86_400_000_000_001L, tai)).hasValueSatisfying(text ->
                assertThat(text).contains("1 days off"));
        assertThat(TimestampDiagnosis.explain(86_400_000_000_000L, tai)).hasValueSatisfying(text ->
                assertThat(text).startsWith("whole seconds off"));
        assertThat(TimestampDiagnosis.explain(tai + 400_000_000, tai)).hasValueSatisfying(text ->
                assertThat(text).startsWith("the diff is about the TAI - UTC offset (37 s)"));
        assertThat(TimestampDiagnosis.explain(-tai + 999_999_999, tai)).hasValueSatisfying(text ->
                assertThat(text).startsWith("the diff is about the TAI - UTC offset"));
        assertThat(TimestampDiagnosis.explain(tai + 1_000_000_000, tai)).hasValueSatisfying(text ->
                assertThat(text).startsWith("whole seconds off"));
        assertThat(TimestampDiagnosis.explain(tai, 0)).hasValueSatisfying(text ->
                assertThat(text).startsWith("whole seconds off"));
        assertThat(TimestampDiagnosis.explain(1_000_000_000, tai)).isEmpty();
        assertThat(TimestampDiagnosis.explain(1_000_000_001, tai)).hasValueSatisfying(text ->
                assertThat(text).startsWith("whole seconds off"));
        assertThat(TimestampDiagnosis.explain(20_000_000, tai)).isEmpty();
        assertThat(TimestampDiagnosis.explain(20_000_000, 0)).as("no TAI offset to mix up").isEmpty();
    }

    @Test
    void cameraStatisticsSummarizeEverySample() {
        CameraSampleJudgement first = judgement(1, -1_000, new Interval(-1_600, -400), 2_500, Verdict.OK,
                Optional.of(new Interval(-700, 300)), Optional.of(Verdict.OK));
        CameraSampleJudgement second = judgement(2, 3_000, new Interval(2_000, 4_000), -4_000, Verdict.INCONCLUSIVE,
                Optional.of(new Interval(-6_000, -2_000)), Optional.of(Verdict.OUT_OF_TOLERANCE));

        CameraStatistics statistics = CameraStatistics.of("a", List.of(first, second));

        assertThat(statistics).isEqualTo(new CameraStatistics("a", 2, 1_000, 2_000, 3_000, 1_000, 4_000, 4_000,
                Verdict.INCONCLUSIVE, Optional.of(4_000L), Optional.of(Verdict.OUT_OF_TOLERANCE)));
        assertThat(CameraStatistics.of("a", List.of(judgement(1, 0, Interval.of(0), 0, Verdict.OK, Optional.empty(),
                Optional.empty())))).extracting(CameraStatistics::maxAbsHostDeltaNs, CameraStatistics::hostVerdict)
                .containsExactly(Optional.empty(), Optional.empty());
    }

    private static CameraSampleJudgement judgement(int sample, long deltaNs, Interval deltaBound, long differenceNs,
                                                   Verdict verdict, Optional<Interval> host, Optional<Verdict> hostVerdict) {
        return new CameraSampleJudgement(sample, new io.timesync.hil.camera.LatchReading("a", 0, 0, 0), Interval.of(0),
                Optional.of(new CameraSampleJudgement.Difference("b", Interval.of(differenceNs))), verdict, deltaNs,
                deltaBound, 0, host, hostVerdict);
    }
}
