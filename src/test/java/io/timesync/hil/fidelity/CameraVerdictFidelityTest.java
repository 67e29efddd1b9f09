package io.timesync.hil.fidelity;

import io.timesync.hil.camera.AlignmentMeasurement;
import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.camera.LatchReading;
import io.timesync.hil.checks.CameraAlignment;
import io.timesync.hil.checks.CameraChecks;
import io.timesync.hil.checks.CameraClock;
import io.timesync.hil.checks.CameraSampleJudgement;
import io.timesync.hil.checks.Finding;
import io.timesync.hil.checks.Verdict;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.sim.CameraFault;
import io.timesync.hil.sim.LatchPosition;
import io.timesync.hil.sim.SimulatedCamera;
import io.timesync.hil.sim.SimulatedCameraBackend;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.Timeline;
import io.timesync.hil.time.UtcOffset;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The camera checks against benches whose truth the simulator knows: 1000 randomized simulated benches (2 to 8
 * cameras, true offsets around the threshold and far from it, thresholds 100 µs to 100 ms, latch calls 200 µs to
 * 3 ms, every latch position, drift, faults) measured for real, then every bound and verdict compared with what
 * each simulated camera really latched, and when. A wrong verdict or a truth outside a reported bound fails.
 * The inconclusive rate by threshold / latch latency is written to target/benchmarks/camera-fidelity.md.
 */
class CameraVerdictFidelityTest {
    static final int BENCHES = Integer.getInteger("fidelity.cameraBenches", 1_000);
    private static final long TAI_NS = 37_000_000_000L;
    private static final Optional<UtcOffset> TAI = Optional.of(new UtcOffset(TAI_NS, "simulated grandmaster"));
    private static final Path REPORT = Path.of("target", "benchmarks", "camera-fidelity.md");

    /** One simulated bench: its cameras (with their true offsets and faults) and how it is measured. */
    record Bench(int number, List<SimulatedCamera.Model> cameras, long thresholdNs, long latencyNs,
                 LatchPosition position) {
    }

    /** The simulated benches keep their grandmaster: held at every sample of the watch, throughout. */
    private static final Timeline<GrandmasterState> GRANDMASTER_HELD = new Timeline<>(250_000_000L, List.of(
            new Timeline.Stretch<>(new GrandmasterState(true, true, "simulated grandmaster"), 0,
                    Long.MAX_VALUE / 2, 2, 0)));

    @Test
    void everyVerdictAndBoundHoldsAgainstTheSimulatorsTruth() throws IOException {
        Random random = new Random(20261125);
        Tally tally = new Tally();
        for (int number = 0; number < BENCHES; number++) {
            Bench bench = bench(number, random);
            measureAndCompare(bench, tally);
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, tally.report());
        System.out.println(tally.report());
        assertThat(tally.wrong).as("wrong verdicts and bounds:%n%s", String.join("\n", tally.wrong)).isEmpty();
        assertThat(tally.samples).as("camera samples judged").isGreaterThan(3 * BENCHES);
    }

    private static Bench bench(int number, Random random) {
        int cameras = 2 + random.nextInt(7);
        long thresholdNs = Math.round(Math.exp(Math.log(100_000) + random.nextDouble() * Math.log(1_000)));
        long latencyNs = Math.round(Math.exp(Math.log(200_000) + random.nextDouble() * Math.log(15)));
        LatchPosition position = LatchPosition.values()[random.nextInt(LatchPosition.values().length)];
        List<SimulatedCamera.Model> models = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            List<CameraFault> faults = new ArrayList<>();
            double draw = random.nextDouble();
            if (draw < 0.03) {
                faults.add(new CameraFault(CameraFault.Kind.FROZEN, 0));
            } else if (draw < 0.05) {
                faults.add(new CameraFault(CameraFault.Kind.ZERO, 0));
            } else if (draw < 0.07) {
                faults.add(new CameraFault(CameraFault.Kind.DISCONNECT_AFTER, 3 + random.nextInt(8)));
            } else if (draw < 0.12) {
                faults.add(new CameraFault(CameraFault.Kind.DRIFT, (random.nextBoolean() ? 1 : -1)
                        * (long) Math.exp(random.nextDouble() * Math.log(50_000_000)))); // up to 50 000 ppm, in ppb
            }
            models.add(new SimulatedCamera.Model("c" + i, offset(thresholdNs, random), faults));
        }
        return new Bench(number, models, thresholdNs, latencyNs, position);
    }

    /** Around the threshold (half within, half beyond a pair's reach) or far from it, either side. */
    private static long offset(long thresholdNs, Random random) {
        double draw = random.nextDouble();
        double scale = draw < 0.6 ? random.nextDouble() * 1.2 : draw < 0.8 ? random.nextDouble() * 0.05
                : 1 + random.nextDouble() * 5;
        return Math.round((random.nextBoolean() ? 1 : -1) * scale * thresholdNs / 2);
    }

    private static void measureAndCompare(Bench bench, Tally tally) {
        SimulatedCameraBackend backend = new SimulatedCameraBackend(bench.cameras(), bench.latencyNs(),
                bench.position(), HostClock.SYSTEM, OptionalLong::empty);
        List<String> serials = bench.cameras().stream().map(SimulatedCamera.Model::serial).toList();
        List<Camera> cameras = serials.stream().map(backend::open).toList();
        AlignmentMeasurement measurement = new AlignmentMeasurement(new AlignmentMeasurement.Settings(2, 0, 3,
                TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(20)), HostClock.SYSTEM,
                new AlignmentMeasurement.Listener() { });
        AlignmentResult result = measurement.run(cameras, serials, Map.of());
        Map<String, SimulatedCamera> opened = backend.opened();
        CameraRig.Measured measured = new CameraRig.Measured(result, TAI);
        for (AlignmentResult.Sample sample : result.samples()) {
            compareSample(bench, result, sample, opened, tally);
        }
        for (SimulatedCamera.Model camera : bench.cameras()) {
            compareFindings(bench, result, measured, camera, opened, tally);
        }
        cameras.forEach(Camera::close);
        backend.close();
    }

    private static void compareSample(Bench bench, AlignmentResult result, AlignmentResult.Sample sample,
                                      Map<String, SimulatedCamera> opened, Tally tally) {
        Map<String, Long> truth = new LinkedHashMap<>();
        for (LatchReading reading : sample.readings()) {
            truth.put(reading.serial(), trueOffset(result, reading, opened.get(reading.serial())));
        }
        long twiceMedianNs = twiceMedian(truth.values().stream().mapToLong(Long::longValue).toArray());
        for (CameraSampleJudgement judged : CameraAlignment.judge(sample, bench.thresholdNs(), TAI,
                bench.thresholdNs())) {
            tally.samples++;
            String where = "bench " + bench.number() + " sample " + sample.number() + " camera " + judged.serial()
                    + " (" + bench + ")";
            long thetaNs = truth.get(judged.serial());
            if (!judged.offset().contains(thetaNs)) {
                tally.wrong.add(where + ": true offset " + thetaNs + " outside " + judged.offset());
            }
            if (!judged.hostDelta().orElseThrow().contains(thetaNs - TAI_NS)) {
                tally.wrong.add(where + ": true host delta outside " + judged.hostDelta());
            }
            long twiceDeltaNs = 2 * thetaNs - twiceMedianNs;
            if (twiceDeltaNs < 2 * judged.deltaToMedian().lowNs() || twiceDeltaNs > 2 * judged.deltaToMedian().highNs()) {
                tally.wrong.add(where + ": true delta to the median " + twiceDeltaNs / 2.0 + " outside "
                        + judged.deltaToMedian());
            }
            long largestNs = truth.values().stream().mapToLong(other -> Math.abs(thetaNs - other)).max().orElse(0);
            if (judged.verdict() == Verdict.OK && largestNs > bench.thresholdNs()
                    || judged.verdict() == Verdict.OUT_OF_TOLERANCE && largestNs <= bench.thresholdNs()) {
                tally.wrong.add(where + ": " + judged.verdict() + " but truly " + largestNs + " ns from another camera");
            }
            tally.count(bench, judged.verdict());
        }
    }

    private static void compareFindings(Bench bench, AlignmentResult result, CameraRig.Measured measured,
                                        SimulatedCamera.Model camera, Map<String, SimulatedCamera> opened,
                                        Tally tally) {
        String serial = camera.serial();
        String where = "bench " + bench.number() + " camera " + serial + " (" + bench + ")";
        boolean stopped = camera.faults().stream().anyMatch(f -> f.kind() == CameraFault.Kind.FROZEN
                || f.kind() == CameraFault.Kind.ZERO);
        Optional<String> clockFault = CameraClock.fault(result.latchesOf(serial));
        if (clockFault.isPresent() && !stopped && !fastOrSlow(camera)) {
            tally.wrong.add(where + ": a healthy clock reported: " + clockFault.get());
        }
        if (stopped && result.latchesOf(serial).size() > 1 && clockFault.isEmpty()) {
            tally.wrong.add(where + ": a stopped clock not seen");
        }
        Finding finding = CameraChecks.withinThresholdOfEveryOtherCamera(measured, serial, bench.thresholdNs(), GRANDMASTER_HELD);
        if (finding.status() == Finding.Status.PASSED) {
            for (AlignmentResult.Sample sample : result.samplesWith(serial)) {
                long thetaNs = trueOffset(result, sample.readingOf(serial).orElseThrow(), opened.get(serial));
                for (LatchReading other : sample.readings()) {
                    long otherNs = trueOffset(result, other, opened.get(other.serial()));
                    if (Math.abs(thetaNs - otherNs) > bench.thresholdNs()) {
                        tally.wrong.add(where + ": passed, but truly " + Math.abs(thetaNs - otherNs)
                                + " ns from " + other.serial() + " in sample " + sample.number());
                    }
                }
            }
            if (stopped) {
                tally.wrong.add(where + ": passed with a stopped clock");
            }
        }
        tally.findings.merge(finding.status(), 1, Integer::sum);
    }

    /** A drift fault beyond what the rate check tolerates (its verdict then depends on the span: not "healthy"). */
    private static boolean fastOrSlow(SimulatedCamera.Model camera) {
        return camera.faults().stream().anyMatch(f -> f.kind() == CameraFault.Kind.DRIFT
                && Math.abs(f.amount()) > CameraClock.RATE_TOLERANCE_PPM * 1_000);
    }

    /** The camera's true offset when it latched this reading: its latches and the simulator's truths are in step. */
    private static long trueOffset(AlignmentResult result, LatchReading reading, SimulatedCamera camera) {
        List<LatchReading> latches = result.latchesOf(reading.serial());
        int index = latches.indexOf(reading);
        return camera.latchTruths().get(index).offsetNs();
    }

    private static long twiceMedian(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? 2 * sorted[middle] : sorted[middle - 1] + sorted[middle];
    }

    /** What was compared, what was wrong, and the inconclusive rate by threshold / latch latency. */
    private static final class Tally {
        final List<String> wrong = new ArrayList<>();
        final Map<Finding.Status, Integer> findings = new TreeMap<>();
        final Map<String, int[]> byRatio = new TreeMap<>();
        int samples;

        void count(Bench bench, Verdict verdict) {
            double ratio = (double) bench.thresholdNs() / bench.latencyNs();
            String bucket = ratio < 1 ? "a: < 1" : ratio < 3 ? "b: 1-3" : ratio < 10 ? "c: 3-10" : ratio < 30
                    ? "d: 10-30" : "e: >= 30";
            int[] counts = byRatio.computeIfAbsent(bucket, b -> new int[3]);
            counts[verdict.ordinal()]++;
        }

        String report() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d benches, %d camera samples judged; "
                    + "wrong verdicts or truths outside a bound: %d; findings per camera: %s%n%n", BENCHES, samples,
                    wrong.size(), findings));
            out.append("| threshold / median latch latency | samples | OK | inconclusive | out of tolerance |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            byRatio.forEach((bucket, counts) -> {
                int total = counts[0] + counts[1] + counts[2];
                out.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% | %.1f %% | %.1f %% |%n",
                        bucket.substring(3), total, 100.0 * counts[0] / total, 100.0 * counts[1] / total,
                        100.0 * counts[2] / total));
            });
            return out.toString();
        }
    }
}
