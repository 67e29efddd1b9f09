package io.timesync.hil.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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
        Properties properties = new Properties();
        entries.forEach(properties::setProperty);
        try {
            Files.createDirectories(resultsDirectory);
            try (Writer writer = Files.newBufferedWriter(resultsDirectory.resolve("environment.properties"),
                    StandardCharsets.ISO_8859_1)) {
                properties.store(writer, "timesync-hil bench environment");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write environment.properties into " + resultsDirectory, e);
        }
    }
}
