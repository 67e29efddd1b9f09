package io.timesync.hil.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick check on the simulated bench, healthy and faulty: its lines and its exit status (0, 2, 1). */
class QuickCheckTest {
    @TempDir
    Path evidence;

    private String output;

    @Test
    void aHealthyBenchIsWithinThreshold() {
        int status = run("--samples", "2", "--interval-ms", "50", "--set", "packetTiming.warmUp=200ms",
                "--set", "packetTiming.duration=500ms");

        assertThat(output).contains("Host PTP: role=Grandmaster", "[Sample 1]", "[Sample 2]",
                "serial=05520126, camera_time_ns=", "=== Statistics ===", "Max_abs_delta_ns=",
                "os-front lidar: ", "os-rear imu: ", "Result: all within threshold (exit 0)");
        assertThat(status).isEqualTo(QuickCheck.WITHIN_THRESHOLD);
    }

    @Test
    void aCameraOutOfToleranceExits2() {
        int status = run("--no-sensors", "--samples", "2", "--interval-ms", "50",
                "--set", "simulation.cameras.faults=05520126 offset=+150ms");

        assertThat(output).contains("serial=05520126", "verdict=OUT_OF_TOLERANCE",
                "OUT OF TOLERANCE: camera 05520126 differs from another camera by more than 100ms in 2 of 2 samples",
                "OUT OF TOLERANCE: camera 05520126 is off the host clock in 2 of 2 samples",
                "Result: out of tolerance (exit 2)");
        assertThat(status).isEqualTo(QuickCheck.OUT_OF_TOLERANCE);
    }

    @Test
    void theReferenceThresholdOptionIsInNanoseconds() {
        // 5 ms off against 1 ms: beyond the bound of 800 µs latch calls, so decided whatever the machine's load
        int status = run("--no-sensors", "--samples", "2", "--interval-ms", "50", "--threshold-ns", "1000000",
                "--set", "simulation.cameras.faults=05520126 offset=+5ms");

        assertThat(output).contains("OUT OF TOLERANCE: camera 05520126 differs from another camera by more than 1ms "
                + "in 2 of 2 samples");
        assertThat(status).isEqualTo(QuickCheck.OUT_OF_TOLERANCE);
    }

    @Test
    void aLateSensorExits2() {
        int status = run("--no-cameras", "--set", "packetTiming.warmUp=200ms", "--set", "packetTiming.duration=500ms",
                "--set", "simulation.sensors.faults=os-front late=20ms");

        assertThat(output).containsPattern("OUT OF TOLERANCE: os-front lidar: \\d+ of \\d+ judged packets outside the "
                + "allowed window \\(\\d+ late, 0 from the future\\)").contains("Result: out of tolerance (exit 2)");
        assertThat(status).isEqualTo(QuickCheck.OUT_OF_TOLERANCE);
    }

    @Test
    void aSensorFollowingAnotherGrandmasterExits2SayingWhatItsApiSaid() {
        int status = run("--no-cameras", "--set", "packetTiming.warmUp=200ms", "--set", "packetTiming.duration=500ms",
                "--set", "sensors.os-front.settleTimeout=500ms",
                "--set", "simulation.sensors.faults=os-front otherGrandmaster");

        assertThat(output).contains("sensor os-front: OS-1-64 992211000101, firmware 3.2.0, TIME_FROM_PTP_1588",
                "PTP SLAVE to 02005e.fffe.0000aa", "OUT OF TOLERANCE: sensor os-front follows another grandmaster",
                "Result: out of tolerance (exit 2)").doesNotContain("BENCH ERROR");
        assertThat(status).isEqualTo(QuickCheck.OUT_OF_TOLERANCE);
    }

    @Test
    void aHostThatIsNotGrandmasterExits2() {
        int status = run("--no-cameras", "--no-sensors", "--set", "simulation.ptp4l.role=slave",
                "--set", "ptp4l.settleTimeout=500ms");

        assertThat(output).contains("OUT OF TOLERANCE: ptp4l: CURRENT_DATA_SET.stepsRemoved is 1 (0 when this clock is "
                + "the grandmaster; role: Slave");
        assertThat(status).isEqualTo(QuickCheck.OUT_OF_TOLERANCE);
    }

    @Test
    void aMissingCameraIsABenchErrorNamingTheCamerasFound() {
        int status = run("--no-sensors", "--samples", "2", "--interval-ms", "50",
                "--set", "simulation.cameras.faults=05520126 missing");

        assertThat(output).contains("BENCH ERROR: Bench part unreachable: camera 05520126 (simulated): not found",
                "cameras found: [05520125, 05520128, 05520129]", "Result: bench error (exit 1)");
        assertThat(output.lines().filter(line -> line.startsWith("BENCH ERROR"))).as("each finding once").hasSize(1);
        assertThat(status).isEqualTo(QuickCheck.BENCH_ERROR);
    }

    @Test
    void anAbsentPtp4lIsABenchErrorWithTheHint() {
        int status = run("--no-cameras", "--no-sensors", "--set", "simulation.ptp4l.role=absent");

        assertThat(output).contains("BENCH ERROR: ptp4l: Bench part unreachable", "Hint:", "Result: bench error (exit 1)");
        assertThat(status).isEqualTo(QuickCheck.BENCH_ERROR);
    }

    @Test
    void aBadBenchKeyOrOptionIsABenchErrorSayingWhat() {
        assertThat(run("--set", "cameras.samplez=3")).isEqualTo(QuickCheck.BENCH_ERROR);
        assertThat(output).contains("Bench configuration error", "cameras.samplez", "cameras.samples");

        assertThat(run("--samples", "ten")).isEqualTo(QuickCheck.BENCH_ERROR);
        assertThat(output).contains("quick-check: --samples needs a whole number, got 'ten'", "usage: ./quick-check");

        assertThat(run("--verbose")).isEqualTo(QuickCheck.BENCH_ERROR);
        assertThat(output).contains("unknown option '--verbose'");
    }

    @Test
    void theReferenceOptionsBecomeBenchKeys() {
        QuickCheckOptions options = QuickCheckOptions.parse(List.of("--serials", "05520125,05520126", "--iface=enp3s0",
                "--samples", "10", "--interval-ms", "200", "--threshold-ns", "100000000", "--timeout-s", "60",
                "--assume-realtime-ptp", "--bench", "lab-example"));

        assertThat(options.overrides()).isEqualTo(Map.of("hil.cameras.serials", "05520125,05520126",
                "hil.interface", "enp3s0", "hil.cameras.samples", "10", "hil.cameras.interval", "200ms",
                "hil.cameras.threshold", "100000000ns", "hil.timeout", "60s", "hil.cameras.compareToHostClock", "true",
                "hil.bench", "lab-example"));
        assertThat(options.cameras()).isTrue();
        assertThat(options.sensors()).isTrue();
    }

    /** A check's evidence verifies; altered afterwards, it does not, and the file is named. */
    @Test
    void verifiesAnArchivedEvidenceFolder() throws IOException {
        run("--no-sensors", "--samples", "1");

        assertThat(run("--verify-evidence", evidence.toString())).isEqualTo(QuickCheck.WITHIN_THRESHOLD);
        assertThat(output).contains("complete and unaltered");
        Files.writeString(evidence.resolve("run-status.txt"), "completed, I promise\n");
        assertThat(run("--verify-evidence", evidence.toString())).isEqualTo(QuickCheck.OUT_OF_TOLERANCE);
        assertThat(output).contains("ALTERED: run-status.txt");
        assertThat(run("--verify-evidence", evidence.resolve("cameras").toString())).isEqualTo(QuickCheck.BENCH_ERROR);
        assertThat(output).contains("holds no manifest.csv");
    }

    private int run(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--evidence", evidence.toString()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = QuickCheck.run(arguments, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        output = bytes.toString(StandardCharsets.UTF_8);
        return status;
    }
}
