package io.timesync.hil.selftest;

import io.timesync.hil.requirements.CameraAlignmentTest;
import io.timesync.hil.selftest.RequirementRun.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * The camera requirement against the simulated bench's four cameras, healthy and with each fault knob. "Within
 * threshold of every other camera" is pairwise: a camera that is off fails it, and so does every camera it is
 * measured against; the host-clock check singles out the faulty one.
 */
class CameraAlignmentSelfTest {
    private static final List<String> CAMERAS = List.of("05520125", "05520126", "05520128", "05520129");
    private static final String FAULTY = "05520126";
    private static final String PTP = "ptpPortReachesSlave";
    private static final String GRANDMASTER = "followsThisHostsGrandmaster";
    private static final String OTHERS = "withinThresholdOfEveryOtherCamera";
    private static final String HOST = "withinThresholdOfTheHostClock";
    private static final String SERVO = "servoHoldsItWithinOffsetThreshold";
    private static final List<String> CHECKS = List.of(PTP, GRANDMASTER, OTHERS, HOST, SERVO);
    /** Short runs: 4 samples 50 ms apart, a 1 s settle timeout. */
    private static final Map<String, String> QUICK = Map.of("hil.cameras.samples", "4", "hil.cameras.interval", "50ms",
            "hil.cameras.settleTimeout", "1s");

    /** Wherever the cameras latch inside their calls, a healthy bench passes. */
    @ParameterizedTest(name = "latching at the {0} of the call")
    @ValueSource(strings = {"midpoint", "start", "end", "uniform", "asymmetric"})
    void passesOnTheHealthyBench(String latchPosition) {
        RequirementRun run = run(with(Map.of("hil.simulation.cameras.latchPosition", latchPosition)));

        assertThat(run.statuses()).isEqualTo(everyCamera(PASSED, PASSED, PASSED, PASSED, PASSED));
    }

    /** Wherever the cameras latch, a camera 150 ms off is out of tolerance of every other, and of the host. */
    @ParameterizedTest(name = "latching at the {0} of the call")
    @ValueSource(strings = {"midpoint", "start", "end", "uniform", "asymmetric"})
    void failsTheCameraThatIsOutOfToleranceAndTheCamerasItDiffersFrom(String latchPosition) {
        RequirementRun run = run(with(Map.of("hil.simulation.cameras.faults", FAULTY + " offset=+150ms",
                "hil.simulation.cameras.latchPosition", latchPosition)));

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, PASSED, FAILED, FAILED, PASSED),
                camera(PASSED, PASSED, FAILED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, FAULTY))).contains(
                "camera 05520126 differs from another camera by more than 100ms in 4 of 4 samples",
                "expected: |difference to every other camera| <= 100ms")
                .containsPattern("but was: sample 1: 1(49|50)\\.\\d+ ms, at least 1(49|50)\\.\\d+ ms, to 05520\\d+");
        assertThat(run.message(key(OTHERS, "05520125"))).contains("but was: sample 1: -1", "to 05520126");
        assertThat(run.message(key(HOST, FAULTY))).contains("is off the host clock in 4 of 4 samples");
    }

    @Test
    void failsTheCameraThatDrifts() {
        RequirementRun run = run(Map.of("hil.simulation.cameras.faults", FAULTY + " drift=20000ppm",
                "hil.cameras.threshold", "10ms", "hil.cameras.hostThreshold", "10ms", "hil.cameras.samples", "6",
                "hil.cameras.interval", "200ms", "hil.cameras.settleTimeout", "1s"));

        assertThat(run.statuses().get(key(OTHERS, FAULTY))).isEqualTo(FAILED);
        assertThat(run.statuses().get(key(HOST, FAULTY))).isEqualTo(FAILED);
        assertThat(run.message(key(OTHERS, FAULTY))).contains("runs faster than any PTP servo allows (1000 ppm)");
        assertThat(run.statuses().get(key(HOST, "05520125"))).isEqualTo(PASSED);
    }

    @Test
    void failsTheCameraWhoseClockIsFrozen() {
        RequirementRun run = runWithFault("frozen");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, PASSED, FAILED, FAILED, PASSED),
                camera(PASSED, PASSED, FAILED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("camera 05520126's clock",
                "the camera clock did not advance between its first and last latch", "its clock is frozen");
    }

    /** A single sample is enough: the warm-up and the rounds give several latches to see it stand still. */
    @Test
    void failsAFrozenClockFromTheFirstSample() {
        RequirementRun run = run(with(Map.of("hil.simulation.cameras.faults", FAULTY + " frozen",
                "hil.cameras.samples", "1")));

        assertThat(run.statuses().get(key(OTHERS, FAULTY))).isEqualTo(FAILED);
        assertThat(run.statuses().get(key(HOST, FAULTY))).isEqualTo(FAILED);
        assertThat(run.message(key(HOST, FAULTY))).contains("its clock is frozen");
    }

    @Test
    void failsTheCameraThatLatchesZero() {
        RequirementRun run = runWithFault("zero");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, PASSED, FAILED, FAILED, PASSED),
                camera(PASSED, PASSED, FAILED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("the camera latched time 0");
    }

    @Test
    void breaksTheCameraWhoseLatchFails() {
        RequirementRun run = runWithFault("latchError");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, PASSED, BROKEN, BROKEN, BROKEN),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("Bench part misbehaving: camera 05520126",
                "TimestampLatch failed with GENICAM_DEVICE_ERROR");
    }

    @Test
    void breaksTheCameraThatIsLostMidRun() {
        // the warm-up and sample 1 take 8 latch rounds each: lost during sample 2
        RequirementRun run = runWithFault("disconnectAfter=20");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, PASSED, BROKEN, BROKEN, BROKEN),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("Bench part unreachable: camera 05520126",
                "lost after 20 latches", "Hint: check the camera's network cable");
    }

    /** Every camera lost in the same sample: each is broken, and the measurement is not run again per check. */
    @Test
    void breaksEveryCameraLostInTheSameSampleWithoutMeasuringTwice(@TempDir Path evidence) throws IOException {
        String faults = String.join(",", CAMERAS.stream().map(serial -> serial + " disconnectAfter=10").toList());
        RequirementRun run = run(with(Map.of("hil.simulation.cameras.faults", faults,
                "hil.evidenceDir", evidence.toString())));

        assertThat(run.statuses()).isEqualTo(everyCamera(PASSED, PASSED, BROKEN, BROKEN, BROKEN));
        assertThat(run.message(key(OTHERS, "05520129"))).contains("lost after 10 latches");
        assertThat(Files.readString(evidence.resolve("cameras/measurement.log")).lines()
                .filter(line -> line.equals("[Warm-up] one sample, not judged"))).hasSize(1);
    }

    /** The bench's overall timeout ends the measurement; no camera is blamed for it. */
    @Test
    void isInconclusiveWhenTheBenchTimeoutRunsOutBlamingNoCamera() {
        Map<String, String> properties = new HashMap<>(Map.of("hil.simulation.cameras.latchLatency", "100ms",
                "hil.cameras.interval", "0", "hil.timeout", "2s", "hil.ptp4l.settleTimeout", "1s",
                "hil.packetTiming.warmUp", "200ms", "hil.sensors.os-front.settleTimeout", "1s",
                "hil.sensors.os-rear.settleTimeout", "1s",
                "hil.packetTiming.duration", "500ms", "hil.packetTiming.arrivalTimeout", "1s"));
        RequirementRun run = run(with(properties));

        assertThat(run.statuses()).isEqualTo(everyCamera(PASSED, PASSED, BROKEN, BROKEN, BROKEN));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("Measurement inconclusive: camera 05520126: measured in",
                "of 4 planned samples (the measurement ran out of time after", "the overall timeout (2s) was reached")
                .doesNotContain("Bench part");
    }

    @Test
    void failsTheCameraWhosePtpPortDoesNotFollowAMaster() {
        RequirementRun run = runWithFault("ptpListening");

        assertThat(run.statuses()).isEqualTo(expect(camera(FAILED, FAILED, FAILED, FAILED, FAILED),
                camera(PASSED, PASSED, FAILED, PASSED, PASSED)));
        assertThat(run.message(key(PTP, FAULTY))).contains("did not reach PtpStatus Slave within 1s",
                "but was: Listening");
    }

    @Test
    void breaksTheMissingCameraAndNamesTheOnesFound() {
        RequirementRun run = runWithFault("missing");

        assertThat(run.statuses()).isEqualTo(expect(camera(BROKEN, BROKEN, BROKEN, BROKEN, BROKEN),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(PTP, FAULTY))).contains("Bench part unreachable: camera 05520126",
                "cameras found: [05520125, 05520128, 05520129]");
    }

    @Test
    void isInconclusiveWhenTheLatchBoundExceedsTheThreshold() {
        RequirementRun run = run(with(Map.of("hil.simulation.cameras.latchLatency", "10ms",
                "hil.cameras.threshold", "1ms", "hil.cameras.hostThreshold", "1ms")));

        assertThat(run.statuses()).isEqualTo(everyCamera(PASSED, PASSED, BROKEN, BROKEN, PASSED));
        assertThat(run.message(key(OTHERS, FAULTY))).contains("Measurement inconclusive: camera 05520126",
                "samples cannot prove the threshold: their bound straddles it");
    }

    @Test
    void skipsTheHostClockComparisonWhenItIsOff() {
        RequirementRun run = run(with(Map.of("hil.cameras.compareToHostClock", "false")));

        assertThat(run.statuses()).isEqualTo(everyCamera(PASSED, PASSED, PASSED, SKIPPED, PASSED));
        assertThat(run.message(key(HOST, FAULTY))).contains("comparison with the host clock is off");
    }

    @Test
    void skipsOnABenchWithoutCameras(@TempDir Path directory) throws IOException {
        Path bench = Files.writeString(directory.resolve("no-cameras.yaml"),
                "interface: sim0\nsimulation:\n  ptp4l:\n    role: grandmaster\n");

        RequirementRun run = RequirementRun.of(CameraAlignmentTest.class, Map.of("hil.bench", bench.toString()));

        assertThat(run.statuses()).isEqualTo(Map.of(PTP, SKIPPED, GRANDMASTER, SKIPPED, OTHERS, SKIPPED, HOST, SKIPPED,
                SERVO, SKIPPED));
        assertThat(run.message(OTHERS)).contains("this bench has no cameras");
    }

    @Test
    void skipsTheComparisonWithOtherCamerasOnABenchWithOne() {
        RequirementRun run = run(with(Map.of("hil.cameras.serials", FAULTY)));

        assertThat(run.statuses()).isEqualTo(Map.of(PTP, PASSED, GRANDMASTER, PASSED, OTHERS, SKIPPED, HOST, PASSED,
                SERVO, PASSED));
        assertThat(run.message(OTHERS)).contains("the bench has one camera");
    }

    /** A camera locked to another master passes everything it can see about itself but that. */
    @Test
    void failsTheCameraThatFollowsAnotherGrandmaster() {
        RequirementRun run = runWithFault("otherGrandmaster");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, FAILED, PASSED, PASSED, PASSED),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(GRANDMASTER, FAULTY))).contains("follows another grandmaster than this host's",
                "expected: 02005e.fffe.000001", "but was: 02005e.fffe.0000bb");
    }

    /** The camera's own servo says it is 5 µs off: that check fails, and only that one. */
    @Test
    void failsTheCameraWhoseServoReportsAnOffsetBeyondTheThreshold() {
        RequirementRun run = runWithFault("servoOffset=5us");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, PASSED, PASSED, PASSED, FAILED),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(SERVO, FAULTY))).contains("camera 05520126's own PTP servo does not hold it within "
                + "1us in 4 of 4 samples").containsPattern("but was: sample 1: PtpOffsetFromMaster (4[7-9]|5[0-2])\\d\\d ns");
    }

    @Test
    void failsTheCameraWhoseServoIsNotLocked() {
        RequirementRun run = runWithFault("servoUnlocked");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, PASSED, PASSED, PASSED, FAILED),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(SERVO, FAULTY))).contains("PtpServoStatus Unknown");
    }

    /** A camera without the SFNC PTP data set: its own-state checks say what is missing, never pass. */
    @Test
    void skipsTheCameraChecksThatNeedThePtpDataSetWhenItIsAbsent() {
        RequirementRun run = runWithFault("noPtpDataSet");

        assertThat(run.statuses()).isEqualTo(expect(camera(PASSED, SKIPPED, PASSED, PASSED, SKIPPED),
                camera(PASSED, PASSED, PASSED, PASSED, PASSED)));
        assertThat(run.message(key(GRANDMASTER, FAULTY))).contains("does not report its grandmaster (no "
                + "PtpGrandmasterClockID)");
        assertThat(run.message(key(SERVO, FAULTY))).contains("reports neither PtpOffsetFromMaster nor PtpServoStatus");
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

    /** One camera's five outcomes, in the checks' order. */
    private static List<Status> camera(Status ptp, Status grandmaster, Status withOthers, Status withHost,
                                       Status servo) {
        return List.of(ptp, grandmaster, withOthers, withHost, servo);
    }

    /** The faulty camera's outcomes, then every other camera's. */
    private static Map<String, Status> expect(List<Status> faulty, List<Status> others) {
        Map<String, Status> expected = new HashMap<>();
        for (String camera : CAMERAS) {
            List<Status> outcomes = camera.equals(FAULTY) ? faulty : others;
            for (int i = 0; i < CHECKS.size(); i++) {
                expected.put(key(CHECKS.get(i), camera), outcomes.get(i));
            }
        }
        return expected;
    }

    private static Map<String, Status> everyCamera(Status ptp, Status grandmaster, Status withOthers, Status withHost,
                                                   Status servo) {
        List<Status> outcomes = camera(ptp, grandmaster, withOthers, withHost, servo);
        return expect(outcomes, outcomes);
    }

    private static String key(String method, String camera) {
        return method + "[camera " + camera + "]";
    }
}
