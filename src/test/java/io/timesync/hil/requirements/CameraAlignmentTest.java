package io.timesync.hil.requirements;

import io.qameta.allure.model.Status;
import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraPtpDataSet;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.checks.CameraChecks;
import io.timesync.hil.checks.CameraSampleJudgement;
import io.timesync.hil.checks.CameraStatistics;
import io.timesync.hil.checks.GrandmasterHeld;
import io.timesync.hil.checks.Interval;
import io.timesync.hil.checks.Verdict;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.junit.EachCamera;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.GrandmasterWatch;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.report.CameraLines;
import io.timesync.hil.report.DeltaChart;
import io.timesync.hil.report.Evidence;
import io.timesync.hil.report.EvidenceStore;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.timesync.hil.junit.Verdicts.require;

/**
 * Requirement 2: every camera's clock agrees with every other camera's (and, when enabled, with the host
 * clock). All cameras are latched at once, each latch bracketed by the host clock, over the configured samples.
 * Failed = out of tolerance; broken = a camera could not be measured, or the measurement cannot prove the
 * threshold.
 */
@HilRequirement
@Order(2)
@DisplayName("Each camera within threshold: the cameras' clocks, latched together, agree")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class CameraAlignmentTest {
    private final CameraRig cameras;
    private final GrandmasterWatch watch;
    private final PtpManagementClient ptp4l;
    private final BenchConfig bench;
    private final EvidenceStore store;
    private final Evidence evidence;

    public CameraAlignmentTest(CameraRig cameras, GrandmasterWatch watch, PtpManagementClient ptp4l, BenchConfig bench,
                               EvidenceStore store, Evidence evidence) {
        this.cameras = cameras;
        this.watch = watch;
        this.ptp4l = ptp4l;
        this.bench = bench;
        this.store = store;
        this.evidence = evidence;
    }

    @Order(1)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera's PTP port reaches Slave (its PtpStatus)")
    @ArgumentsSource(EachCamera.class)
    void ptpPortReachesSlave(String serial) {
        requireCameras();
        Camera camera = cameras.camera(serial);
        long settleTimeoutNs = bench.cameras().orElseThrow().settleTimeoutNs();
        Optional<StateWatch.Observation<String>> status = camera.ptpStatus().map(first -> StateWatch.awaitState(
                () -> camera.ptpStatus().orElse("(none)"), Camera.PTP_SLAVE, settleTimeoutNs));
        status.ifPresent(observed -> evidence.line("camera " + serial + " PtpStatus: "
                + String.join(" -> ", observed.statesSeen()) + " in " + DurationText.formatToMs(observed.elapsedNs())));
        require(evidence, CameraChecks.ptpPortReachesSlave(serial, status, settleTimeoutNs));
    }

    @Order(2)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera follows this host's grandmaster (its PtpGrandmasterClockID)")
    @ArgumentsSource(EachCamera.class)
    void followsThisHostsGrandmaster(String serial) {
        requireCameras();
        Camera camera = cameras.camera(serial);
        String host = ptp4l.get(DefaultDataSet.ID).clockIdentity().toString();
        CameraPtpDataSet first = camera.ptpDataSet();
        evidence.attachJson("PTP data set (as the camera reports it)", Map.of("offered", first.offered(),
                "not offered", first.missing()));
        long settleTimeoutNs = bench.cameras().orElseThrow().settleTimeoutNs();
        Optional<StateWatch.Observation<String>> grandmaster = first.grandmasterClockId().isEmpty() ? Optional.empty()
                : Optional.of(StateWatch.awaitState(() -> camera.ptpDataSet().grandmasterClockId().stream()
                .mapToObj(CameraPtpDataSet::clockIdText).findFirst().orElse("(none)"), host, settleTimeoutNs));
        grandmaster.ifPresent(observed -> evidence.line("camera " + serial + " grandmaster: "
                + String.join(" -> ", observed.statesSeen()) + " in " + DurationText.formatToMs(observed.elapsedNs())));
        if (!first.missing().isEmpty()) {
            evidence.line("camera " + serial + " does not offer " + String.join(", ", first.missing()));
        }
        require(evidence, CameraChecks.followsThisHostsGrandmaster(serial, grandmaster, host, settleTimeoutNs));
    }

    @Order(3)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera is within threshold of every other camera")
    @ArgumentsSource(EachCamera.class)
    void withinThresholdOfEveryOtherCamera(String serial) {
        CameraRig.Measured measured = measured();
        Timeline<GrandmasterState> grandmaster = grandmasterThrough(measured);
        BenchConfig.CameraSettings settings = bench.cameras().orElseThrow();
        List<CameraSampleJudgement> own = CameraChecks.judgementsOf(measured, serial, settings.thresholdNs(),
                settings.hostThresholdNs());
        show(serial, own, measured, grandmaster, "difference to the farthest camera", CameraSampleJudgement::verdict,
                j -> j.farthest().map(CameraSampleJudgement.Difference::difference)
                        .orElse(j.offset().minus(j.offset().midNs())), settings.thresholdNs());
        require(evidence, CameraChecks.withinThresholdOfEveryOtherCamera(measured, serial, settings.thresholdNs(),
                grandmaster));
    }

    @Order(4)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera is within threshold of the host clock")
    @ArgumentsSource(EachCamera.class)
    void withinThresholdOfTheHostClock(String serial) {
        CameraRig.Measured measured = measured();
        Timeline<GrandmasterState> grandmaster = grandmasterThrough(measured);
        BenchConfig.CameraSettings settings = bench.cameras().orElseThrow();
        if (measured.hostReference().isPresent()) {
            List<CameraSampleJudgement> own = CameraChecks.judgementsOf(measured, serial, settings.thresholdNs(),
                    settings.hostThresholdNs());
            show(serial, own, measured, grandmaster, "delta to the host clock", j -> j.hostVerdict().orElseThrow(),
                    j -> j.hostDelta().orElseThrow(), settings.hostThresholdNs());
        }
        require(evidence, CameraChecks.withinThresholdOfHostClock(measured, serial, settings.hostThresholdNs(),
                grandmaster));
    }

    @Order(5)
    @ParameterizedTest(name = "camera {0}")
    @DisplayName("the camera's own PTP servo holds it within the offset threshold (as the camera reports it)")
    @ArgumentsSource(EachCamera.class)
    void servoHoldsItWithinOffsetThreshold(String serial) {
        CameraRig.Measured measured = measured();
        Timeline<GrandmasterState> grandmaster = grandmasterThrough(measured);
        List<CameraPtpDataSet> own = measured.result().samples().stream()
                .flatMap(sample -> sample.ptpOf(serial).stream()).toList();
        evidence.attachJson("PTP data set of every sample (as the camera reports it)", own.stream()
                .map(CameraPtpDataSet::offered).toList());
        require(evidence, CameraChecks.servoHoldsItWithinOffsetThreshold(measured.result(), serial,
                bench.cameras().orElseThrow().ptpOffsetThresholdNs(), grandmaster));
    }

    private void requireCameras() {
        Assumptions.assumeFalse(cameras.serials().isEmpty(), "this bench has no cameras (no cameras: section)");
    }

    /** The run's one measurement of all cameras; its log and CSVs attached to the first check that shows them. */
    private CameraRig.Measured measured() {
        requireCameras();
        CameraRig.Measured measured = cameras.alignment();
        evidence.attachRunEvidence("measurement log (all cameras)", "text/plain", store.root().resolve("cameras/measurement.log"));
        evidence.attachRunEvidence("samples (all cameras)", "text/csv", store.root().resolve("cameras/samples.csv"));
        evidence.attachRunEvidence("latches (every round)", "text/csv", store.root().resolve("cameras/latches.csv"));
        return measured;
    }

    /** What the grandmaster watch saw until the measurement's last sample ended. */
    private Timeline<GrandmasterState> grandmasterThrough(CameraRig.Measured measured) {
        return watch.timelineThrough(measured.result().samples().stream().mapToLong(AlignmentResult.Sample::hostEndNs)
                .max().orElse(Long.MIN_VALUE));
    }

    /**
     * The camera's samples as steps (each with its verdict's status, and whether the host held the grandmaster
     * role meanwhile), its rows, statistics and chart.
     */
    private void show(String serial, List<CameraSampleJudgement> own, CameraRig.Measured measured,
                      Timeline<GrandmasterState> grandmaster, String what, Function<CameraSampleJudgement, Verdict> verdict,
                      Function<CameraSampleJudgement, Interval> value, long thresholdNs) {
        for (CameraSampleJudgement sample : own) {
            AlignmentResult.Sample taken = measured.result().samples().stream()
                    .filter(candidate -> candidate.number() == sample.sample()).findFirst().orElseThrow();
            GrandmasterHeld held = GrandmasterHeld.during(grandmaster, taken.hostStartNs(), taken.hostEndNs());
            Verdict shown = verdict.apply(sample);
            evidence.step(CameraLines.sampleLine(sample) + (held.held() ? "" : ", host_grandmaster=not proven ("
                    + held.why() + ")"), held.held() || shown == Verdict.OUT_OF_TOLERANCE ? status(shown) : Status.BROKEN);
        }
        if (own.isEmpty()) {
            return;
        }
        evidence.attachCsv("samples (this camera)", CameraLines.SAMPLES_CSV_HEADER + "\n"
                + own.stream().map(CameraLines::csvRow).collect(Collectors.joining("\n")) + "\n");
        CameraStatistics statistics = CameraStatistics.of(serial, own);
        evidence.line(CameraLines.statisticsLine(statistics));
        evidence.attachJson("statistics", statistics);
        evidence.attachPng(what + " chart", DeltaChart.png("camera " + serial + ": " + what, serial, "sample", what,
                own.stream().map(s -> new DeltaChart.Point(s.sample(), value.apply(s).midNs(),
                        value.apply(s).halfWidthNs())).toList(), thresholdNs));
    }

    private static Status status(Verdict verdict) {
        return switch (verdict) {
            case OK -> Status.PASSED;
            case OUT_OF_TOLERANCE -> Status.FAILED;
            case INCONCLUSIVE -> Status.BROKEN;
        };
    }
}
