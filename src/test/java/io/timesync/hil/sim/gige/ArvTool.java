package io.timesync.hil.sim.gige;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.fail;

/**
 * aravis' command line tool {@code arv-tool-0.8} (Debian's aravis-tools-cli), run as a child process with a bound.
 * Missing, it aborts the test with the reason, or fails it when CI=true (CI installs every peer).
 */
final class ArvTool {
    static final String COMMAND = "arv-tool-0.8";
    private static final long BOUND_S = 60;

    record Result(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private ArvTool() {
    }

    /** Aborts (or fails under CI) unless arv-tool-0.8 runs here. */
    static void requireInstalled() {
        String problem;
        try {
            Result version = run("--version");
            if (version.exitCode() == 0) {
                return;
            }
            problem = COMMAND + " --version exited " + version.exitCode() + ": " + version.output();
        } catch (UncheckedIOException e) {
            problem = COMMAND + " cannot be run (" + e.getCause().getMessage() + ")";
        }
        String reason = problem + ": install aravis' command line tools (Debian/Ubuntu: apt-get install "
                + "aravis-tools-cli)";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + " although CI=true: CI must install every peer");
        }
        System.out.println("skipped: " + reason);
        Assumptions.abort(reason);
    }

    /** Runs arv-tool with {@code args}; its stdout and stderr together. */
    static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(COMMAND));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // drained while it runs: debug output can exceed the pipe's buffer
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            process.getOutputStream().close();
            if (!process.waitFor(BOUND_S, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(BOUND_S, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + BOUND_S + " s");
            }
            return new Result(process.exitValue(), output.get(BOUND_S, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the output of " + command, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
