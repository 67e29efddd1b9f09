package io.timesync.hil.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@value #FILE}: every file of an evidence folder with its size and SHA-256, written at the end of every run
 * (also a red or an interrupted one), so that an archived folder can be checked later for being complete and
 * unaltered ({@link #verify}).
 */
public final class EvidenceManifest {
    public static final String FILE = "manifest.csv";
    private static final String HEADER = "path,bytes,sha256";

    private EvidenceManifest() {
    }

    /** One file as the manifest lists it; the path is relative to the folder, with '/' separators. */
    public record Entry(String path, long bytes, String sha256) {
    }

    /** What {@link #verify} found; intact when nothing is missing, altered or unlisted. */
    public record Verification(int listed, List<String> missing, List<String> altered, List<String> unlisted) {
        public boolean intact() {
            return missing.isEmpty() && altered.isEmpty() && unlisted.isEmpty();
        }
    }

    /** Lists every file under {@code root} (but the manifest itself) into its manifest. */
    public static void write(Path root) {
        StringBuilder manifest = new StringBuilder(HEADER).append('\n');
        for (Entry entry : entries(root)) {
            manifest.append(csv(entry.path())).append(',').append(entry.bytes()).append(',').append(entry.sha256())
                    .append('\n');
        }
        try {
            Files.writeString(root.resolve(FILE), manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evidence manifest " + root.resolve(FILE), e);
        }
    }

    /** Checks {@code root} against its manifest: every listed file present with its size and SHA-256, none more. */
    public static Verification verify(Path root) {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(root + " holds no " + FILE + ": it is not a timesync-hil evidence "
                    + "folder, or its run ended before the manifest was written");
        }
        Map<String, Entry> listed = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                throw new IllegalArgumentException(file + " does not start with '" + HEADER + "'");
            }
            for (int i = 1; i < lines.size(); i++) {
                Entry entry = parse(lines.get(i), file, i + 1);
                listed.put(entry.path(), entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Entry> present = new LinkedHashMap<>();
        entries(root).forEach(entry -> present.put(entry.path(), entry));
        List<String> missing = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        listed.forEach((path, entry) -> {
            Entry now = present.get(path);
            if (now == null) {
                missing.add(path);
            } else if (!now.equals(entry)) {
                altered.add(path + " (" + (now.bytes() != entry.bytes() ? now.bytes() + " bytes, listed "
                        + entry.bytes() : "SHA-256 differs") + ")");
            }
        });
        List<String> unlisted = present.keySet().stream().filter(path -> !listed.containsKey(path)).toList();
        return new Verification(listed.size(), missing, altered, unlisted);
    }

    private static List<Entry> entries(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> !Files.isDirectory(path)).filter(path -> !path.equals(root.resolve(FILE)))
                    .sorted().map(path -> entry(root, path)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the evidence in " + root, e);
        }
    }

    private static Entry entry(Path root, Path file) {
        String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            long bytes = in.transferTo(OutputStream.nullOutputStream());
            return new Entry(relative, bytes, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evidence file " + file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A path as one CSV field: quoted when it holds a comma or a quote. */
    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Entry parse(String line, Path file, int lineNumber) {
        String path;
        String rest;
        if (line.startsWith("\"")) {
            int end = 1;
            StringBuilder unquoted = new StringBuilder();
            while (end < line.length()) {
                char c = line.charAt(end);
                if (c == '"' && end + 1 < line.length() && line.charAt(end + 1) == '"') {
                    unquoted.append('"');
                    end += 2;
                } else if (c == '"') {
                    break;
                } else {
                    unquoted.append(c);
                    end++;
                }
            }
            path = unquoted.toString();
            rest = line.substring(Math.min(line.length(), end + 2));
        } else {
            int comma = line.indexOf(',');
            path = comma < 0 ? line : line.substring(0, comma);
            rest = comma < 0 ? "" : line.substring(comma + 1);
        }
        String[] fields = rest.split(",", -1);
        try {
            if (fields.length != 2 || !fields[1].matches("[0-9a-f]{64}")) {
                throw new NumberFormatException("expected path,bytes,sha256");
            }
            return new Entry(path, Long.parseLong(fields[0]), fields[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ", line " + lineNumber + ": '" + line + "' is not "
                    + "path,bytes,sha256");
        }
    }
}
