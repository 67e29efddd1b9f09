package io.timesync.hil.camera.aravis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command run to its end within a bound, its output (stdout and stderr) kept in a file of a test's directory. */
record ToolRun(int exitCode, String output) {

    static ToolRun run(List<String> command, Duration bound, Path workDir) {
        try {
            Path output = Files.createTempFile(workDir, "tool-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command + " did not finish within " + bound + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new ToolRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    ToolRun requireSuccess(List<String> command) {
        if (exitCode != 0) {
            throw new IllegalStateException(command + " exited with " + exitCode + ":\n" + output);
        }
        return this;
    }
}
