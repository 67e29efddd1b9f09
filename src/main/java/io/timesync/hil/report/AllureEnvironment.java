package io.timesync.hil.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
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
            Files.writeString(resultsDirectory.resolve("environment.properties"), text(entries),
                    StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write environment.properties into " + resultsDirectory, e);
        }
    }

    /** The entries in their order as a properties file (ISO 8859-1 with escapes, as Allure reads it). */
    public static String text(Map<String, String> entries) {
        StringBuilder text = new StringBuilder("# timesync-hil bench environment\n");
        entries.forEach((key, value) -> text.append(escaped(key, value)));
        return text.toString();
    }

    /** One entry as {@link Properties#store} writes it (without its comment lines). */
    private static String escaped(String key, String value) {
        Properties entry = new Properties();
        entry.setProperty(key, value);
        StringWriter line = new StringWriter();
        try {
            entry.store(line, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return line.toString().lines().filter(l -> !l.startsWith("#")).map(l -> l + "\n")
                .reduce("", String::concat);
    }
}
