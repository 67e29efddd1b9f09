package io.timesync.hil.selftest;

import io.timesync.hil.requirements.CameraAlignmentTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C in the middle of a measurement: the suite runs in a child JVM (as under Maven) and gets SIGINT
 * while the cameras are being sampled. What was measured stays on disk, the run is marked interrupted, and
 * the Allure results report the checks that finished plus the interrupted one, so a report can still be made.
 */
class InterruptedRunTest {
    private static final Pattern BROKEN = Pattern.compile("\"status\"\\s*:\\s*\"broken\"");
    private static final Pattern PASSED = Pattern.compile("\"status\"\\s*:\\s*\"passed\"");

    @TempDir
    Path work;

    @Test
    void ctrlCKeepsTheEvidenceAndReportsWhatWasDone() throws Exception {
        Path evidence = work.resolve("evidence");
        Path results = work.resolve("allure-results");
        Path samples = evidence.resolve("cameras/samples.csv");
        Process suite = new ProcessBuilder(suiteCommand(evidence, results)).redirectErrorStream(true)
                .redirectOutput(work.resolve("suite.log").toFile()).start();
        try {
            await("4 cameras x 3 samples in " + samples).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20)).until(() -> dataRows(samples) >= 12);
            long rowsBeforeCtrlC = dataRows(samples);

            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(suite.pid())).start().waitFor()).isZero();
            assertThat(suite.waitFor(30, TimeUnit.SECONDS)).as("the suite stopped after SIGINT").isTrue();

            assertThat(suite.exitValue()).as("exit status after SIGINT (128 + 2)").isEqualTo(130);
            assertThat(dataRows(samples)).isGreaterThanOrEqualTo(rowsBeforeCtrlC);
            assertThat(Files.readAllLines(samples)).allSatisfy(row -> assertThat(row.split(",", -1)).hasSize(22));
            assertThat(evidence.resolve("run-status.txt")).content().startsWith("interrupted at ")
                    .contains("during CameraAlignmentTest > withinThresholdOfEveryOtherCamera camera 05520125",
                            "The grandmaster watch until then: ", "held throughout");
            assertThat(evidence.resolve("ptp4l/grandmaster-watch.csv")).content().contains(",true,\"role=Grandmaster");
            List<String> resultFiles = resultFiles(results);
            assertThat(resultFiles.stream().filter(json -> BROKEN.matcher(json).find()))
                    .singleElement().asString().contains("Run interrupted: the run was stopped",
                            "the camera is within threshold of every other camera", "The grandmaster watch until then");
            assertThat(resultFiles.stream().filter(json -> PASSED.matcher(json).find())
                    .filter(json -> json.contains("PTP port reaches Slave"))).hasSize(4);
            assertThat(results.resolve("environment.properties")).content().contains("Bench=simulated bench");
            try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertThat(temp.map(path -> path.getFileName().toString()))
                        .as("the simulator's and the client's private folders are removed on SIGINT too")
                        .noneMatch(name -> name.matches("timesync-hil-[a-z]+-" + suite.pid() + "-.*"));
            }
        } finally {
            suite.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The camera requirement in a child JVM with a long measurement (1000 samples, 50 ms apart). */
    private static List<String> suiteCommand(Path evidence, Path results) {
        List<String> command = new ArrayList<>(List.of(
                // a shell without job control starts background jobs with SIGINT ignored; undo that
                "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseZGC",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "-Dhil.bench=sim", "-Dhil.evidenceDir=" + evidence, "-Dallure.results.directory=" + results,
                "-Dhil.cameras.samples=1000", "-Dhil.cameras.interval=50ms", "-Dhil.timeout=120s"));
        command.addAll(List.of(SuiteProcess.class.getName(), CameraAlignmentTest.class.getName()));
        return command;
    }

    private static long dataRows(Path csv) throws IOException {
        return Files.exists(csv) ? Math.max(0, Files.readAllLines(csv).size() - 1) : 0;
    }

    private static List<String> resultFiles(Path results) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            List<String> contents = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                contents.add(Files.readString(file));
            }
            return contents;
        }
    }
}
