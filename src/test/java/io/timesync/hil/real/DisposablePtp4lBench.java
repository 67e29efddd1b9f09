package io.timesync.hil.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real two-clock bench of its own, for a test that breaks it (kills or freezes the grandmaster, lets a better
 * master join): started with {@code .ci/real-ptp4l-bench.sh start} in a directory of the test's, removed on
 * close. Where the shared real bench can run, so can this one (root, linuxptp).
 */
final class DisposablePtp4lBench implements AutoCloseable {
    private static final Path SCRIPT = Path.of(".ci", "real-ptp4l-bench.sh");
    private static final long SCRIPT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);

    private final Path directory;
    private final RealPtp4lBench bench;

    private DisposablePtp4lBench(Path directory, RealPtp4lBench bench) {
        this.directory = directory;
        this.bench = bench;
    }

    static DisposablePtp4lBench start(Path directory) {
        script("start", directory);
        try {
            return new DisposablePtp4lBench(directory, RealPtp4lBench.load(directory));
        } catch (RuntimeException | AssertionError e) {
            script("stop", directory);
            throw e;
        }
    }

    RealPtp4lBench bench() {
        return bench;
    }

    /** Sends {@code signal} (KILL, STOP, ...) to the grandmaster's ptp4l. */
    void signalGrandmaster(String signal) {
        run(List.of("kill", "-s", signal, grandmasterPid()));
    }

    /** A third ptp4l with a better priority1 joins the link: the best master election unseats the grandmaster. */
    void letABetterMasterJoin() {
        script("intrude", directory);
    }

    private String grandmasterPid() {
        try {
            return Files.readString(directory.resolve("gm.pid")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file of the bench's grandmaster in " + directory, e);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(directory.resolve("gm.pid"))
                    && ProcessHandle.of(Long.parseLong(grandmasterPid())).filter(ProcessHandle::isAlive).isPresent()) {
                run(List.of("kill", "-s", "CONT", grandmasterPid())); // a frozen ptp4l cannot take the TERM that stops it
            }
        } finally {
            script("stop", directory);
        }
    }

    private static void script(String command, Path directory) {
        run(List.of("bash", SCRIPT.toString(), command, directory.toString()),
                directory.resolveSibling(directory.getFileName() + "-" + command + ".log"));
    }

    private void run(List<String> command) {
        run(command, directory.resolveSibling(directory.getFileName() + "-kill.log"));
    }

    /** Runs a command to its end, bounded, its output into {@code log}; fails with the output when it fails. */
    private static void run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(SCRIPT_TIMEOUT_NS, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                fail(command + " did not end within " + TimeUnit.NANOSECONDS.toSeconds(SCRIPT_TIMEOUT_NS) + " s:\n"
                        + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                fail(command + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
