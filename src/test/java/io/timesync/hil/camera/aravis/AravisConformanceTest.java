package io.timesync.hil.camera.aravis;

import io.timesync.hil.sim.gige.GigeAravisChecks;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The Aravis backend against Aravis' real GigE Vision fake camera (arv-fake-gv-camera-0.8), and Aravis' own
 * arv-tool-0.8 against the suite's simulated GigE Vision camera ({@link GigeAravisChecks}), over the real GVCP
 * protocol stack. The checks run in a child JVM inside a private network namespace (see
 * {@link IsolatedNetwork}); each of its checks is reported here as a test of its own.
 */
class AravisConformanceTest {
    private static final List<Class<?>> CHECKS = List.of(FakeCameraChecks.class, GigEVisionTimestampChecks.class,
            SfncTimestampChecks.class, GigeAravisChecks.class);
    /** The whole child run: about 30 fake camera starts and discoveries of ~1 s each, on a loaded 2-core machine. */
    private static final Duration RUN_BOUND = Duration.ofMinutes(10);

    @TestFactory
    Stream<DynamicTest> againstAravisFakeGigEVisionCameras(@TempDir Path work) throws Exception {
        AravisPeers.requireAravisTools();
        AravisPeers.requireLibrary();
        AravisPeers.require(AravisPeers.onPath("unshare").isPresent() && AravisPeers.onPath("ip").isPresent(),
                "no unshare or ip on the PATH (util-linux, iproute2): the fake cameras run in a private network");
        ToolRun probe = ToolRun.run(List.of("unshare", "--net", "--map-root-user", "true"), Duration.ofSeconds(30), work);
        AravisPeers.require(probe.exitCode() == 0, "cannot create a private network namespace (unshare --net "
                + "--map-root-user: " + probe.output().strip() + "); run as root or enable user namespaces");

        Path results = work.resolve("results.tsv");
        Path output = work.resolve("isolated-jvm.log");
        Process child = new ProcessBuilder(command(work, results)).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        boolean finished = child.waitFor(RUN_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            // the JVM and whatever it started (fake cameras, arv-tool), by process id
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>(outcomes(results));
        int exitCode = finished ? child.exitValue() : -1;
        tests.add(dynamicTest("the isolated JVM ran every check and exited normally", () -> {
            if (!finished) {
                throw new AssertionFailedError("the isolated JVM did not finish within " + RUN_BOUND + ":\n" + log);
            }
            if (exitCode != 0) {
                throw new AssertionFailedError("the isolated JVM exited with " + exitCode + " (a crash leaves "
                        + "hs_err_pid*.log in " + work + "):\n" + log + crashReports(work));
            }
        }));
        return tests.stream();
    }

    private static List<String> command(Path work, Path results) {
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "--map-root-user", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"),
                "-Dallure.results.directory=" + work.resolve("allure-results"),
                "-Djava.io.tmpdir=" + work,
                "-cp", System.getProperty("java.class.path"), IsolatedNetwork.class.getName(), results.toString()));
        CHECKS.forEach(check -> command.add(check.getName()));
        return command;
    }

    /** Each check's outcome replayed: passed, failed with the child's stack trace, or aborted with its reason. */
    private static List<DynamicTest> outcomes(Path results) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        if (!Files.exists(results)) {
            return tests;
        }
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", 3);
            String status = fields[0];
            String name = fields[1];
            String detail = new String(Base64.getDecoder().decode(fields[2]), StandardCharsets.UTF_8);
            tests.add(dynamicTest(name, () -> {
                switch (status) {
                    case "SUCCESSFUL" -> {
                    }
                    case "ABORTED" -> throw new TestAbortedException(name + " (in the isolated JVM): " + detail);
                    default -> throw new AssertionFailedError(name + " (in the isolated JVM): " + detail);
                }
            }));
        }
        return tests;
    }

    private static String crashReports(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            StringBuilder reports = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList()) {
                reports.append("\n").append(file).append(":\n").append(Files.readString(file).lines().limit(60)
                        .reduce("", (text, lineOfFile) -> text + lineOfFile + "\n"));
            }
            return reports.toString();
        }
    }
}
