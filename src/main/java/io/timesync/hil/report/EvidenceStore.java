package io.timesync.hil.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    /** Every file the suite wrote here, one relative path a line, added as each is created. */
    public static final Path FILES_WRITTEN = Path.of("files-written.txt");
    private static final int FOREIGN_FILES_NAMED = 5;

    private final Path root;
    private final Set<Path> shown = new HashSet<>();
    private final Set<Path> written = new HashSet<>();
    private Path currentTest;

    private EvidenceStore(Path root) {
        this.root = root;
        this.currentTest = root.resolve("tests").resolve("(outside a test)");
    }

    /**
     * Starts a run's evidence in {@code root}, removing what an earlier run of the suite wrote there (the files its
     * {@code files-written.txt} names) and nothing else: a folder holding any other file is refused, so a mistyped
     * {@code -Dhil.evidenceDir} cannot wipe it.
     */
    public static EvidenceStore fresh(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("the evidence directory " + root + " is a file, not a directory: "
                    + "choose another -Dhil.evidenceDir");
        }
        try {
            if (Files.isDirectory(root) && !isEmpty(root)) {
                removeEarlierRun(root);
            }
            Files.createDirectories(root);
            return new EvidenceStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the evidence directory " + root, e);
        }
    }

    /**
     * An earlier run's evidence, to add to it (the report made after the run): its files stay the suite's own.
     *
     * @throws IllegalArgumentException when {@code root} holds no run's evidence
     */
    public static EvidenceStore reopen(Path root) {
        Path ledger = root.resolve(FILES_WRITTEN);
        if (!Files.isRegularFile(ledger)) {
            throw new IllegalArgumentException(root + " holds no run's evidence (no " + FILES_WRITTEN + ")");
        }
        EvidenceStore store = new EvidenceStore(root);
        try {
            store.written.addAll(ledgerEntries(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ledger, e);
        }
        return store;
    }

    /** The files {@code files-written.txt} names; one outside the folder means it was not written by the suite. */
    private static List<Path> ledgerEntries(Path root) throws IOException {
        Path folder = root.toAbsolutePath().normalize();
        List<Path> entries = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve(FILES_WRITTEN), StandardCharsets.UTF_8)) {
            Path entry = folder.resolve(line).normalize();
            if (line.isBlank() || Path.of(line).isAbsolute() || !entry.startsWith(folder) || entry.equals(folder)) {
                throw new IllegalArgumentException(root.resolve(FILES_WRITTEN) + " names '" + line + "', which is "
                        + "not a file inside " + root + ": the suite did not write it; remove the folder yourself, or "
                        + "choose another -Dhil.evidenceDir");
            }
            entries.add(root.resolve(line).normalize());
        }
        return entries;
    }

    private static void removeEarlierRun(Path root) throws IOException {
        Path ledger = root.resolve(FILES_WRITTEN);
        if (!Files.isRegularFile(ledger)) {
            throw new IllegalArgumentException("the evidence directory " + root + " is not empty and holds no "
                    + "earlier run's evidence (no " + FILES_WRITTEN + "): remove it, or choose another");
        }
        Set<Path> ours = new HashSet<>(ledgerEntries(root));
        ours.add(ledger);
        ours.add(root.resolve(EvidenceManifest.FILE));
        List<Path> foreign;
        try (Stream<Path> entries = Files.walk(root)) {
            foreign = entries.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> !ours.contains(path.normalize())).map(root::relativize).sorted().toList();
        }
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("the evidence directory " + root + " holds " + foreign.size()
                    + " file(s) the suite did not write (" + foreign.stream().limit(FOREIGN_FILES_NAMED)
                    .map(Path::toString).collect(Collectors.joining(", ")) + (foreign.size() > FOREIGN_FILES_NAMED
                    ? ", ..." : "") + "): move them away, or choose another -Dhil.evidenceDir");
        }
        for (Path file : ours) {
            Files.deleteIfExists(file);
        }
        try (Stream<Path> directories = Files.walk(root)) {
            for (Path directory : directories.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> !path.equals(root)).sorted(Comparator.reverseOrder()).toList()) {
                if (isEmpty(directory)) {
                    Files.delete(directory);
                }
            }
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
        write(claim(file), (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }

    /** Writes a whole file (relative to the root). */
    public synchronized void save(Path file, byte[] content) {
        write(claim(file), content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Where a file (relative to the root) that a bench part writes itself goes: recorded as the suite's before it
     * is created, so the next run removes it, and nothing else. Only paths inside the root are taken.
     */
    public synchronized Path claim(Path file) {
        Path resolved = root.resolve(file).normalize();
        if (file.isAbsolute() || !resolved.startsWith(root.normalize()) || resolved.equals(root.normalize())) {
            throw new IllegalArgumentException("evidence file " + file + " is not inside " + root);
        }
        if (written.add(resolved)) {
            write(root.resolve(FILES_WRITTEN), (root.normalize().relativize(resolved) + "\n")
                    .getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        }
        return resolved;
    }

    /** Writes the manifest of everything here (size and SHA-256 of each file): at the end of every run. */
    public synchronized void writeManifest() {
        EvidenceManifest.write(root);
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
