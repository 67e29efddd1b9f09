package io.timesync.hil.cli;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.DurationText;
import io.timesync.hil.camera.AlignmentRun;
import io.timesync.hil.camera.CameraJudgement;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchConfigException;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.junit.BenchSession;
import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.SensorBench;
import io.timesync.hil.sensor.StreamResult;
import org.awaitility.core.ConditionTimeoutException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The bench operator's quick check, like the reference tool's command line: is ptp4l grandmaster, are the
 * cameras within threshold (the reference's per-sample lines and statistics), do the sensors' packets
 * arrive within their bound. Exits 0 when all is within threshold, 2 when anything was measured out of
 * tolerance, else 1 when a bench part failed or a measurement proved nothing.
 */
public final class QuickCheck {
    public static final int WITHIN_THRESHOLD = 0;
    public static final int BENCH_ERROR = 1;
    public static final int OUT_OF_TOLERANCE = 2;

    private final PrintStream out;
    private final List<String> outOfTolerance = new ArrayList<>();
    private final List<String> benchErrors = new ArrayList<>();

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
        BenchConfig config;
        try {
            config = BenchConfigLoader.load(options.properties());
        } catch (BenchConfigException e) {
            out.println(e.getMessage());
            return BENCH_ERROR;
        }
        try {
            return new QuickCheck(out).check(config, options);
        } catch (RuntimeException e) {
            out.println("BENCH ERROR: the check stopped: " + e);
            return BENCH_ERROR;
        }
    }

    private int check(BenchConfig config, QuickCheckOptions options) {
        out.println("Bench: " + config.name() + " (" + config.source() + ")");
        try (BenchSession session = BenchSession.open(config, options.evidenceDirectory(), out)) {
            // the sensors are captured while the cameras are measured
            boolean sensorsCaptured = options.sensors() && !config.sensors().isEmpty() && startSensors(session.sensors());
            checkGrandmaster(session, config);
            if (options.cameras()) {
                checkCameras(session.cameras());
            }
            if (sensorsCaptured) {
                checkSensors(session.sensors());
            }
            out.println("Evidence: " + session.evidence().root());
        }
        return verdict();
    }

    private void checkGrandmaster(BenchSession session, BenchConfig config) {
        try {
            Ptp4lSnapshot ptp = Ptp4lSnapshot.read(session.ptp4l());
            out.println("Host PTP: " + ptp.summary());
            if (!ptp.isGrandmaster()) {
                outOfTolerance.add("ptp4l is not grandmaster: role " + ptp.role() + ", stepsRemoved "
                        + ptp.currentDataSet().stepsRemoved() + ", grandmaster " + ptp.parentDataSet().grandmasterIdentity());
            }
            for (String benchInterface : config.interfaces()) {
                PortStateWatch.Observation port = PortStateWatch.awaitState(session.ptp4l(), benchInterface,
                        PortState.MASTER, config.ptp4l().settleTimeoutNs());
                if (!port.states().reached()) {
                    outOfTolerance.add(port.portNumber().map(number -> "ptp4l's port " + number + " on "
                                    + benchInterface + " is " + port.states().lastState().orElse(null) + ", not MASTER")
                            .orElse("ptp4l has no port on " + benchInterface + " (its interfaces: " + ptp.interfaces()
                                    + ")"));
                }
            }
        } catch (BenchPartException e) {
            benchError("ptp4l: " + e.getMessage());
        }
    }

    private void checkCameras(CameraRig cameras) {
        if (cameras.serials().isEmpty()) {
            out.println("Cameras: none on this bench");
            return;
        }
        AlignmentRun run = cameras.alignment(); // prints every sample and the statistics
        for (String serial : cameras.serials()) {
            if (run.failureOf(serial).isPresent()) {
                benchError("camera " + serial + ": " + run.failureOf(serial).get().getMessage());
                continue;
            }
            judge(CameraJudgement.againstTheOthers(run, serial), "delta to median", run.settings().thresholdNs());
            if (run.utcOffset().isPresent()) {
                judge(CameraJudgement.againstTheHostClock(run, serial), "delta to host clock",
                        run.settings().hostThresholdNs());
            }
            run.shortfallOf(serial).ifPresent(shortfall -> benchError("camera " + serial + ": " + shortfall));
        }
    }

    private void judge(CameraJudgement judgement, String what, long thresholdNs) {
        String camera = "camera " + judgement.serial();
        judgement.clockFault().ifPresent(fault -> outOfTolerance.add(camera + ": " + fault));
        if (!judgement.outOfTolerance().isEmpty()) {
            outOfTolerance.add(camera + ": |" + what + "| over " + DurationText.format(thresholdNs) + " in "
                    + judgement.outOfTolerance().size() + " of " + judgement.samples().size() + " samples");
        }
        if (!judgement.inconclusive().isEmpty()) {
            benchError(camera + ": " + judgement.inconclusive().size() + " samples cannot prove "
                    + DurationText.format(thresholdNs) + " (" + what + "): their uncertainty straddles it");
        }
    }

    private boolean startSensors(SensorBench sensors) {
        try {
            sensors.start();
            return true;
        } catch (BenchPartException e) {
            benchError("sensors: " + e.getMessage());
            return false;
        }
    }

    private void checkSensors(SensorBench sensors) {
        CaptureSettings settings = sensors.settings();
        for (String stream : sensors.streams()) {
            try {
                await().atMost(Duration.ofNanos(settings.arrivalTimeoutNs())).pollInterval(Duration.ofMillis(50))
                        .until(() -> sensors.hasPackets(stream));
            } catch (ConditionTimeoutException e) {
                benchError(stream + ": no packet on " + sensors.socketOf(stream) + " within "
                        + DurationText.format(settings.arrivalTimeoutNs()));
                continue;
            }
            StreamResult result = sensors.result(stream);
            out.println(result.summary(settings.warmUpNs()));
            if (result.late() + result.fromTheFuture() > 0) {
                outOfTolerance.add(stream + ": " + (result.late() + result.fromTheFuture()) + " of " + result.judged()
                        + " packets outside -" + DurationText.format(settings.futureToleranceNs()) + " .. "
                        + DurationText.format(settings.maxDiffNs()) + " (" + result.late() + " late, "
                        + result.fromTheFuture() + " from the future)");
            }
            if (result.lost() > 0) {
                outOfTolerance.add(stream + ": " + result.lost() + " packets lost");
            }
            if (result.malformed() + result.withoutTimestamp() + result.kernelDrops() > 0 || result.judged() == 0) {
                benchError(stream + ": " + result.judged() + " packets judged; " + result.malformed() + " malformed, "
                        + result.withoutTimestamp() + " without a receive timestamp, " + result.kernelDrops()
                        + " dropped by this host's kernel");
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
