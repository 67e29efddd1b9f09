package io.timesync.hil.real;

import io.timesync.hil.selftest.RequirementRun;
import io.timesync.hil.selftest.RequirementRun.Status;
import io.timesync.hil.sim.gige.LatchTruth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.timesync.hil.selftest.RequirementRun.Status.BROKEN;
import static io.timesync.hil.selftest.RequirementRun.Status.FAILED;
import static io.timesync.hil.selftest.RequirementRun.Status.PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The camera requirement through the Aravis backend against the networked GigE bench (.ci/gige-net-bench.sh):
 * simulated GigE Vision cameras in network namespaces of their own, each behind a relay that delays the request
 * path by 300 µs and the reply path by 30 µs, discovered and latched by libaravis over real GVCP round trips. The
 * suite runs inside the bench's host namespace (a child JVM, {@link GigeNetRequirementMain}).
 *
 * <p>One bench for the class: three healthy cameras and one camera per fault, each run choosing its cameras with
 * {@code hil.cameras.serials}, so a run sees one faulty camera among two healthy ones, as
 * {@code CameraAlignmentSelfTest} does with the in-process simulator; the expected outcomes are that test's where the
 * physics are the same. Where they differ it says so. Every healthy camera's reported bound is also checked against
 * the truth each camera printed for its latches.
 */
class GigeNetCameraAlignmentTest {
    private static final String A = "05520125";
    private static final String B = "05520126";
    private static final String C = "05520128";
    private static final String OFFSET = "05520136";
    private static final String DRIFT = "05520146";
    private static final String FROZEN = "05520156";
    private static final String LOST = "05520166";
    private static final String OTHER_GRANDMASTER = "05520176";
    private static final List<String> CAMERAS = List.of(A, B, C, OFFSET + ",offset=+150ms", DRIFT + ",drift=20000ppm",
            FROZEN + ",frozen", LOST + ",disconnectAfter=20", OTHER_GRANDMASTER + ",grandmaster=02005e.fffe.0000bb");
    private static final String PTP = "ptpPortReachesSlave";
    private static final String GRANDMASTER = "followsThisHostsGrandmaster";
    private static final String OTHERS = "withinThresholdOfEveryOtherCamera";
    private static final String HOST = "withinThresholdOfTheHostClock";
    private static final String SERVO = "servoHoldsItWithinOffsetThreshold";
    private static final List<String> CHECKS = List.of(PTP, GRANDMASTER, OTHERS, HOST, SERVO);
    /** Short runs: 4 samples 50 ms apart, as CameraAlignmentSelfTest's. */
    private static final Map<String, String> QUICK = Map.of("hil.cameras.samples", "4", "hil.cameras.interval", "50ms",
            "hil.cameras.settleTimeout", "2s");
    /** A run: a JVM start, Aravis' discovery (1 s per camera opened), a few samples; generous for a loaded machine. */
    private static final Duration RUN_BOUND = Duration.ofMinutes(2);
    private static final long TAI_UTC_NS = 37_000_000_000L;

    @TempDir
    static Path work;

    private static GigeNetBench bench;
    private static Throwable startFailure;
    private static RequirementRun healthy;

    @AfterAll
    static void stopTheBench() {
        if (bench != null) {
            bench.close();
            bench = null;
        }
    }

    @Test
    void passesEveryCheckOfEveryCameraOnTheHealthyBench() {
        RequirementRun run = healthyRun();

        assertThat(run.statuses()).as(describe(run)).isEqualTo(expect(List.of(A, B, C), A,
                camera(PASSED, PASSED, PASSED, PASSED, PASSED), camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
    }

    /**
     * aravis' own client, independent of the suite, discovers every simulated camera on the bench network (a GVCP
     * broadcast on the bridge), opens one by its discovered name and reads its identity and a latched timestamp.
     */
    @Test
    void aravisOwnToolDiscoversTheSimulatedCamerasAndReadsTheirLatch() throws IOException {
        GigeNetBench started = bench();
        Path tool = work.resolve("arv-tool");
        Files.createDirectories(tool);

        String listing = started.arvTool(tool);
        List<String> names = List.of(A, B, C).stream().map(serial -> listing.lines()
                .filter(line -> line.contains("-" + serial + " (" + started.addresses().get(serial) + ")"))
                .findFirst().orElseGet(() -> fail("arv-tool-0.8 did not list %s:%n%s", serial, listing))).toList();
        String name = names.get(0).substring(0, names.get(0).lastIndexOf(" ("));
        String read = started.arvTool(tool, "-n", name, "control", "DeviceSerialNumber", "TimestampLatch",
                "TimestampLatchValue");

        assertThat(read).contains("DeviceSerialNumber = " + A).containsPattern("TimestampLatchValue = [1-9]\\d{9,}");
    }

    /** Every latch bracket, offset bound, delta-to-median bound and host bound of the healthy run holds the truth. */
    @Test
    void everyBoundTheSuiteReportsContainsTheCamerasTrueOffset() {
        healthyRun();

        assertEveryBoundHoldsTheTruth(work.resolve("healthy"), List.of(A, B, C));
    }

    @Test
    void failsTheCameraThatIsOutOfToleranceAndTheCamerasItDiffersFrom() {
        RequirementRun run = run("offset", OFFSET, QUICK);

        // unlike the in-process simulator's offset fault, the GigE camera's own PtpOffsetFromMaster says 150 ms
        // too: its servo check fails as well
        assertThat(run.statuses()).as(describe(run)).isEqualTo(expect(List.of(A, C, OFFSET), OFFSET,
                camera(PASSED, PASSED, FAILED, FAILED, FAILED), camera(PASSED, PASSED, FAILED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, OFFSET))).contains(
                "camera " + OFFSET + " differs from another camera by more than 10ms in 4 of 4 samples",
                "expected: |difference to every other camera| <= 10ms")
                .containsPattern("but was: sample 1: 1(49|50)\\.\\d+ ms, at least 14\\d\\.\\d+ ms, to 05520\\d+");
        assertThat(run.message(key(OTHERS, A))).contains("but was: sample 1: -1", "to " + OFFSET);
        assertThat(run.message(key(HOST, OFFSET))).contains("is off the host clock in 4 of 4 samples");
        assertThat(run.message(key(SERVO, OFFSET))).contains("PtpOffsetFromMaster 150000000 ns");
        assertEveryBoundHoldsTheTruth(work.resolve("offset"), List.of(A, C, OFFSET));
    }

    @Test
    void failsTheCameraThatDrifts() {
        RequirementRun run = run("drift", DRIFT, Map.of("hil.cameras.threshold", "10ms", "hil.cameras.hostThreshold",
                "10ms", "hil.cameras.samples", "6", "hil.cameras.interval", "200ms"));

        assertThat(run.statuses().get(key(OTHERS, DRIFT))).as(describe(run)).isEqualTo(FAILED);
        assertThat(run.statuses().get(key(HOST, DRIFT))).as(describe(run)).isEqualTo(FAILED);
        assertThat(run.message(key(OTHERS, DRIFT))).contains("runs faster than any PTP servo allows (1000 ppm)");
        assertThat(run.statuses().get(key(HOST, A))).as(describe(run)).isEqualTo(PASSED);
        assertEveryBoundHoldsTheTruth(work.resolve("drift"), List.of(A, C, DRIFT));
    }

    @Test
    void failsTheCameraWhoseClockIsFrozen() {
        RequirementRun run = run("frozen", FROZEN, QUICK);

        assertThat(run.statuses()).as(describe(run)).isEqualTo(expect(List.of(A, C, FROZEN), FROZEN,
                camera(PASSED, PASSED, FAILED, FAILED, PASSED), camera(PASSED, PASSED, FAILED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, FROZEN))).contains("camera " + FROZEN + "'s clock",
                "the camera clock did not advance between its first and last latch", "its clock is frozen");
    }

    @Test
    void breaksTheCameraThatIsLostMidRun() {
        // the warm-up and sample 1 take 8 latch rounds each: lost during sample 2
        RequirementRun run = run("lost", LOST, QUICK);

        assertThat(run.statuses()).as(describe(run)).isEqualTo(expect(List.of(A, C, LOST), LOST,
                camera(PASSED, PASSED, BROKEN, BROKEN, BROKEN), camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, LOST))).contains("camera " + LOST);
        assertThat(bench().truth(LOST)).hasSize(20);
    }

    /** A camera locked to another master passes everything it can see about itself but that. */
    @Test
    void failsTheCameraThatFollowsAnotherGrandmaster() {
        RequirementRun run = run("other-grandmaster", OTHER_GRANDMASTER, QUICK);

        assertThat(run.statuses()).as(describe(run)).isEqualTo(expect(List.of(A, C, OTHER_GRANDMASTER),
                OTHER_GRANDMASTER, camera(PASSED, FAILED, PASSED, PASSED, PASSED),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(GRANDMASTER, OTHER_GRANDMASTER))).contains(
                "follows another grandmaster than this host's", "expected: 02005e.fffe.000001",
                "but was: 02005e.fffe.0000bb");
    }

    // ---- the bench and its runs ----

    /** The class's bench, started by the first test that needs it (a test may abort: see requirePeers). */
    private static synchronized GigeNetBench bench() {
        GigeNetBench.requirePeers();
        if (startFailure != null) {
            throw new IllegalStateException("the networked GigE bench did not start (see the first test)", startFailure);
        }
        if (bench == null) {
            try {
                bench = GigeNetBench.start(work.resolve("bench"), "300us", "30us", CAMERAS);
            } catch (RuntimeException | AssertionError e) {
                startFailure = e;
                throw e;
            }
        }
        return bench;
    }

    private static synchronized RequirementRun healthyRun() {
        if (healthy == null) {
            healthy = runIn("healthy", List.of(A, B, C), QUICK);
        }
        return healthy;
    }

    /** Two healthy cameras and the faulty one. */
    private static RequirementRun run(String name, String faulty, Map<String, String> properties) {
        return runIn(name, List.of(A, C, faulty), properties);
    }

    private static RequirementRun runIn(String name, List<String> serials, Map<String, String> properties) {
        GigeNetBench started = bench();
        Path directory = work.resolve(name);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(properties);
        all.put("hil.cameras.serials", String.join(",", serials));
        return started.runCameraRequirement(directory, all, RUN_BOUND);
    }

    // ---- the truth ----

    /**
     * Against the latches each camera printed: every latch's host bracket holds the instant the camera latched, and
     * every judged sample's bounds hold the true offset (camera time − host time), the true delta to the host clock
     * and the true delta to the cameras' median.
     */
    private static void assertEveryBoundHoldsTheTruth(Path run, List<String> serials) {
        Map<String, List<LatchTruth>> truths = new LinkedHashMap<>();
        serials.forEach(serial -> truths.put(serial, bench().truth(serial)));
        List<String> wrong = new ArrayList<>();
        List<Map<String, String>> latches = csv(run.resolve("evidence/cameras/latches.csv"));
        for (Map<String, String> latch : latches) {
            LatchTruth truth = truthOf(truths, latch, wrong);
            if (truth != null && (truth.hostRealtimeNs() < number(latch, "host_before_ns")
                    || truth.hostRealtimeNs() > number(latch, "host_after_ns"))) {
                wrong.add("latch " + latch + ": latched at host " + truth.hostRealtimeNs() + ", outside its bracket");
            }
        }
        List<Map<String, String>> samples = csv(run.resolve("evidence/cameras/samples.csv"));
        Map<String, List<Map<String, String>>> bySample = new LinkedHashMap<>();
        samples.forEach(row -> bySample.computeIfAbsent(row.get("sample"), s -> new ArrayList<>()).add(row));
        for (List<Map<String, String>> sample : bySample.values()) {
            Map<String, Long> theta = new LinkedHashMap<>();
            for (Map<String, String> row : sample) {
                LatchTruth truth = truthOf(truths, row, wrong);
                if (truth != null) {
                    theta.put(row.get("serial"), truth.deviceNs() - truth.hostRealtimeNs());
                }
            }
            if (theta.size() != sample.size()) {
                continue;
            }
            long twiceMedian = twiceMedian(theta.values().stream().mapToLong(Long::longValue).toArray());
            for (Map<String, String> row : sample) {
                long trueOffset = theta.get(row.get("serial"));
                String where = "sample " + row.get("sample") + " camera " + row.get("serial");
                within(wrong, where + " offset", trueOffset, number(row, "offset_low_ns"), number(row, "offset_high_ns"));
                within(wrong, where + " host delta", trueOffset - TAI_UTC_NS, number(row, "host_delta_low_ns"),
                        number(row, "host_delta_high_ns"));
                long twiceDelta = 2 * trueOffset - twiceMedian;
                within(wrong, where + " delta to the median (x2)", twiceDelta, 2 * number(row, "delta_low_ns"),
                        2 * number(row, "delta_high_ns"));
            }
        }
        assertThat(latches).as("latches in the evidence").hasSizeGreaterThanOrEqualTo(serials.size() * 8);
        assertThat(samples).as("judged samples in the evidence").hasSizeGreaterThanOrEqualTo(serials.size());
        assertThat(wrong).as("bounds that do not hold the truth").isEmpty();
    }

    /** The latch the camera made that reported this row's camera time. */
    private static LatchTruth truthOf(Map<String, List<LatchTruth>> truths, Map<String, String> row, List<String> wrong) {
        long value = number(row, "camera_time_ns");
        Optional<LatchTruth> truth = GigeNetBench.latchWithValue(truths.get(row.get("serial")), value);
        if (truth.isEmpty()) {
            wrong.add("camera " + row.get("serial") + " printed no latch of value " + value + " (row " + row + ")");
        }
        return truth.orElse(null);
    }

    private static void within(List<String> wrong, String what, long truth, long low, long high) {
        if (truth < low || truth > high) {
            wrong.add(what + ": the truth " + truth + " is outside [" + low + ", " + high + "]");
        }
    }

    private static long twiceMedian(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? 2 * sorted[n / 2] : sorted[n / 2 - 1] + sorted[n / 2];
    }

    private static long number(Map<String, String> row, String column) {
        return Long.parseLong(row.get(column));
    }

    private static List<Map<String, String>> csv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("no evidence " + file, e);
        }
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

    // ---- expectations, as CameraAlignmentSelfTest writes them ----

    private static List<Status> camera(Status ptp, Status grandmaster, Status withOthers, Status withHost,
                                       Status servo) {
        return List.of(ptp, grandmaster, withOthers, withHost, servo);
    }

    private static Map<String, Status> expect(List<String> cameras, String faulty, List<Status> faultyOutcomes,
                                              List<Status> others) {
        Map<String, Status> expected = new HashMap<>();
        for (String camera : cameras) {
            List<Status> outcomes = camera.equals(faulty) ? faultyOutcomes : others;
            for (int i = 0; i < CHECKS.size(); i++) {
                expected.put(key(CHECKS.get(i), camera), outcomes.get(i));
            }
        }
        return expected;
    }

    private static String key(String method, String camera) {
        return method + "[camera " + camera + "]";
    }

    private static String describe(RequirementRun run) {
        StringBuilder text = new StringBuilder("outcomes:\n");
        run.outcomes().forEach((key, outcome) -> text.append("  ").append(key).append(": ").append(outcome.status())
                .append(outcome.message().isEmpty() ? "" : " - " + outcome.message()).append('\n'));
        return text.toString();
    }
}
