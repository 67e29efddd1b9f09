package io.timesync.hil.report;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Facts about the run's host and suite for the report's Environment block; each read is bounded. */
public final class RunFacts {
    private static final long COMMAND_TIMEOUT_MS = 3_000;

    private RunFacts() {
    }

    public static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    /** The OS and kernel release ({@code uname -sr}). */
    public static String kernel() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** linuxptp's version as {@code ptp4l -v} prints it, or why it is not known. */
    public static String linuxptpVersion() {
        return firstLine(List.of("ptp4l", "-v")).orElse("unknown (ptp4l -v did not answer: not on this PATH?)");
    }

    /** The suite's version, from the build. */
    public static String suiteVersion() {
        try (InputStream in = RunFacts.class.getResourceAsStream("/timesync-hil.properties")) {
            if (in == null) {
                return "unknown (no timesync-hil.properties on the classpath)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read timesync-hil.properties", e);
        }
    }

    /** The commit the suite was built from, marked {@code (modified)} when the working tree differs from it. */
    public static String gitCommit() {
        Optional<String> commit = firstLine(List.of("git", "rev-parse", "HEAD"))
                .or(() -> Optional.ofNullable(System.getenv("GITHUB_SHA")));
        if (commit.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        boolean clean = exitsWithZero(List.of("git", "diff", "--quiet", "HEAD", "--"));
        return commit.get() + (clean ? "" : " (modified)");
    }

    private static boolean exitsWithZero(List<String> command) {
        return run(command).isPresent();
    }

    /** The first line a command prints, if it exits with 0 within the bound. */
    private static Optional<String> firstLine(List<String> command) {
        return run(command).flatMap(output -> output.lines().map(String::strip).filter(line -> !line.isEmpty())
                .findFirst());
    }

    /** What a short command prints (one-liners: the pipe is read after it exits), if it exits with 0 in time. */
    private static Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
