package io.timesync.hil.benchmark;

import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ManagementData;
import io.timesync.hil.ptp.protocol.ManagementId;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.TimePropertiesDataSet;
import io.timesync.hil.ptp.protocol.TimeStatusNp;
import io.timesync.hil.real.RealPtp4lBench;
import io.timesync.hil.real.RealPtp4lBench.Clock;
import io.timesync.hil.real.RealPtp4lBench.PmcRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency of one management query to a real ptp4l grandmaster: our native client (one datagram exchange over
 * the UDS; port-level datasets cost two, since the client first asks DEFAULT_DATA_SET for numberPorts)
 * versus one pmc process per query, as the reference tool ran it. Run with {@code ./mvnw test -Pbenchmarks}.
 */
@Tag("benchmark")
class PtpQueryLatencyBenchmark {
    private static final int WARM_UP_NATIVE_QUERIES = 2_000;
    private static final int WARM_UP_PMC_RUNS = 10;
    private static final int MEASURED_QUERIES = 200;
    private static final long REPLY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final List<ManagementId<?>> DATASETS = List.of(DefaultDataSet.ID, CurrentDataSet.ID,
            ParentDataSet.ID, TimePropertiesDataSet.ID, TimeStatusNp.ID, PortDataSet.ID, PortPropertiesNp.ID);
    private static final Path REPORT = Path.of("target", "benchmarks", "ptp-query-latency.md");

    @TempDir
    Path pmcDirectory;

    /** Latencies of one way of querying one dataset, sorted ascending. */
    record Latencies(long[] sortedNs) {
        static Latencies of(long[] ns) {
            long[] sorted = ns.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted);
        }

        /** Nearest-rank percentile: the smallest sample with at least {@code percent}% of samples at or below it. */
        long percentileNs(int percent) {
            int rank = (int) Math.ceil(percent / 100.0 * sortedNs.length);
            return sortedNs[Math.max(rank, 1) - 1];
        }
    }

    record Row(String dataset, Latencies nativeClient, Latencies pmcPerQuery) {
    }

    @Test
    void nativeClientVersusPmcPerQuery() throws IOException {
        RealPtp4lBench bench = RealPtp4lBench.require();
        Clock grandmaster = bench.grandmaster();
        List<Row> rows = new ArrayList<>();
        try (PtpManagementClient client = PtpManagementClient.open(grandmaster.socket(), bench.domain(),
                REPLY_TIMEOUT_NS)) {
            warmUp(bench, grandmaster, client);
            for (ManagementId<?> dataset : DATASETS) {
                rows.add(new Row(dataset.name(), measureNative(client, dataset),
                        measurePmc(bench, grandmaster, dataset)));
            }
        }

        String table = table(rows, bench);
        System.out.println(table);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table);
        assertThat(rows).hasSize(DATASETS.size()).allSatisfy(row -> {
            assertThat(row.nativeClient().sortedNs()).hasSize(MEASURED_QUERIES);
            assertThat(row.pmcPerQuery().sortedNs()).hasSize(MEASURED_QUERIES);
        });
    }

    private void warmUp(RealPtp4lBench bench, Clock grandmaster, PtpManagementClient client) {
        for (int i = 0; i < WARM_UP_NATIVE_QUERIES; i++) {
            query(client, DATASETS.get(i % DATASETS.size()));
        }
        for (int i = 0; i < WARM_UP_PMC_RUNS; i++) {
            pmcQuery(bench, grandmaster, DATASETS.get(i % DATASETS.size()));
        }
    }

    private static Latencies measureNative(PtpManagementClient client, ManagementId<?> dataset) {
        long[] latenciesNs = new long[MEASURED_QUERIES];
        for (int i = 0; i < MEASURED_QUERIES; i++) {
            long startNs = System.nanoTime();
            List<? extends ManagementData> answers = query(client, dataset);
            latenciesNs[i] = System.nanoTime() - startNs;
            assertThat(answers).as("answers to GET %s", dataset.name()).isNotEmpty()
                    .allSatisfy(answer -> assertThat(answer.id()).isEqualTo(dataset));
        }
        return Latencies.of(latenciesNs);
    }

    private Latencies measurePmc(RealPtp4lBench bench, Clock grandmaster, ManagementId<?> dataset) {
        long[] latenciesNs = new long[MEASURED_QUERIES];
        for (int i = 0; i < MEASURED_QUERIES; i++) {
            latenciesNs[i] = pmcQuery(bench, grandmaster, dataset).elapsedNs();
        }
        return Latencies.of(latenciesNs);
    }

    private static List<? extends ManagementData> query(PtpManagementClient client, ManagementId<?> dataset) {
        return dataset.scope() == ManagementId.Scope.CLOCK ? List.of(client.get(dataset))
                : client.getFromEveryPort(dataset);
    }

    private PmcRun pmcQuery(RealPtp4lBench bench, Clock grandmaster, ManagementId<?> dataset) {
        PmcRun run = bench.pmc(grandmaster, pmcDirectory.resolve("pmc.sock"), "GET " + dataset.name());
        assertThat(run.exitCode()).as("exit code of %s", run.command()).isZero();
        assertThat(run.output()).as("output of %s", run.command())
                .contains(grandmaster.clockIdentity() + "-", " RESPONSE MANAGEMENT " + dataset.name());
        return run;
    }

    private static String table(List<Row> rows, RealPtp4lBench bench) {
        StringBuilder out = new StringBuilder();
        out.append("GET latency against the real ptp4l grandmaster (").append(bench.grandmaster().socket())
                .append("), ").append(MEASURED_QUERIES).append(" queries per cell, nearest-rank percentiles\n\n");
        out.append("| dataset | native median (µs) | native p90 (µs) | pmc per query median (ms) "
                + "| pmc per query p90 (ms) | pmc / native (median) |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            long nativeMedianNs = row.nativeClient().percentileNs(50);
            long pmcMedianNs = row.pmcPerQuery().percentileNs(50);
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %,.0f× |%n", row.dataset(),
                    nativeMedianNs / 1e3, row.nativeClient().percentileNs(90) / 1e3, pmcMedianNs / 1e6,
                    row.pmcPerQuery().percentileNs(90) / 1e6, (double) pmcMedianNs / nativeMedianNs));
        }
        return out.toString();
    }
}
