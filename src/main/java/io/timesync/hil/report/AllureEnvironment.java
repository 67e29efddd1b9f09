package io.timesync.hil.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Writes the report's Environment block ({@code environment.properties} in the Allure results). */
public final class AllureEnvironment {
    public static final String RESULTS_DIRECTORY_PROPERTY = "allure.results.directory";

    private AllureEnvironment() {
    }

    /** The results directory the build configured, if any: without one there is no report to write into. */
    public static Optional<Path> resultsDirectory() {
        return Optional.ofNullable(System.getProperty(RESULTS_DIRECTORY_PROPERTY)).map(Path::of);
    }

    public static void write(Path resultsDirectory, Map<String, String> entries) {
        try {
            Files.createDirectories(resultsDirectory);
            Files.write(resultsDirectory.resolve("environment.properties"), bytes(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write environment.properties into " + resultsDirectory, e);
        }
    }

    /**
     * The entries in their order as a properties file, as Allure reads it: ISO 8859-1, every other character
     * written as a {@code \\uXXXX} escape (what {@link Properties#store(java.io.OutputStream, String)} does), so
     * any Unicode name survives.
     */
    public static byte[] bytes(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("# timesync-hil bench environment\n".getBytes(StandardCharsets.ISO_8859_1));
        entries.forEach((key, value) -> out.writeBytes(escaped(key, value)));
        return out.toByteArray();
    }

    /** One entry as {@link Properties#store(java.io.OutputStream, String)} writes it, without its comment line. */
    private static byte[] escaped(String key, String value) {
        Properties entry = new Properties();
        entry.setProperty(key, value);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            entry.store(line, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.lines().filter(l -> !l.startsWith("#")).map(l -> l + "\n").reduce("", String::concat)
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
