package io.timesync.hil.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The run's raw evidence under one directory, written as it is measured, each write handed to the operating
 * system at once (no buffer in the JVM), so a failed requirement, a broken bench part or an interrupted run
 * loses nothing already measured.
 * Each test gets a folder ({@code tests/<class>/<test>}) for its report lines, parameters and attachments.
 */
public final class EvidenceStore {
    /** How the run went ({@code running since}, {@code completed at}, {@code interrupted at}): written first. */
    public static final Path RUN_STATUS = Path.of("run-status.txt");
    private final Path root;
    private final Set<Path> shown = new HashSet<>();
    private Path currentTest;

    private EvidenceStore(Path root) {
        this.root = root;
        this.currentTest = root.resolve("tests").resolve("(outside a test)");
    }

    /**
     * Starts a run's evidence in {@code root}, removing an earlier run's. A directory that holds anything
     * else is refused, so a mistyped {@code -Dhil.evidenceDir} cannot wipe it.
     */
    public static EvidenceStore fresh(Path root) {
        try {
            if (Files.isDirectory(root) && !isEmpty(root)) {
                if (!Files.exists(root.resolve(RUN_STATUS))) {
                    throw new IllegalArgumentException("the evidence directory " + root + " is not empty and holds no "
                            + "earlier run's evidence (no " + RUN_STATUS + "): remove it, or choose another");
                }
                try (Stream<Path> old = Files.walk(root)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(root);
            return new EvidenceStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the evidence directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Where the following test's report lines, parameters and attachments go. */
    public synchronized void startTest(String testClass, String test) {
        currentTest = root.resolve("tests").resolve(fileName(testClass)).resolve(fileName(test));
    }

    /** The current test's folder, relative to the root. */
    public synchronized Path currentTest() {
        return root.relativize(currentTest);
    }

    /** Whether {@code file} is shown in the report for the first time in this run (and from now on: not). */
    public synchronized boolean firstShowing(Path file) {
        return shown.add(file.toAbsolutePath().normalize());
    }

    /** Appends a line to a file (relative to the root) and flushes it. */
    public synchronized void append(Path file, String line) {
        write(root.resolve(file), (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }

    /** Writes a whole file (relative to the root). */
    public synchronized void save(Path file, byte[] content) {
        write(root.resolve(file), content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /** A name that is safe as one path element. */
    public static String fileName(String text) {
        String safe = text.replaceAll("[^A-Za-z0-9._ \\-\\[\\]()]", "_").strip();
        return safe.isEmpty() ? "_" : safe.length() > 120 ? safe.substring(0, 120) : safe;
    }

    private static void write(Path file, byte[] content, StandardOpenOption mode) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence file " + file, e);
        }
    }
}
