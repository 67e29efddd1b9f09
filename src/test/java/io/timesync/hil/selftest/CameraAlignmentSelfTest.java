package io.timesync.hil.selftest;

import io.timesync.hil.requirements.CameraAlignmentTest;
import io.timesync.hil.selftest.RequirementRun.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.timesync.hil.selftest.RequirementRun.Status.BROKEN;
import static io.timesync.hil.selftest.RequirementRun.Status.FAILED;
import static io.timesync.hil.selftest.RequirementRun.Status.PASSED;
import static io.timesync.hil.selftest.RequirementRun.Status.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The camera requirement against the simulated bench's four cameras, healthy and with each fault knob:
 * the faulty camera fails or is broken, the others pass.
 */
class CameraAlignmentSelfTest {
    private static final List<String> CAMERAS = List.of("05520125", "05520126", "05520128", "05520129");
    private static final String FAULTY = "05520126";
    private static final String PTP = "followsTheHostsGrandmaster";
    private static final String OTHERS = "withinThresholdOfTheOtherCameras";
    private static final String HOST = "withinThresholdOfTheHostClock";
    /** Short runs: 4 samples 50 ms apart, a 1 s settle timeout. */
    private static final Map<String, String> QUICK = Map.of("hil.cameras.samples", "4", "hil.cameras.interval", "50ms",
            "hil.cameras.settleTimeout", "1s");

    @Test
    void passesOnTheHealthyBench() {
        RequirementRun run = run(Map.of());

        assertThat(run.statuses()).isEqualTo(expect(PASSED, PASSED, PASSED, PASSED));
    }

    @Test
    void failsTheCameraThatIsOutOfTolerance() {
        RequirementRun run = runWithFault("offset=+150ms");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, FAILED, FAILED, PASSED));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("camera 05520126 is out of tolerance in 4 of 4 samples",
                "expected: |delta to median| <= 100ms")
                .containsPattern("but was: sample 1: 1(49\\.99|50\\.00)\\d+ ms ± \\d\\.\\d+ ms");
        assertThat(run.message(key(HOST, FAULTY))).contains("is off the host clock in 4 of 4 samples");
    }

    @Test
    void failsTheCameraThatDrifts() {
        RequirementRun run = run(Map.of("hil.simulation.cameras.faults", FAULTY + " drift=20000ppm",
                "hil.cameras.threshold", "10ms", "hil.cameras.hostThreshold", "10ms", "hil.cameras.samples", "6",
                "hil.cameras.interval", "200ms", "hil.cameras.settleTimeout", "1s"));

        assertThat(run.statuses()).isEqualTo(expect(PASSED, FAILED, FAILED, PASSED));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("out of tolerance in", "expected: |delta to median| <= 10ms");
    }

    @Test
    void failsTheCameraWhoseClockIsFrozen() {
        RequirementRun run = runWithFault("frozen");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, FAILED, FAILED, PASSED));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("camera 05520126's clock",
                "the camera clock did not advance from sample 1 to 2", "its clock is frozen");
    }

    @Test
    void failsTheCameraThatLatchesZero() {
        RequirementRun run = runWithFault("zero");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, FAILED, FAILED, PASSED));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("the camera latched time 0 in sample 1");
    }

    @Test
    void breaksTheCameraWhoseLatchFails() {
        RequirementRun run = runWithFault("latchError");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, BROKEN, BROKEN, PASSED));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("Bench part misbehaving: camera 05520126",
                "TimestampLatch failed with GENICAM_DEVICE_ERROR");
    }

    @Test
    void breaksTheCameraThatIsLostMidRun() {
        // warm-up and sample 1 take 3 latch rounds each: lost during sample 2
        RequirementRun run = runWithFault("disconnectAfter=6");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, BROKEN, BROKEN, PASSED));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("Bench part unreachable: camera 05520126",
                "lost after 6 latches", "Hint: check the camera's network cable");
    }

    @Test
    void failsTheCameraThatDoesNotFollowTheGrandmaster() {
        RequirementRun run = runWithFault("ptpListening");

        assertThat(run.statuses()).isEqualTo(expect(FAILED, FAILED, FAILED, PASSED));
        assertThat(run.message(key(PTP, FAULTY))).contains("did not reach PtpStatus Slave within 1s",
                "but was: Listening");
    }

    @Test
    void breaksTheMissingCameraAndNamesTheOnesFound() {
        RequirementRun run = runWithFault("missing");

        assertThat(run.statuses()).isEqualTo(expect(BROKEN, BROKEN, BROKEN, PASSED));
        assertThat(run.message(key(PTP, FAULTY))).contains("Bench part unreachable: camera 05520126",
                "cameras found: [05520125, 05520128, 05520129]");
    }

    @Test
    void isInconclusiveWhenTheLatchUncertaintyExceedsTheThreshold() {
        RequirementRun run = run(with(Map.of("hil.simulation.cameras.latchLatency", "10ms",
                "hil.cameras.threshold", "1ms", "hil.cameras.hostThreshold", "1ms")));

        assertThat(run.statuses()).isEqualTo(everyCamera(PASSED, BROKEN, BROKEN));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("Measurement inconclusive: camera 05520126",
                "cannot prove 1ms: their uncertainty straddles the threshold");
    }

    @Test
    void skipsTheHostClockComparisonWhenItIsOff() {
        RequirementRun run = run(with(Map.of("hil.cameras.compareToHostClock", "false")));

        assertThat(run.statuses()).isEqualTo(everyCamera(PASSED, PASSED, SKIPPED));
        assertThat(run.message(key(HOST, FAULTY))).contains("comparison with the host clock is off");
    }

    @Test
    void skipsOnABenchWithoutCameras(@TempDir Path directory) throws IOException {
        Path bench = Files.writeString(directory.resolve("no-cameras.yaml"),
                "interface: sim0\nsimulation:\n  ptp4l:\n    role: grandmaster\n");

        RequirementRun run = RequirementRun.of(CameraAlignmentTest.class, Map.of("hil.bench", bench.toString()));

        assertThat(run.statuses()).isEqualTo(Map.of(PTP, SKIPPED, OTHERS, SKIPPED, HOST, SKIPPED));
        assertThat(run.message(OTHERS)).contains("this bench has no cameras");
    }

    private static RequirementRun runWithFault(String fault) {
        return run(with(Map.of("hil.simulation.cameras.faults", FAULTY + " " + fault)));
    }

    private static RequirementRun run(Map<String, String> properties) {
        return RequirementRun.of(CameraAlignmentTest.class, properties);
    }

    private static Map<String, String> with(Map<String, String> properties) {
        Map<String, String> merged = new HashMap<>(QUICK);
        merged.putAll(properties);
        return merged;
    }

    /** The faulty camera's three outcomes, and {@code others} for every other camera's three. */
    private static Map<String, Status> expect(Status ptp, Status withOthers, Status withHost, Status others) {
        Map<String, Status> expected = everyCamera(others, others, others);
        expected.putAll(Map.of(key(PTP, FAULTY), ptp, key(OTHERS, FAULTY), withOthers, key(HOST, FAULTY), withHost));
        return expected;
    }

    private static Map<String, Status> everyCamera(Status ptp, Status withOthers, Status withHost) {
        Map<String, Status> expected = new HashMap<>();
        for (String camera : CAMERAS) {
            expected.putAll(Map.of(key(PTP, camera), ptp, key(OTHERS, camera), withOthers, key(HOST, camera), withHost));
        }
        return expected;
    }

    private static String key(String method, String camera) {
        return method + "[camera " + camera + "]";
    }
}
