package io.timesync.hil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A private (0700) temporary directory of the suite's, for its Unix sockets: named after the JVM's process id,
 * removed on close and, should the JVM be stopped (Ctrl-C, a cancelled job), by a shutdown hook; directories
 * that earlier runs of the suite left behind (their process is gone) are removed when a new one is made.
 */
public final class PrivateDirectory implements AutoCloseable {
    private static final String PREFIX = "timesync-hil-";

    private final Path path;
    private final Thread hook;

    private PrivateDirectory(Path path) {
        this.path = path;
        this.hook = new Thread(this::delete, "timesync-hil remove " + path.getFileName());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @param purpose one word for the name, e.g. {@code sim} or {@code ptp} */
    public static PrivateDirectory create(String purpose) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        removeAbandoned(temp);
        try {
            Path path = Files.createTempDirectory(temp, PREFIX + purpose + "-" + ProcessHandle.current().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new PrivateDirectory(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory in " + temp
                    + " (java.io.tmpdir): check that it exists and is writable", e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        delete();
    }

    private void delete() {
        deleteTree(path);
    }

    /** Directories {@code timesync-hil-<purpose>-<pid>-*} whose process no longer runs. */
    static void removeAbandoned(Path temp) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path entry : entries) {
                ownerPid(entry.getFileName().toString())
                        .filter(pid -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true))
                        .ifPresent(pid -> deleteTree(entry));
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: someone else's directory, or a temp directory we cannot list
        }
    }

    static Optional<Long> ownerPid(String name) {
        String[] parts = name.split("-");
        // timesync-hil-<purpose>-<pid>-<random>
        if (parts.length < 5 || !parts[3].matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(parts[3]));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            tree.sorted(Comparator.reverseOrder()).forEach(entry -> {
                try {
                    Files.deleteIfExists(entry);
                } catch (IOException e) {
                    // best effort; the next run removes what is left
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // likewise
        }
    }
}
