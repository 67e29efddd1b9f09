package io.timesync.hil.benchmark;

import io.timesync.hil.real.GigeNetBench;
import io.timesync.hil.requirements.CameraAlignmentTest;
import io.timesync.hil.selftest.RequirementRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latch round trips, brackets and the threshold the camera check can certify through Aravis on the networked GigE
 * bench (.ci/gige-net-bench.sh: simulated cameras in network namespaces behind delaying relays), per delay setting,
 * beside the in-process simulator. Each row is one run of the camera requirement (3 cameras, 8 latch rounds a
 * sample, samples back to back) read from its evidence: every latch's bracket (its call: the GVCP round trip as the
 * host sees it), the bracket kept per camera and sample (the narrowest of its rounds), per sample the largest any
 * camera's difference to another can be given the brackets (what that sample certifies), and the run's certifiable
 * threshold as the camera statistics report it (the largest over its samples). Needs root and Aravis. Run with
 * {@code ./mvnw test -Pbenchmarks -Dtest=GigeNetLatchBenchmark}; the table goes to target/benchmarks/gige-net-latch.md.
 */
@Tag("benchmark")
class GigeNetLatchBenchmark {
    private static final int SAMPLES = Integer.getInteger("gigeNet.samples", 100);
    private static final Path REPORT = Path.of("target", "benchmarks", "gige-net-latch.md");
    private static final Pattern CERTIFIABLE = Pattern.compile("certifiable_threshold_ns=(\\d+)");
    private static final Duration RUN_BOUND = Duration.ofMinutes(5);

    /** A delay setting: request path and reply path, each {@code delay[+jitter]}. */
    private record Setting(String name, String request, String reply) {
    }

    private static final List<Setting> SETTINGS = List.of(new Setting("none (relay only)", "0", "0"),
            new Setting("100 µs each way", "100us", "100us"),
            new Setting("300 µs out, 30 µs back", "300us", "30us"),
            new Setting("1 ms + 200 µs jitter each way", "1ms+200us", "1ms+200us"));

    @TempDir
    Path work;

    @Test
    void latchRoundTripBracketAndCertifiableThresholdPerDelaySetting() throws IOException {
        GigeNetBench.requirePeers();
        List<String> cameras = new ArrayList<>();
        for (int s = 0; s < SETTINGS.size(); s++) {
            for (int c = 0; c < 3; c++) {
                cameras.add(serial(s, c) + ",request-delay=" + SETTINGS.get(s).request() + ",reply-delay="
                        + SETTINGS.get(s).reply() + ",seed=" + (10 * s + c + 1));
            }
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "3 cameras, 8 latch rounds a sample, "
                + "%d samples back to back per row (after the warm-up sample).%n%n", SAMPLES));
        table.append("| bench | path delay | latch round trip: median | p99 | bracket kept: median | p99 "
                + "| certifiable per sample: median | p99 | certifiable (statistics) | time per sample |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        try (GigeNetBench bench = GigeNetBench.start(work.resolve("bench"), "0", "0", cameras)) {
            for (int s = 0; s < SETTINGS.size(); s++) {
                Path run = Files.createDirectories(work.resolve("run-" + s));
                RequirementRun outcome = bench.runCameraRequirement(run, Map.of("hil.cameras.serials",
                        String.join(",", serial(s, 0), serial(s, 1), serial(s, 2)), "hil.cameras.samples",
                        String.valueOf(SAMPLES), "hil.cameras.interval", "0", "hil.timeout", "300s"), RUN_BOUND);
                assertThat(outcome.outcomes()).isNotEmpty();
                table.append(row("networked, Aravis", SETTINGS.get(s).name(), run.resolve("evidence")));
            }
        }
        for (String latency : List.of("800us", "330us")) {
            Path evidence = work.resolve("simulated-" + latency);
            RequirementRun.of(CameraAlignmentTest.class, Map.of("hil.cameras.serials", "05520125,05520126,05520128",
                    "hil.cameras.samples", String.valueOf(SAMPLES), "hil.cameras.interval", "0", "hil.timeout", "300s",
                    "hil.simulation.cameras.latchLatency", latency, "hil.evidenceDir", evidence.toString()));
            table.append(row("in-process simulator", "latch calls lognormal around " + latency.replace("us", " µs")
                    + ", latching mid-call", evidence));
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table);
        System.out.println(table);
    }

    private static String serial(int setting, int camera) {
        return "N" + setting + "C" + camera;
    }

    private static String row(String bench, String delay, Path evidence) throws IOException {
        List<Map<String, String>> latches = csv(evidence.resolve("cameras/latches.csv"));
        long[] brackets = latches.stream().filter(l -> !l.get("sample").equals("0"))
                .mapToLong(l -> Long.parseLong(l.get("bracket_ns"))).sorted().toArray();
        long[] kept = latches.stream().filter(l -> !l.get("sample").equals("0") && l.get("selected").equals("true"))
                .mapToLong(l -> Long.parseLong(l.get("bracket_ns"))).sorted().toArray();
        Map<String, Long> perSample = new LinkedHashMap<>();
        for (Map<String, String> sample : csv(evidence.resolve("cameras/samples.csv"))) {
            if (!sample.get("difference_most_abs_ns").isEmpty()) {
                perSample.merge(sample.get("sample"), Long.parseLong(sample.get("difference_most_abs_ns")), Math::max);
            }
        }
        long[] certifiable = perSample.values().stream().mapToLong(Long::longValue).sorted().toArray();
        String log = Files.readString(evidence.resolve("cameras/measurement.log"));
        Matcher matcher = CERTIFIABLE.matcher(log);
        long statistics = 0;
        while (matcher.find()) {
            statistics = Math.max(statistics, Long.parseLong(matcher.group(1)));
        }
        long[] starts = latches.stream().filter(l -> !l.get("sample").equals("0") && l.get("round").equals("1"))
                .mapToLong(l -> Long.parseLong(l.get("host_before_ns"))).sorted().toArray();
        double perSampleMs = starts.length < 2 ? 0 : (starts[starts.length - 1] - starts[0]) / 1e6
                / (perSample.size() - 1);
        return String.format(Locale.ROOT, "| %s | %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.3f ms | **%.3f ms** "
                        + "| %.3f ms | %.1f ms |%n", bench, delay, ms(percentile(brackets, 50)), ms(percentile(brackets, 99)),
                ms(percentile(kept, 50)), ms(percentile(kept, 99)), ms(percentile(certifiable, 50)),
                ms(percentile(certifiable, 99)), ms(statistics), perSampleMs);
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < fields.length; i++) {
                row.put(header[i], fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
