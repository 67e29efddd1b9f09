package io.timesync.hil.selftest;

import io.timesync.hil.requirements.CameraAlignmentTest;
import io.timesync.hil.requirements.GrandmasterPresentTest;
import io.timesync.hil.requirements.SensorPacketTimingTest;
import io.timesync.hil.selftest.RequirementRun.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw evidence is written as it is measured and survives a red test: a failed requirement and a broken
 * bench part keep every sample taken. (An interrupted run: {@link InterruptedRunTest}.)
 */
class EvidenceSelfTest {
    private static final String FAULTY = "05520126";
    private static final String OTHERS = "withinThresholdOfEveryOtherCamera";

    @TempDir
    Path evidence;

    @Test
    void aFailedCameraKeepsEverySampleAndItsNumbers() throws IOException {
        RequirementRun run = RequirementRun.of(CameraAlignmentTest.class, Map.of(
                "hil.simulation.cameras.faults", FAULTY + " offset=+150ms", "hil.cameras.samples", "3",
                "hil.cameras.interval", "50ms", "hil.evidenceDir", evidence.toString()));

        assertThat(run.statuses()).containsEntry(OTHERS + "[camera " + FAULTY + "]", Status.FAILED);
        Path samples = evidence.resolve("cameras/samples.csv");
        assertThat(rowsOf(samples, FAULTY)).hasSize(3).allSatisfy(row -> {
            assertThat(Long.parseLong(column(row, "difference_ns", samples))).isCloseTo(150_000_000L,
                    org.assertj.core.data.Offset.offset(1_000_000L));
            assertThat(column(row, "verdict", samples)).isEqualTo("OUT_OF_TOLERANCE");
        });
        assertThat(rowsOf(evidence.resolve("cameras/latches.csv"), FAULTY)).hasSizeGreaterThanOrEqualTo(3);
        Path test = evidence.resolve("tests/CameraAlignmentTest/" + OTHERS + " camera " + FAULTY);
        assertThat(Files.readString(test.resolve("parameters.txt")))
                .contains("required = |difference to every other camera| <= 100ms in each of 3 samples")
                .containsPattern("measured = largest difference 1(49|50)\\.\\d+ ms, at most (15\\d\\.\\d+) ms "
                        + "\\(to 05520\\d+, sample \\d\\): certifies any threshold >= \\2 ms; 3 of 3 samples");
        assertThat(test.resolve("samples (this camera).csv")).exists();
        assertThat(test.resolve("difference to the farthest camera chart.png")).exists();
        assertThat(Files.readString(evidence.resolve("cameras/samples.csv")).lines()
                .filter(line -> line.startsWith("sample,"))).as("one measurement, one header").hasSize(1);
        assertThat(Files.readString(evidence.resolve("run-status.txt"))).startsWith("completed at ");
        assertThat(Files.readString(evidence.resolve("environment.properties")))
                .contains("Camera\\ 05520126=DFK 33GX264e (simulated), device version sim-1.0");
    }

    @Test
    void aCameraLostMidRunKeepsTheSamplesTakenBeforeIt() throws IOException {
        // 3 latch rounds per sample: the warm-up's 3 and sample 1's 3 latches are read, the 7th is not
        RequirementRun run = RequirementRun.of(CameraAlignmentTest.class, Map.of(
                "hil.simulation.cameras.faults", FAULTY + " disconnectAfter=7", "hil.cameras.samples", "4",
                "hil.cameras.latchRounds", "3", "hil.cameras.interval", "50ms", "hil.evidenceDir", evidence.toString()));

        assertThat(run.statuses()).containsEntry(OTHERS + "[camera " + FAULTY + "]", Status.BROKEN);
        assertThat(run.message(OTHERS + "[camera " + FAULTY + "]")).contains("Bench part unreachable");
        assertThat(rowsOf(evidence.resolve("cameras/latches.csv"), FAULTY)).hasSize(6);
        assertThat(rowsOf(evidence.resolve("cameras/samples.csv"), FAULTY)).hasSize(1);
        assertThat(rowsOf(evidence.resolve("cameras/samples.csv"), "05520125")).hasSize(4);
        assertThat(evidence.resolve("cameras/measurement.log")).content()
                .contains("serial=05520126, error=Bench part unreachable", "lost after 7 latches");
    }

    @Test
    void aStreamBrokenByMalformedPacketsKeepsItsPacketRecordsAndTheOffender() throws IOException {
        RequirementRun run = RequirementRun.of(SensorPacketTimingTest.class, Map.of(
                "hil.simulation.sensors.faults", "os-front malformed", "hil.packetTiming.warmUp", "200ms",
                "hil.packetTiming.duration", "1s", "hil.evidenceDir", evidence.toString()));

        assertThat(run.statuses()).containsEntry("everyPacketWithinBound[os-front lidar]", Status.BROKEN);
        List<String> records = Files.readAllLines(evidence.resolve("sensors/os-front-lidar.jsonl"));
        assertThat(records).hasSizeGreaterThan(100).allSatisfy(record -> assertThat(record).startsWith("{")
                .contains("\"diff_ns\""));
        assertThat(evidence.resolve("tests/SensorPacketTimingTest/everyPacketWithinBound os-front lidar/"
                + "first malformed packet (hex).txt")).content().contains("does not fit RNG19_RFL8_SIG16_NIR16");
    }

    @Test
    void aDirectoryThatHoldsSomethingElseIsNeverWiped() throws IOException {
        Path precious = Files.writeString(evidence.resolve("thesis.tex"), "years of work");

        RequirementRun run = RequirementRun.of(GrandmasterPresentTest.class,
                Map.of("hil.evidenceDir", evidence.toString()));

        assertThat(run.outcomes().values()).allSatisfy(outcome -> assertThat(outcome.message()).contains(
                "Bench configuration error: -Dhil.evidenceDir: the evidence directory " + evidence
                        + " is not empty and holds no earlier run's evidence"));
        assertThat(precious).hasContent("years of work");
    }

    private static List<String> rowsOf(Path csv, String serial) throws IOException {
        return Files.readAllLines(csv).stream().filter(row -> row.split(",")[column(csv, "serial")].equals(serial))
                .toList();
    }

    private static String column(String row, String name, Path csv) {
        return row.split(",", -1)[column(csv, name)];
    }

    private static int column(Path csv, String name) {
        try {
            return List.of(Files.readAllLines(csv).get(0).split(",")).indexOf(name);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + csv, e);
        }
    }
}
