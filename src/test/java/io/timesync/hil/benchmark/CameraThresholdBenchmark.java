package io.timesync.hil.benchmark;

import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraSampler;
import io.timesync.hil.checks.CameraAlignment;
import io.timesync.hil.checks.CameraSampleJudgement;
import io.timesync.hil.sim.LatchPosition;
import io.timesync.hil.sim.SimulatedCamera;
import io.timesync.hil.sim.SimulatedCameraBackend;
import io.timesync.hil.time.HostClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The smallest threshold a healthy simulated bench (cameras in sync, 800 µs median latch calls) is proven within,
 * per number of latch rounds a sample takes (each camera keeps its narrowest bracket): per sample, the largest any
 * camera's difference to another can be given the brackets (no assumption on where inside its call a camera
 * latched); its 99th percentile is the smallest threshold that is conclusive in 99 % of samples. And what the
 * rounds cost: the wall time of a sample (latches and reads, each camera's PTP data set after them), with 4 and 8
 * cameras. Run with {@code ./mvnw test -Pbenchmarks -Dtest=CameraThresholdBenchmark}.
 */
@Tag("benchmark")
class CameraThresholdBenchmark {
    private static final long LATCH_LATENCY_MEDIAN_NS = 800_000;
    private static final int SAMPLES = 400;
    private static final int[] ROUNDS = {1, 3, 5, 8, 12, 16};
    private static final long CALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final Path REPORT = Path.of("target", "benchmarks", "camera-threshold.md");

    @Test
    void smallestCertifiableThresholdAndTimePerSampleByRounds() throws IOException {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "Simulated bench: cameras in sync, latch "
                + "calls lognormal around %d µs, %d samples per row after 3 warm-up samples.%n%n", LATCH_LATENCY_MEDIAN_NS
                / 1000, SAMPLES));
        table.append("| cameras | latch position | rounds | certifiable threshold: median | p99 (conclusive in 99 %) "
                + "| max | time per sample: median | p99 |\n|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (int cameras : new int[] {4, 8}) {
            for (LatchPosition position : List.of(LatchPosition.MIDPOINT, LatchPosition.UNIFORM)) {
                for (int rounds : ROUNDS) {
                    table.append(row(cameras, position, rounds));
                }
            }
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table);
        System.out.println(table);
    }

    private static String row(int cameraCount, LatchPosition position, int rounds) {
        List<String> serials = IntStream.range(0, cameraCount).mapToObj(i -> "0552" + (1000 + i)).toList();
        SimulatedCameraBackend backend = new SimulatedCameraBackend(serials.stream()
                .map(serial -> new SimulatedCamera.Model(serial, 0, List.of())).toList(), LATCH_LATENCY_MEDIAN_NS,
                position, HostClock.SYSTEM, OptionalLong::empty);
        List<Camera> cameras = serials.stream().map(backend::open).toList();
        long[] certifiableNs = new long[SAMPLES];
        long[] sampleNs = new long[SAMPLES];
        try (CameraSampler sampler = new CameraSampler(cameras.size(), HostClock.SYSTEM)) {
            for (int i = 0; i < 3; i++) {
                sampler.take(cameras, rounds, CALL_TIMEOUT_NS, Long.MAX_VALUE, true);
            }
            for (int i = 0; i < SAMPLES; i++) {
                long startNs = System.nanoTime();
                CameraSampler.Sample sample = sampler.take(cameras, rounds, CALL_TIMEOUT_NS, Long.MAX_VALUE, true);
                sampleNs[i] = System.nanoTime() - startNs;
                certifiableNs[i] = CameraAlignment.judge(new AlignmentResult.Sample(i + 1, sample.selected(), 0, 0,
                        List.of()), Long.MAX_VALUE, Optional.empty(), 0).stream()
                        .flatMap(judgement -> judgement.farthest().stream())
                        .mapToLong(CameraSampleJudgement.Difference::mostAbsNs).max().orElseThrow();
            }
        }
        Arrays.sort(certifiableNs);
        Arrays.sort(sampleNs);
        return String.format(Locale.ROOT, "| %d | %s | %d | %.3f ms | **%.3f ms** | %.3f ms | %.1f ms | %.1f ms |%n",
                cameraCount, position.name().toLowerCase(Locale.ROOT), rounds, ms(percentile(certifiableNs, 50)),
                ms(percentile(certifiableNs, 99)), ms(certifiableNs[SAMPLES - 1]), ms(percentile(sampleNs, 50)),
                ms(percentile(sampleNs, 99)));
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }
}
