package io.timesync.hil.checks;

import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.camera.AlignmentMeasurement;
import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.CameraPtpDataSet;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.camera.LatchReading;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;
import io.timesync.hil.time.UtcOffset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The camera findings, from measurements written by hand: each way a check can end, and what it says. */
class CameraChecksTest {
    private static final long TAI_NS = 37_000_000_000L;
    private static final long MS = 1_000_000;
    private static final Optional<UtcOffset> TAI = Optional.of(new UtcOffset(TAI_NS, "ptp4l (valid)"));

    @Test
    void passesWhenEverySampleProvesEveryPairWithin() {
        CameraRig.Measured measured = measured(2, Map.of(), Optional.empty(), sample(1, 0, 0, 5_000),
                sample(2, 100 * MS, 0, -5_000));

        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(finding.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(finding.required()).isEqualTo("|difference to every other camera| <= 1ms in each of 2 samples");
        assertThat(finding.measured()).startsWith("largest difference ").endsWith(" (to b, sample 1): certifies any threshold >= 0.006000 ms; 2 of 2 samples");
    }

    @Test
    void failsOnASampleOutOfToleranceAndListsIt() {
        CameraRig.Measured measured = measured(2, Map.of(), Optional.empty(), sample(1, 0, 0, 5_000),
                sample(2, 100 * MS, 0, 3 * MS));

        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(finding.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(finding.message()).startsWith("camera a differs from another camera by more than 1ms in 1 of 2 "
                + "samples\nexpected: |difference to every other camera| <= 1ms\n but was: sample 2: -3.000000 ms, "
                + "at least 2.999000 ms, to b");
    }

    @Test
    void aFailureProvenBeforeTheCameraWasLostStillFails() {
        CameraRig.Measured measured = measured(2, Map.of("a", lost()), Optional.empty(), sample(1, 0, 0, 3 * MS));

        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(finding.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(finding.message()).contains("in 1 of 1 samples (and then: Bench part unreachable: camera a: lost)");
    }

    @Test
    void aCameraLostWithoutAProvenFailureIsBroken() {
        CameraRig.Measured measured = measured(2, Map.of("a", lost()), Optional.empty(), sample(1, 0, 0, 5_000));

        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(finding.status()).isEqualTo(Finding.Status.BROKEN);
        assertThat(finding.cause()).containsInstanceOf(BenchPartUnreachableException.class);
        assertThat(finding.message()).startsWith("Bench part unreachable: camera a: lost");
    }

    @Test
    void aSampleThatCannotDecideLeavesItInconclusive() {
        CameraRig.Measured measured = measured(2, Map.of(), Optional.empty(), sample(1, 0, 0, MS));

        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(finding.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(finding.message()).startsWith("Measurement inconclusive: camera a: 1 of 1 samples cannot prove the "
                + "threshold: their bound straddles it, or no other camera was latched with it (sample 1: ");
    }

    @Test
    void fewerSamplesThanPlannedLeaveItInconclusiveWithWhy() {
        AlignmentResult.Stop stop = new AlignmentResult.Stop(AlignmentResult.Stop.Reason.OUT_OF_TIME, 1,
                "the measurement ran out of time after 1 of 3 samples");
        CameraRig.Measured measured = measured(3, Map.of(), Optional.of(stop), sample(1, 0, 0, 5_000));

        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(finding.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(finding.message()).isEqualTo("Measurement inconclusive: camera a: measured in 1 of 3 planned samples "
                + "(the measurement ran out of time after 1 of 3 samples)");
    }

    @Test
    void aStoppedClockFailsWhateverItsSamplesShow() {
        List<AlignmentResult.Sample> samples = List.of(sample(1, 0, 0, 5_000));
        List<AlignmentResult.Latch> latches = new ArrayList<>(latches(samples));
        // a warm-up latch of a, 10 ms earlier, with the same camera time: it did not advance
        LatchReading first = samples.get(0).readingOf("a").orElseThrow();
        latches.add(0, new AlignmentResult.Latch(0, 1, new LatchReading("a", first.cameraTimeNs(),
                first.hostBeforeNs() - 10 * MS, first.hostAfterNs() - 10 * MS), false));
        CameraRig.Measured measured = new CameraRig.Measured(new AlignmentResult(settings(1), List.of("a", "b"),
                samples, latches, Map.of(), Optional.empty()), TAI);

        Finding others = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, Timelines.HELD_THROUGHOUT);
        Finding host = CameraChecks.withinThresholdOfHostClock(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(others.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(others.message()).startsWith("camera a's clock: the camera clock did not advance")
                .contains("expected: a clock that advances with the host clock (within 1000 ppm)");
        assertThat(host.status()).isEqualTo(Finding.Status.FAILED);
    }

    @Test
    void comparesWithTheHostClockInUtc() {
        CameraRig.Measured measured = measured(1, Map.of(), Optional.empty(), sample(1, 0, 2 * MS, 2 * MS));

        Finding within = CameraChecks.withinThresholdOfHostClock(measured, "a", 3 * MS, Timelines.HELD_THROUGHOUT);
        Finding beyond = CameraChecks.withinThresholdOfHostClock(measured, "a", MS, Timelines.HELD_THROUGHOUT);

        assertThat(within.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(within.required()).isEqualTo("|camera time (UTC) - host clock| <= 3ms in each of 1 samples (TAI - "
                + "UTC from ptp4l (valid))");
        assertThat(within.measured()).isEqualTo("largest 2.000000 ms ± 0.000500 ms (sample 1); 1 of 1 samples");
        assertThat(beyond.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(beyond.message()).isEqualTo("camera a is off the host clock in 1 of 1 samples\nexpected: |camera "
                + "time (UTC) - host clock| <= 1ms\n but was: sample 1: 2.000000 ms ± 0.000500 ms");
    }

    @Test
    void skipsWhatDoesNotApply() {
        CameraRig.Measured noHost = new CameraRig.Measured(measured(1, Map.of(), Optional.empty(),
                sample(1, 0, 0, 0)).result(), Optional.empty());
        CameraRig.Measured lone = new CameraRig.Measured(new AlignmentResult(settings(1), List.of("a"), List.of(),
                List.of(), Map.of(), Optional.empty()), TAI);

        assertThat(CameraChecks.withinThresholdOfHostClock(noHost, "a", MS, Timelines.HELD_THROUGHOUT).status()).isEqualTo(Finding.Status.SKIPPED);
        assertThat(CameraChecks.withinThresholdOfEveryOtherCamera(lone, "a", MS, Timelines.HELD_THROUGHOUT).message())
                .isEqualTo("the bench has one camera: there is no other camera to compare it with");
    }

    @Test
    void thePtpPortCheckSaysWhatItSaw() {
        Finding reached = CameraChecks.ptpPortReachesSlave("a", Optional.of(new StateWatch.Observation<>("Slave",
                List.of("Listening", "Slave"), true, 350 * MS)), 30_000 * MS);
        Finding stuck = CameraChecks.ptpPortReachesSlave("a", Optional.of(new StateWatch.Observation<>("Slave",
                List.of("Listening"), false, 1_000 * MS)), 1_000 * MS);

        assertThat(reached.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(reached.measured()).isEqualTo("PtpStatus Slave after 350ms");
        assertThat(stuck.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(stuck.message()).isEqualTo("camera a did not reach PtpStatus Slave within 1s\nexpected: Slave\n but "
                + "was: Listening (statuses seen: [Listening]): its PTP port does not follow a master");
        assertThat(CameraChecks.ptpPortReachesSlave("a", Optional.empty(), MS).status())
                .isEqualTo(Finding.Status.SKIPPED);
    }

    @Test
    void theMeasuredValueNamesTheWorstSample() {
        CameraRig.Measured measured = measured(3, Map.of(), Optional.empty(), sample(1, 0, MS, 5_000),
                sample(2, 100 * MS, 2 * MS, -20_000), sample(3, 200 * MS, 0, 7_000));

        assertThat(CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", 10 * MS, Timelines.HELD_THROUGHOUT).measured())
                .isEqualTo("largest difference 2.020000 ms, at most 2.021000 ms (to b, sample 2): certifies any "
                        + "threshold >= 2.021000 ms; 3 of 3 samples");
        assertThat(CameraChecks.withinThresholdOfHostClock(measured, "a", 10 * MS, Timelines.HELD_THROUGHOUT).measured())
                .isEqualTo("largest 2.000000 ms ± 0.000500 ms (sample 2); 3 of 3 samples");
    }

    /** Five failing samples are listed in full; from six on, the first five and an ellipsis. */
    @Test
    void theFirstFiveSamplesAreListed() {
        assertThat(failedSamples(5).message()).endsWith("sample 5: -3.000000 ms, at least 2.999000 ms, to b");
        assertThat(failedSamples(6).message()).endsWith("sample 5: -3.000000 ms, at least 2.999000 ms, to b, ...");
    }

    /** Of two other cameras equally far, the first in bench order is named. */
    @Test
    void ofEquallyFarCamerasTheFirstIsNamed() {
        long atNs = 1_000_000_000L;
        AlignmentResult.Sample sample = new AlignmentResult.Sample(1, List.of(
                new LatchReading("a", atNs + TAI_NS, atNs - 500, atNs + 500),
                new LatchReading("b", atNs + TAI_NS + 5_000, atNs - 500, atNs + 500),
                new LatchReading("c", atNs + TAI_NS - 5_000, atNs - 500, atNs + 500)), atNs - 500, atNs + 500, List.of());
        AlignmentResult result = new AlignmentResult(settings(1), List.of("a", "b", "c"), List.of(sample),
                latches(List.of(sample)), Map.of(), Optional.empty());

        assertThat(CameraAlignment.judgeAll(result, MS, Optional.empty(), MS).get(0).farthest())
                .hasValueSatisfying(farthest -> assertThat(farthest.serial()).isEqualTo("b"));
    }

    private static Finding failedSamples(int count) {
        AlignmentResult.Sample[] samples = new AlignmentResult.Sample[count];
        for (int i = 0; i < count; i++) {
            samples[i] = sample(i + 1, i * 100 * MS, 0, 3 * MS);
        }
        return CameraChecks.withinThresholdOfEveryOtherCamera(measured(count, Map.of(), Optional.empty(), samples),
                "a", MS, Timelines.HELD_THROUGHOUT);
    }

    /** Held from 0.5 s to 1.25 s after the epoch, then SLAVE: sample at +0 is held, one at +500 ms is not. */
    private static final Timeline<GrandmasterState> LOST_AFTER_1250_MS = Timelines.sampled(500 * MS,
            Timelines.HELD, 4, Timelines.SLAVE, 8);

    @Test
    void samplesTakenWhileTheHostWasNotGrandmasterProveNothing() {
        CameraRig.Measured measured = measured(3, Map.of(), Optional.empty(), sample(1, 0, 0, 5_000),
                sample(2, 500 * MS, 0, 5_000), sample(3, 600 * MS, 0, 5_000));

        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, LOST_AFTER_1250_MS);

        assertThat(finding.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(finding.message()).isEqualTo("Measurement inconclusive: camera a: 2 of 3 samples were taken while "
                + "the host was not proven the bench's grandmaster, so they prove nothing: sample(s) 2-3: the host was "
                + "not the bench's grandmaster: role=Slave, gmClockID=02005e.fffe.0000aa (seen from "
                + "1970-01-01T00:00:01.500Z)");
        assertThat(CameraChecks.withinThresholdOfHostClock(measured, "a", MS, LOST_AFTER_1250_MS).status())
                .isEqualTo(Finding.Status.INCONCLUSIVE);
    }

    /** A camera proven out of tolerance is out of tolerance, whoever was grandmaster. */
    @Test
    void anOutOfToleranceSampleFailsEvenWhileTheHostWasNotGrandmaster() {
        CameraRig.Measured measured = measured(2, Map.of(), Optional.empty(), sample(1, 0, 0, 5_000),
                sample(2, 500 * MS, 0, 3 * MS));

        assertThat(CameraChecks.withinThresholdOfEveryOtherCamera(measured, "a", MS, LOST_AFTER_1250_MS).status())
                .isEqualTo(Finding.Status.FAILED);
    }

    @Test
    void sampleNumbersAreListedAsRuns() {
        assertThat(CameraChecks.ranges(List.of(1, 3, 4, 5, 7, 9, 10))).isEqualTo("1, 3-5, 7, 9-10");
        assertThat(CameraChecks.ranges(List.of(2))).isEqualTo("2");
    }

    @Test
    void theGrandmasterCheckComparesTheCamerasGrandmasterWithTheHostsClock() {
        String host = "02005e.fffe.000001";
        Finding follows = CameraChecks.followsThisHostsGrandmaster("a", Optional.of(new StateWatch.Observation<>(host,
                List.of("000748.fffe.000001", host), true, 400 * MS)), host, 30_000 * MS);
        Finding other = CameraChecks.followsThisHostsGrandmaster("a", Optional.of(new StateWatch.Observation<>(host,
                List.of("02005e.fffe.0000bb"), false, 1_000 * MS)), host, 1_000 * MS);

        assertThat(follows.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(follows.required()).isEqualTo("PtpGrandmasterClockID 02005e.fffe.000001 (this host's clockIdentity) "
                + "within 30s");
        assertThat(follows.measured()).isEqualTo("PtpGrandmasterClockID 02005e.fffe.000001 after 400ms");
        assertThat(other.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(other.message()).endsWith("expected: 02005e.fffe.000001\n but was: 02005e.fffe.0000bb (seen: "
                + "[02005e.fffe.0000bb])");
        assertThat(CameraChecks.followsThisHostsGrandmaster("a", Optional.empty(), host, MS).status())
                .isEqualTo(Finding.Status.SKIPPED);
    }

    /** The camera's own servo, as it reports it: the offset's edge is inclusive, Locked is required where offered. */
    @Test
    void theServoCheckJudgesWhatTheCameraReportsPerSample() {
        assertThat(servo(OptionalLong.of(1_000), Optional.of("Locked")).status()).isEqualTo(Finding.Status.PASSED);
        assertThat(servo(OptionalLong.of(-1_000), Optional.empty()).status()).isEqualTo(Finding.Status.PASSED);
        Finding beyond = servo(OptionalLong.of(1_001), Optional.of("Locked"));
        assertThat(beyond.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(beyond.message()).endsWith("but was: sample 1: PtpOffsetFromMaster 1001 ns, sample 2: "
                + "PtpOffsetFromMaster 1001 ns");
        assertThat(servo(OptionalLong.of(10), Optional.of("Unknown")).message()).contains("PtpServoStatus Unknown");
        assertThat(servo(OptionalLong.empty(), Optional.empty()).status()).isEqualTo(Finding.Status.SKIPPED);
        assertThat(servo(OptionalLong.of(10), Optional.of("Locked")).measured()).isEqualTo("largest "
                + "|PtpOffsetFromMaster| 10 ns; 2 of 2 samples Locked (the camera's own measurement)");
    }

    private static Finding servo(OptionalLong offsetNs, Optional<String> servoStatus) {
        List<AlignmentResult.Sample> samples = new ArrayList<>();
        for (int number = 1; number <= 2; number++) {
            AlignmentResult.Sample plain = sample(number, number * 100 * MS, 0, 0);
            samples.add(new AlignmentResult.Sample(number, plain.readings(), plain.hostStartNs(), plain.hostEndNs(),
                    List.of(new CameraPtpDataSet("a", Optional.of("Slave"), servoStatus, OptionalLong.empty(),
                            OptionalLong.empty(), OptionalLong.empty(), offsetNs, Optional.empty(), List.of(),
                            Optional.empty()))));
        }
        return CameraChecks.servoHoldsItWithinOffsetThreshold(new AlignmentResult(settings(2), List.of("a", "b"),
                samples, latches(samples), Map.of(), Optional.empty()), "a", 1_000, Timelines.HELD_THROUGHOUT);
    }

    /** Cameras a and b latched at {@code hostNs}, each ±500 ns, a {@code aAheadNs} and b {@code bAheadNs} ahead. */
    private static AlignmentResult.Sample sample(int number, long hostNs, long aAheadNs, long bAheadNs) {
        long atNs = 1_000_000_000L + hostNs;
        return new AlignmentResult.Sample(number, List.of(
                new LatchReading("a", atNs + TAI_NS + aAheadNs, atNs - 500, atNs + 500),
                new LatchReading("b", atNs + TAI_NS + bAheadNs, atNs - 500, atNs + 500)), atNs - 500, atNs + 500, List.of());
    }

    private static CameraRig.Measured measured(int planned, Map<String, RuntimeException> failures,
                                               Optional<AlignmentResult.Stop> stop, AlignmentResult.Sample... samples) {
        List<AlignmentResult.Sample> list = List.of(samples);
        return new CameraRig.Measured(new AlignmentResult(settings(planned), List.of("a", "b"), list, latches(list),
                failures, stop), TAI);
    }

    private static List<AlignmentResult.Latch> latches(List<AlignmentResult.Sample> samples) {
        List<AlignmentResult.Latch> latches = new ArrayList<>();
        for (AlignmentResult.Sample sample : samples) {
            sample.readings().forEach(reading -> latches.add(new AlignmentResult.Latch(sample.number(), 1, reading,
                    true)));
        }
        return latches;
    }

    private static AlignmentMeasurement.Settings settings(int samples) {
        return new AlignmentMeasurement.Settings(samples, 0, 1, MS, 60_000 * MS);
    }

    private static RuntimeException lost() {
        return new BenchPartUnreachableException("camera a", "lost", "check its cable");
    }
}
