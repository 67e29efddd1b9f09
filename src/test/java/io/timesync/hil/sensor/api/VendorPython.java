package io.timesync.hil.sensor.api;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a script of {@code src/test/python/} with the ouster-sdk Python ({@value #PYTHON_VARIABLE}, which
 * {@code .ci/run} sets to a venv with {@code pip install ouster-sdk}). Without it the test is skipped with the
 * reason printed, since Maven's summary does not show it; under {@code CI=true} it fails instead.
 */
public final class VendorPython {
    public static final String PYTHON_VARIABLE = "HIL_OUSTER_PYTHON";
    private static final Path SCRIPTS = Path.of(System.getProperty("basedir", "."), "src", "test", "python");
    private static final long KILL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private VendorPython() {
    }

    /**
     * The ouster-sdk Python, or: on CI (where {@code .ci/run} installs it) a failure, elsewhere a skip whose reason
     * also goes to stdout, since Maven's summary does not show why a test was skipped.
     */
    public static String python() {
        String python = System.getenv(PYTHON_VARIABLE);
        if (python == null || python.isBlank()) {
            String reason = "no ouster-sdk Python: `python3 -m venv /tmp/ouster && /tmp/ouster/bin/pip install "
                    + "ouster-sdk` and export " + PYTHON_VARIABLE + "=/tmp/ouster/bin/python";
            if ("true".equals(System.getenv("CI"))) {
                fail(PYTHON_VARIABLE + " is not set although CI=true: .ci/run must install ouster-sdk (" + reason
                        + ")");
            }
            System.out.println("skipped: " + reason);
            Assumptions.abort(reason);
        }
        return python;
    }

    /**
     * @param stdin    what the script reads, or null
     * @param scratch  a test's temporary directory for the script's input and output
     * @return what the script printed; a failure with its stderr when it exits non-zero or overruns
     */
    static String run(String script, List<String> arguments, String stdin, Path scratch, long timeoutNs) {
        String python = python();
        Path input = scratch.resolve(script + ".in");
        Path output = scratch.resolve(script + ".out");
        Path errors = scratch.resolve(script + ".err");
        List<String> command = new ArrayList<>(List.of(python, SCRIPTS.resolve(script).toString()));
        command.addAll(arguments);
        try {
            Files.writeString(input, stdin == null ? "" : stdin);
            Process process = new ProcessBuilder(command).redirectInput(input.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(timeoutNs, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILL_TIMEOUT_NS, TimeUnit.NANOSECONDS);
                fail(String.join(" ", command) + " did not finish within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs)
                        + " s; stderr: " + Files.readString(errors));
            }
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + process.exitValue() + " (is ouster-sdk installed "
                        + "in that Python?); stderr: " + Files.readString(errors));
            }
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + script + " ran", e);
        }
    }
}
