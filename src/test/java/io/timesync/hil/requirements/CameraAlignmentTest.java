package io.timesync.hil.requirements;

import io.timesync.hil.DurationText;
import io.timesync.hil.MeasurementInconclusiveException;
import io.timesync.hil.StateWatch;
import io.timesync.hil.camera.AlignmentLog;
import io.timesync.hil.camera.AlignmentRun;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraJudgement;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.camera.CameraSample;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.junit.BenchCameras;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.report.DeltaChart;
import io.timesync.hil.report.Evidence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requirement 2: every camera's clock agrees with the others (and, when enabled, with the host clock).
 * All cameras are latched at once, each latch bracketed by the host clock, over the configured samples;
 * each camera is judged on its own delta to the median. Failed = out of tolerance; broken = a camera could
 * not be measured, or the measurement cannot prove the threshold (uncertainty too large).
 */
@HilRequirement
@DisplayName("Each camera within threshold: the cameras' clocks, latched together, agree")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class CameraAlignmentTest {
    private final CameraRig cameras;
    private final BenchConfig bench;
    private final Evidence evidence;

    public CameraAlignmentTest(CameraRig cameras, BenchConfig bench, Evidence evidence) {
        this.cameras = cameras;
        this.bench = bench;
        this.evidence = evidence;
    }

    @Order(1)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera follows this host's grandmaster: PtpStatus reaches Slave")
    @ArgumentsSource(BenchCameras.class)
    void followsTheHostsGrandmaster(String serial) {
        Camera camera = camera(serial);
        Assumptions.assumeTrue(camera.ptpStatus().isPresent(),
                () -> "camera " + serial + " (" + camera.model() + ") has no PtpStatus feature to check");
        long settleTimeoutNs = bench.cameras().orElseThrow().settleTimeoutNs();
        evidence.parameter("required", "PtpStatus " + Camera.PTP_SLAVE + " within "
                + DurationText.format(settleTimeoutNs));

        StateWatch.Observation<String> ptp = StateWatch.awaitState(() -> camera.ptpStatus().orElse("(none)"),
                Camera.PTP_SLAVE, settleTimeoutNs);
        evidence.parameter("measured", "PtpStatus " + ptp.lastState().orElse("(none)") + " after "
                + DurationText.formatToMs(ptp.elapsedNs()));
        evidence.line("camera " + serial + " PtpStatus: " + String.join(" -> ", ptp.statesSeen()) + " in "
                + DurationText.formatToMs(ptp.elapsedNs()));

        assertThat(ptp.reached())
                .withFailMessage("camera %s did not reach PtpStatus Slave within %s%nexpected: Slave%n but was: %s"
                                + " (statuses seen: %s): it does not follow this host's grandmaster", serial,
                        DurationText.format(settleTimeoutNs), ptp.lastState().orElse(null), ptp.statesSeen())
                .isTrue();
    }

    @Order(2)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera is within threshold of the other cameras (delta to the median)")
    @ArgumentsSource(BenchCameras.class)
    void withinThresholdOfTheOtherCameras(String serial) {
        AlignmentRun run = measuredAlignment();
        long thresholdNs = run.settings().thresholdNs();
        showEvidence(run, serial, "delta to median", CameraSample::deltaNs, CameraSample::deltaUncertaintyNs,
                thresholdNs);

        CameraJudgement judgement = CameraJudgement.againstTheOthers(run, serial);
        assertThat(judgement.clockFault()).as("camera %s's clock", serial).isEmpty();
        assertThat(judgement.outOfTolerance())
                .withFailMessage("camera %s is out of tolerance in %d of %d samples%nexpected: |delta to median| <= %s%n"
                                + " but was: %s", serial, judgement.outOfTolerance().size(), judgement.samples().size(),
                        DurationText.format(thresholdNs), describe(judgement.outOfTolerance(), CameraSample::deltaNs,
                                CameraSample::deltaUncertaintyNs))
                .isEmpty();
        requireConclusive(run, judgement, thresholdNs, CameraSample::deltaNs, CameraSample::deltaUncertaintyNs);
    }

    @Order(3)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera is within threshold of the host clock")
    @ArgumentsSource(BenchCameras.class)
    void withinThresholdOfTheHostClock(String serial) {
        Assumptions.assumeTrue(bench.cameras().map(BenchConfig.CameraSettings::compareToHostClock).orElse(false),
                "comparison with the host clock is off (cameras.compareToHostClock)");
        AlignmentRun run = measuredAlignment();
        long thresholdNs = run.settings().hostThresholdNs();
        evidence.line("TAI - UTC from " + run.utcOffset().orElseThrow().source());
        showEvidence(run, serial, "delta to host clock", s -> s.hostDeltaNs().orElseThrow(),
                CameraSample::uncertaintyNs, thresholdNs);

        CameraJudgement judgement = CameraJudgement.againstTheHostClock(run, serial);
        assertThat(judgement.clockFault()).as("camera %s's clock", serial).isEmpty();
        assertThat(judgement.outOfTolerance())
                .withFailMessage("camera %s is off the host clock in %d of %d samples%nexpected: |camera time (UTC) - "
                                + "host clock| <= %s%n but was: %s", serial, judgement.outOfTolerance().size(),
                        judgement.samples().size(), DurationText.format(thresholdNs),
                        describe(judgement.outOfTolerance(), s -> s.hostDeltaNs().orElseThrow(),
                                CameraSample::uncertaintyNs))
                .isEmpty();
        requireConclusive(run, judgement, thresholdNs, s -> s.hostDeltaNs().orElseThrow(),
                CameraSample::uncertaintyNs);
    }

    private Camera camera(String serial) {
        Assumptions.assumeFalse(cameras.serials().isEmpty(), "this bench has no cameras (no cameras: section)");
        return cameras.camera(serial);
    }

    /** The run's one measurement of all cameras, its raw data attached. */
    private AlignmentRun measuredAlignment() {
        Assumptions.assumeFalse(cameras.serials().isEmpty(), "this bench has no cameras (no cameras: section)");
        AlignmentRun run = cameras.alignment();
        evidence.attachCsv("samples (all cameras)", AlignmentLog.csv(run));
        evidence.attachCsv("latches (every round)", AlignmentLog.latchesCsv(run));
        evidence.attachText("measurement log", String.join("\n", run.log()));
        return run;
    }

    /** The camera's numbers, lines and chart; then its failure, if it could not be measured to the end. */
    private void showEvidence(AlignmentRun run, String serial, String what, Function<CameraSample, Long> value,
                              Function<CameraSample, Long> uncertainty, long thresholdNs) {
        List<CameraSample> samples = run.samplesOf(serial);
        evidence.parameter("threshold", "|" + what + "| <= " + DurationText.format(thresholdNs));
        evidence.parameter("samples", samples.size() + " of " + run.settings().samples());
        samples.stream().max(Comparator.comparingLong(s -> Math.abs(value.apply(s)))).ifPresent(worst ->
                evidence.parameter("measured worst", DurationText.ms(value.apply(worst)) + " ms ± "
                        + DurationText.ms(uncertainty.apply(worst)) + " ms (sample " + worst.sample() + ")"));
        samples.stream().mapToLong(uncertainty::apply).max().ifPresent(widest ->
                evidence.parameter("largest uncertainty", DurationText.ms(widest) + " ms"));
        samples.forEach(sample -> evidence.line(AlignmentLog.sampleLine(sample)));
        if (!samples.isEmpty()) {
            evidence.line(AlignmentLog.statisticsLine(run.statisticsOf(serial)));
            evidence.attachJson("statistics", run.statisticsOf(serial));
            evidence.attachPng(what + " chart", DeltaChart.png("camera " + serial + ": " + what, serial, "sample",
                    what, samples.stream().map(s -> new DeltaChart.Point(s.sample(), value.apply(s),
                            uncertainty.apply(s))).toList(), thresholdNs));
        }
        run.failureOf(serial).ifPresent(failure -> {
            throw failure;
        });
    }

    /** A pass needs every planned sample, each proving the threshold despite its uncertainty. */
    private static void requireConclusive(AlignmentRun run, CameraJudgement judgement, long thresholdNs,
                                          Function<CameraSample, Long> value, Function<CameraSample, Long> uncertainty) {
        String what = "camera " + judgement.serial();
        if (!judgement.inconclusive().isEmpty()) {
            CameraSample first = judgement.inconclusive().get(0);
            long latchedTogether = run.samples().stream().filter(s -> s.sample() == first.sample()).count();
            throw new MeasurementInconclusiveException(what, judgement.inconclusive().size() + " of "
                    + judgement.samples().size() + " samples cannot prove " + DurationText.format(thresholdNs)
                    + ": their uncertainty straddles the threshold (" + describe(judgement.inconclusive(), value,
                    uncertainty) + "; cameras latched together in sample " + first.sample() + ": " + latchedTogether
                    + "). Slow latch calls widen the uncertainty; a lone camera has no other to compare with");
        }
        Optional<String> shortfall = run.shortfallOf(judgement.serial());
        if (shortfall.isPresent()) {
            throw new MeasurementInconclusiveException(what, shortfall.get());
        }
    }

    private static String describe(List<CameraSample> samples, Function<CameraSample, Long> value,
                                   Function<CameraSample, Long> uncertainty) {
        return samples.stream().limit(5).map(s -> "sample " + s.sample() + ": " + DurationText.ms(value.apply(s))
                        + " ms ± " + DurationText.ms(uncertainty.apply(s)) + " ms")
                .collect(Collectors.joining(", ")) + (samples.size() > 5 ? ", ..." : "");
    }
}
