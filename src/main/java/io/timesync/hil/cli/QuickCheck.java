package io.timesync.hil.cli;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.bench.BenchSession;
import io.timesync.hil.bench.Benches;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraPtpDataSet;
import io.timesync.hil.checks.CameraChecks;
import io.timesync.hil.checks.CameraSampleJudgement;
import io.timesync.hil.checks.CameraStatistics;
import io.timesync.hil.checks.Finding;
import io.timesync.hil.checks.GrandmasterChecks;
import io.timesync.hil.checks.SensorApiChecks;
import io.timesync.hil.checks.SensorChecks;
import io.timesync.hil.checks.StreamAnalysis;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchConfigException;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.GrandmasterWatch;
import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.report.EvidenceManifest;
import io.timesync.hil.config.SensorSpec;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.CaptureWindow;
import io.timesync.hil.sensor.HostAddresses;
import io.timesync.hil.sensor.StreamKind;
import io.timesync.hil.sensor.api.SensorApis;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.StreamId;
import io.timesync.hil.sensor.StreamRecord;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;
import org.awaitility.core.ConditionTimeoutException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static io.timesync.hil.time.DurationText.ms;
import static org.awaitility.Awaitility.await;

/**
 * The bench operator's quick check, like the reference tool's command line: is ptp4l grandmaster, are the
 * cameras within threshold (the reference's per-sample lines and statistics), do the sensors' packets arrive
 * within their bound, and did the host stay grandmaster throughout. It judges with the same checks as the suite. Exits 0 when all is within threshold, 2 when
 * anything was measured out of tolerance, else 1 when a bench part failed or a measurement proved nothing.
 */
public final class QuickCheck {
    public static final int WITHIN_THRESHOLD = 0;
    public static final int BENCH_ERROR = 1;
    public static final int OUT_OF_TOLERANCE = 2;

    private final PrintStream out;
    /** Each finding once: a camera's broken part breaks both its checks with the same message. */
    private final Set<String> outOfTolerance = new LinkedHashSet<>();
    private final Set<String> benchErrors = new LinkedHashSet<>();

    private QuickCheck(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out));
    }

    /** Runs the check, printing to {@code out}; returns the exit status. */
    public static int run(List<String> args, PrintStream out) {
        QuickCheckOptions options;
        try {
            options = QuickCheckOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("quick-check: " + e.getMessage() + "\n" + QuickCheckOptions.USAGE);
            return BENCH_ERROR;
        }
        if (options.help()) {
            out.println(QuickCheckOptions.USAGE);
            return WITHIN_THRESHOLD;
        }
        if (options.verifyEvidence().isPresent()) {
            return verifyEvidence(options.verifyEvidence().get(), out);
        }
        BenchConfig config;
        try {
            config = Benches.load(options.properties());
        } catch (BenchConfigException e) {
            out.println(e.getMessage());
            return BENCH_ERROR;
        }
        try {
            return new QuickCheck(out).check(config, options);
        } catch (BenchConfigException e) {
            out.println(e.getMessage());
            return BENCH_ERROR;
        } catch (RuntimeException e) {
            out.println("BENCH ERROR: the check stopped: " + e);
            return BENCH_ERROR;
        }
    }

    /** An archived evidence folder against its manifest: complete and unaltered (0), or not (2, saying what). */
    static int verifyEvidence(Path folder, PrintStream out) {
        EvidenceManifest.Verification verification;
        try {
            verification = EvidenceManifest.verify(folder);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            out.println("quick-check: " + e.getMessage());
            return BENCH_ERROR;
        }
        verification.missing().forEach(path -> out.println("MISSING: " + path));
        verification.altered().forEach(path -> out.println("ALTERED: " + path));
        verification.unlisted().forEach(path -> out.println("NOT IN THE MANIFEST: " + path));
        if (verification.intact()) {
            out.println("Evidence " + folder + ": complete and unaltered (" + verification.listed()
                    + " files, each with the size and SHA-256 its manifest lists)");
            return WITHIN_THRESHOLD;
        }
        out.println("Evidence " + folder + ": NOT as written (" + verification.missing().size() + " missing, "
                + verification.altered().size() + " altered, " + verification.unlisted().size() + " not listed, of "
                + verification.listed() + " listed)");
        return OUT_OF_TOLERANCE;
    }

    private int check(BenchConfig config, QuickCheckOptions options) {
        out.println("Bench: " + config.name() + " (" + config.source() + ")");
        try (BenchSession session = BenchSession.open(config, options.evidenceDirectory(), out, "")) {
            // the sensors are captured while the cameras are measured
            boolean sensorsCaptured = options.sensors() && !config.sensors().isEmpty() && startSensors(session.sensors());
            checkGrandmaster(session, config);
            if (options.cameras()) {
                checkCameras(session.cameras(), config, session.grandmasterWatch(), session.ptp4l());
            }
            if (sensorsCaptured) {
                checkSensors(session.sensors(), session.sensorApis(), session.grandmasterWatch(), session.ptp4l(),
                        config);
            }
            checkGrandmasterHeld(session.grandmasterWatch());
            out.println("Evidence: " + session.evidence().root());
        }
        return verdict();
    }

    private void checkGrandmaster(BenchSession session, BenchConfig config) {
        try {
            Ptp4lSnapshot ptp = Ptp4lSnapshot.read(session.ptp4l());
            out.println("Host PTP: " + ptp.summary());
            note("ptp4l", GrandmasterChecks.stepsRemovedIsZero(ptp));
            note("ptp4l", GrandmasterChecks.grandmasterIsHostClock(ptp));
            for (String benchInterface : config.interfaces()) {
                PortStateWatch.Observation port = PortStateWatch.awaitState(session.ptp4l(), benchInterface,
                        PortState.MASTER, config.ptp4l().settleTimeoutNs());
                note("ptp4l", GrandmasterChecks.benchPortReachesMaster(port, ptp, config.ptp4l().settleTimeoutNs()));
            }
        } catch (BenchPartException e) {
            benchError("ptp4l: " + e.getMessage());
        }
    }

    /** The grandmaster each sample's PTP data set named, as a watch that ends at the last sample. */
    private static Optional<StateWatch.Observation<String>> grandmasterSeen(CameraRig.Measured measured, String serial,
                                                                           String host) {
        List<String> seen = measured.result().samples().stream().flatMap(sample -> sample.ptpOf(serial).stream())
                .flatMapToLong(dataSet -> dataSet.grandmasterClockId().stream())
                .mapToObj(CameraPtpDataSet::clockIdText).distinct().toList();
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StateWatch.Observation<>(host, seen, seen.size() == 1 && seen.get(0).equals(host), 0));
    }

    private Optional<String> hostClockIdentity(PtpManagementClient ptp4l) {
        try {
            return Optional.of(ptp4l.get(DefaultDataSet.ID).clockIdentity().toString());
        } catch (BenchPartException e) {
            return Optional.empty(); // the grandmaster checks report it
        }
    }

    private void checkCameras(CameraRig cameras, BenchConfig config, GrandmasterWatch watch,
                              PtpManagementClient ptp4l) {
        if (cameras.serials().isEmpty()) {
            out.println("Cameras: none on this bench");
            return;
        }
        BenchConfig.CameraSettings settings = config.cameras().orElseThrow();
        for (String serial : cameras.serials()) { // as the suite: a camera's PTP port settles before it is measured
            try {
                Camera camera = cameras.camera(serial);
                Optional<StateWatch.Observation<String>> status = camera.ptpStatus().map(first -> StateWatch
                        .awaitState(() -> camera.ptpStatus().orElse("(none)"), Camera.PTP_SLAVE,
                                settings.settleTimeoutNs()));
                note("camera " + serial, CameraChecks.ptpPortReachesSlave(serial, status, settings.settleTimeoutNs()));
            } catch (BenchPartException e) {
                benchError(e.getMessage()); // its message names the camera, as its checks' will: said once
            }
        }
        CameraRig.Measured measured = cameras.alignment(); // prints every sample and the statistics
        Timeline<GrandmasterState> grandmaster = watch.timelineThrough(HostClock.SYSTEM.nowNs());
        Optional<String> host = hostClockIdentity(ptp4l);
        for (String serial : cameras.serials()) {
            List<CameraSampleJudgement> own = CameraChecks.judgementsOf(measured, serial, settings.thresholdNs(),
                    settings.hostThresholdNs());
            if (!own.isEmpty() && measured.result().serials().size() > 1) {
                out.println("camera " + serial + ": this measurement certifies any threshold >= "
                        + ms(CameraStatistics.of(serial, own).certifiableNs()) + " ms");
            }
            host.ifPresent(id -> note("camera " + serial, CameraChecks.followsThisHostsGrandmaster(serial,
                    grandmasterSeen(measured, serial, id), id, 0)));
            note("camera " + serial, CameraChecks.withinThresholdOfEveryOtherCamera(measured, serial,
                    settings.thresholdNs(), grandmaster));
            note("camera " + serial, CameraChecks.withinThresholdOfHostClock(measured, serial,
                    settings.hostThresholdNs(), grandmaster));
            note("camera " + serial, CameraChecks.servoHoldsItWithinOffsetThreshold(measured.result(), serial,
                    settings.ptpOffsetThresholdNs(), grandmaster));
        }
    }

    private boolean startSensors(SensorCaptures sensors) {
        try {
            sensors.start();
            return true;
        } catch (BenchPartException e) {
            benchError("sensors: " + e.getMessage());
            return false;
        }
    }

    private void checkSensors(SensorCaptures sensors, SensorApis apis, GrandmasterWatch watch,
                              PtpManagementClient ptp4l, BenchConfig config) {
        CaptureSettings settings = sensors.settings();
        Optional<String> host = hostClockIdentity(ptp4l);
        for (StreamId stream : sensors.streams()) {
            try {
                checkStream(sensors, apis, watch, settings, host, stream);
            } catch (RuntimeException e) { // a sensor whose format is unknown: said once per stream
                benchError(stream + ": " + e.getMessage());
            }
        }
        for (SensorSpec sensor : config.sensors()) {
            if (!apis.asks(sensor.name())) {
                continue;
            }
            String part = "sensor " + sensor.name();
            SensorApis.Answer answer = apis.answer(sensor.name());
            answer.reading().ifPresent(read -> out.println(part + ": " + read.summary()));
            note(part, SensorApiChecks.stampsPtpTime(sensor.name(), answer));
            host.ifPresent(id -> note(part, SensorApiChecks.followsThisHostsGrandmaster(sensor.name(), answer,
                    apis.awaitFollowing(sensor.name(), id, sensor.settleTimeoutNs()), id, sensor.settleTimeoutNs())));
            try {
                note(part, SensorApiChecks.sendsToThisHost(sensor.name(), answer, HostAddresses.all(),
                        settings.bindAddress(), answer.failure().isPresent() ? new SensorCaptures.Ports(0, 0)
                                : sensors.portsOf(sensor.name())));
                CaptureWindow window = sensors.record(new StreamId(sensor.name(), StreamKind.LIDAR)).window();
                note(part, SensorApiChecks.servoHoldsItWithinOffsetThreshold(sensor.name(),
                        apis.ptpTimelineThrough(sensor.name(), window.hostJudgedUntilNs()), window.hostJudgedFromNs(),
                        window.hostJudgedUntilNs(), sensor.ptpOffsetThresholdNs(),
                        watch.timelineThrough(window.hostJudgedUntilNs())));
            } catch (RuntimeException e) { // its format unknown: its streams said why
                benchError(part + ": " + e.getMessage());
            }
        }
    }

    private void checkStream(SensorCaptures sensors, SensorApis apis, GrandmasterWatch watch, CaptureSettings settings,
                             Optional<String> host, StreamId stream) {
        long startNanoTime = System.nanoTime();
        OptionalLong firstArrivalNs;
        try {
            await().atMost(Duration.ofNanos(settings.arrivalTimeoutNs())).pollInterval(Duration.ofMillis(50))
                    .until(() -> sensors.hasPackets(stream));
            firstArrivalNs = OptionalLong.of(System.nanoTime() - startNanoTime);
        } catch (ConditionTimeoutException e) {
            firstArrivalNs = OptionalLong.empty();
        }
        StreamRecord record = sensors.record(stream);
        StreamAnalysis.Timing timing = StreamAnalysis.timing(record, settings.maxDiffNs(), settings.futureToleranceNs());
        out.println(stream + ": " + record.datagrams() + " packets, " + timing.judged() + " judged; diff p50 "
                + ms(timing.statistics().p50Ns()) + " ms, p99 " + ms(timing.statistics().p99Ns()) + " ms, max "
                + ms(timing.statistics().maxNs()) + " ms, min " + ms(timing.statistics().minNs()) + " ms");
        String part = stream.toString();
        Optional<String> explanation = apis.asks(stream.sensor()) ? SensorApiChecks.explanation(
                apis.answer(stream.sensor()), host, record.malformed() > 0) : Optional.empty();
        note(part, SensorChecks.packetsKeepArriving(record, firstArrivalNs, settings.arrivalTimeoutNs(),
                SensorChecks.silenceBoundNs(record, settings.maxSilenceNs())).explainedBy(explanation));
        if (firstArrivalNs.isPresent()) {
            note(part, SensorChecks.everyPacketWithinWindow(record, settings.maxDiffNs(),
                    settings.futureToleranceNs(), watch.timelineThrough(record.window().hostJudgedUntilNs()))
                    .explainedBy(explanation));
            note(part, SensorChecks.noPacketLost(record).explainedBy(explanation));
        }
    }

    /** The grandmaster watch, from the bench's opening to now: a grandmaster lost on the way is out of tolerance. */
    private void checkGrandmasterHeld(GrandmasterWatch watch) {
        long nowNs = HostClock.SYSTEM.nowNs();
        Timeline<GrandmasterState> timeline = watch.timelineThrough(nowNs);
        Finding held = GrandmasterChecks.heldForTheWholeRun(timeline, nowNs);
        out.println("Grandmaster watch: " + held.measured());
        note("ptp4l", held);
    }

    /** A failed check is out of tolerance; a broken or inconclusive one is a bench error; the rest pass by. */
    private void note(String part, Finding finding) {
        String message = finding.message().replace("\n but was: ", ", but was: ").replace("\nexpected: ",
                "; expected: ").replace('\n', ' ');
        switch (finding.status()) {
            case FAILED -> outOfTolerance.add(message.startsWith(part) ? message : part + ": " + message);
            case BROKEN, INCONCLUSIVE -> benchError(message.contains(part) ? message : part + ": " + message);
            case PASSED, SKIPPED -> {
            }
        }
    }

    private void benchError(String message) {
        benchErrors.add(message.replace('\n', ' '));
    }

    private int verdict() {
        out.println("=== Quick check ===");
        outOfTolerance.forEach(finding -> out.println("OUT OF TOLERANCE: " + finding));
        benchErrors.forEach(error -> out.println("BENCH ERROR: " + error));
        if (!outOfTolerance.isEmpty()) {
            out.println("Result: out of tolerance (exit " + OUT_OF_TOLERANCE + ")");
            return OUT_OF_TOLERANCE;
        }
        if (!benchErrors.isEmpty()) {
            out.println("Result: bench error (exit " + BENCH_ERROR + ")");
            return BENCH_ERROR;
        }
        out.println("Result: all within threshold (exit " + WITHIN_THRESHOLD + ")");
        return WITHIN_THRESHOLD;
    }
}
