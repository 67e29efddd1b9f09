package io.timesync.hil.cli;

import io.timesync.hil.bench.Benches;
import io.timesync.hil.config.BenchConfigException;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.report.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benches the nightly CI job runs: every bench file in {@code hil-config/} with a {@code ci.runner}, as
 * the JSON of a GitHub Actions matrix ({@code [{"bench":"lab-1","runner":"bench-lab-1"}]}). Adding a bench
 * to the nightly run is adding its file and its runner; every bench file is loaded, so a bad one stops the
 * nightly run with its error.
 */
public final class NightlyBenches {
    private NightlyBenches() {
    }

    /** {@code NightlyBenches <config directory> [<bench>]}: all nightly benches, or only the one named. */
    public static void main(String[] args) {
        try {
            Optional<String> only = args.length > 1 && !args[1].isBlank() ? Optional.of(args[1]) : Optional.empty();
            System.out.println(matrix(Path.of(args.length > 0 ? args[0] : "hil-config"), only));
        } catch (BenchConfigException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** One job of the matrix. */
    record Entry(String bench, String runner) {
    }

    /** @throws IllegalArgumentException when {@code only} names no bench with a runner */
    public static String matrix(Path configDirectory, Optional<String> only) {
        List<String> entries = new ArrayList<>();
        for (String bench : benchNames(configDirectory)) {
            if (only.map(bench::equals).orElse(true)) {
                runnerOf(bench, configDirectory).ifPresent(runner -> entries.add(Json.compact(
                        new Entry(bench, runner))));
            }
        }
        if (only.isPresent() && entries.isEmpty()) {
            throw new IllegalArgumentException("no nightly bench '" + only.get() + "' in " + configDirectory
                    + ": it needs a bench file " + only.get() + ".yaml with a ci.runner");
        }
        return "[" + String.join(",", entries) + "]";
    }

    private static Optional<String> runnerOf(String bench, Path configDirectory) {
        Map<String, String> selection = Map.of(BenchConfigLoader.BENCH_PROPERTY, bench,
                BenchConfigLoader.CONFIG_DIR_PROPERTY, configDirectory.toString());
        return Benches.load(BenchConfigLoader.Properties.of(selection)).ciRunner();
    }

    private static List<String> benchNames(Path configDirectory) {
        try {
            return BenchConfigLoader.benchNames(configDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bench files in " + configDirectory, e);
        }
    }
}
