package io.timesync.hil.selftest;

import io.timesync.hil.requirements.SensorPacketTimingTest;
import io.timesync.hil.selftest.RequirementRun.Status;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.timesync.hil.selftest.RequirementRun.Status.BROKEN;
import static io.timesync.hil.selftest.RequirementRun.Status.FAILED;
import static io.timesync.hil.selftest.RequirementRun.Status.PASSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sensor requirement against the simulated bench's two sensors, healthy and with each fault knob on
 * os-front: its streams fail or break, os-rear's pass.
 */
class SensorPacketTimingSelfTest {
    private static final List<String> FRONT = List.of("os-front lidar", "os-front imu accel", "os-front imu gyro");
    private static final List<String> REAR = List.of("os-rear lidar", "os-rear imu");
    private static final String ARRIVE = "packetsKeepArriving";
    private static final String BOUND = "everyPacketWithinBound";
    private static final String LOST = "noPacketLost";
    private static final String STAMPS = "stampsPtpTime";
    private static final String FOLLOWS = "followsThisHostsGrandmaster";
    private static final String SENDS = "sendsToThisHost";
    private static final String SERVO = "servoHoldsItWithinOffsetThreshold";
    private static final List<String> API_CHECKS = List.of(STAMPS, FOLLOWS, SENDS, SERVO);
    /** Short captures: 500 ms warm-up, 1 s judged. */
    private static final Map<String, String> QUICK = Map.of("hil.packetTiming.warmUp", "500ms",
            "hil.packetTiming.duration", "1s", "hil.packetTiming.arrivalTimeout", "1s");

    @Test
    void passesOnTheHealthyBench() {
        assertThat(run(Map.of()).statuses()).isEqualTo(expect(PASSED, PASSED, PASSED));
    }

    @Test
    void failsTheStreamsOfASensorThatStampsItsPackets20msEarly() {
        RequirementRun run = runWithFault("late=20ms");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, FAILED, PASSED));
        assertThat(run.message(key(BOUND, "os-front lidar"))).contains("judged packets outside the allowed window (",
                "late, 0 from the future)", "expected: -1ms <= receive - sensor time <= 10ms")
                .containsPattern("but was: 2\\d\\.\\d+ ms at worst");
    }

    @Test
    void failsPacketsStampedInTheFuture() {
        RequirementRun run = runWithFault("future=5ms");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, FAILED, PASSED));
        assertThat(run.message(key(BOUND, "os-front imu accel"))).contains("(0 late, ", "from the future)")
                .containsPattern("but was: -4\\.\\d+ ms at worst");
    }

    @Test
    void breaksTheStreamsOfASilentSensorWithAHint() {
        RequirementRun run = runWithFault("silent");

        assertThat(run.statuses()).isEqualTo(expect(BROKEN, BROKEN, BROKEN));
        assertThat(run.message(key(ARRIVE, "os-front lidar"))).contains("Bench part unreachable: sensor stream "
                + "os-front lidar: no packet on UDP 0.0.0.0:", "from 127.0.0.1 within 1s", "Hint: check the sensor's udp_dest");
    }

    @Test
    void breaksTheStreamsWithMalformedPacketsAndShowsTheFirst() {
        RequirementRun run = runWithFault("malformed");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, BROKEN, BROKEN));
        assertThat(run.message(key(BOUND, "os-front lidar"))).contains("Bench part misbehaving",
                "packets do not fit the configured profile", "lidar packet of 12551 bytes does not fit "
                        + "RNG19_RFL8_SIG16_NIR16 with 64 beams (12544 bytes)",
                "Hint: leave sensors.<name>.lidarProfile / beams / mode / imuProfile auto");
        assertThat(run.message(key(BOUND, "os-front imu accel"))).contains("IMU packet of 55 bytes does not fit LEGACY");
    }

    @Test
    void failsTheLossCheckWhenPacketsGoMissing() {
        RequirementRun run = runWithFault("loss=10%");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, PASSED, FAILED));
        assertThat(run.message(key(LOST, "os-front lidar"))).contains("packets lost between the sensor and this host "
                + "(gaps in frame and measurement ids; 0 arrived out of order, not lost)");
        assertThat(run.message(key(LOST, "os-front imu gyro"))).contains("(gaps in the sensor's monotonic IMU "
                + "clock (sys_ts)");
    }

    /** Stopped 1.5 s after it started, inside the window judged from 0.5 s to 2.5 s: nothing lost or late, no pass. */
    @Test
    void failsASensorThatGoesSilentMidWindow() {
        RequirementRun run = run(Map.of("hil.simulation.sensors.faults", "os-front stopAfter=1500ms",
                "hil.packetTiming.duration", "2s"));

        assertThat(run.statuses()).isEqualTo(expect(FAILED, PASSED, PASSED));
        assertThat(run.message(key(ARRIVE, "os-front lidar"))).contains("os-front lidar: the sensor stopped sending: "
                + "silent for ", "expected: no silence over 20ms");
        assertThat(run.message(key(ARRIVE, "os-front imu accel"))).contains("expected: no silence over 100ms");
    }

    /** Now and then a lidar packet overtakes the one before it: reordered, never lost. */
    @Test
    void passesReorderedPacketsAsNotLost() {
        RequirementRun run = runWithFault("reorder");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, PASSED, PASSED));
    }

    /** The gyroscope's timestamp is judged on its own, not through the accelerometer's. */
    @Test
    void failsOnlyTheGyroscopeWhenOnlyItIsLate() {
        RequirementRun run = runWithFault("gyroLate=20ms");

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        expected.put(key(BOUND, "os-front imu gyro"), FAILED);
        assertThat(run.statuses()).isEqualTo(expected);
    }

    @Test
    void failsASensorOnItsInternalOscillatorAndSaysSo() {
        RequirementRun run = runWithFault("internalOscillator");

        assertThat(run.statuses()).isEqualTo(expect(PASSED, FAILED, PASSED));
        assertThat(run.message(key(BOUND, "os-front lidar"))).contains("days off: it is not stamping PTP time",
                "TIME_FROM_INTERNAL_OSC");
    }

    @Test
    void breaksEveryStreamWhenHardwareTimestampsAreAskedOfANicWithout() {
        Map<String, String> properties = new HashMap<>(QUICK);
        properties.put("hil.packetTiming.receiveTimestamps", "hardware");

        RequirementRun run = RequirementRun.of(SensorPacketTimingTest.class, properties);

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        for (String stream : concat(FRONT, REAR)) {
            expected.putAll(Map.of(key(ARRIVE, stream), BROKEN, key(BOUND, stream), BROKEN, key(LOST, stream), BROKEN));
        }
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(key(BOUND, "os-rear imu"))).contains("came without the receive timestamp asked for",
                "hwstamp_ctl");
    }

    @Test
    void failsASensorStampingItsInternalOscillatorAndThePacketCheckPointsToIt() {
        RequirementRun run = runWithFault("timestampMode=internal");

        Map<String, Status> expected = expect(PASSED, FAILED, PASSED);
        expected.put(apiKey(STAMPS, "os-front"), FAILED);
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(apiKey(STAMPS, "os-front"))).contains("stamps its packets with its internal oscillator",
                "expected: TIME_FROM_PTP_1588", "but was: TIME_FROM_INTERNAL_OSC");
        assertThat(run.message(key(BOUND, "os-front lidar"))).contains("days off: it is not stamping PTP time",
                "The sensor's API explains it: internal oscillator: see the sensor's timestamp_mode "
                        + "(TIME_FROM_INTERNAL_OSC)");
    }

    @Test
    void failsASensorFollowingAnotherGrandmaster() {
        RequirementRun run = runWithFault("otherGrandmaster", Map.of("hil.sensors.os-front.settleTimeout", "1s"));

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        expected.put(apiKey(FOLLOWS, "os-front"), FAILED);
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(apiKey(FOLLOWS, "os-front"))).contains("follows another grandmaster than this host's",
                "expected: SLAVE to 02005e.fffe.000001", "but was: SLAVE to 02005e.fffe.0000aa");
    }

    @Test
    void failsASensorWhosePtpPortHearsNoGrandmaster() {
        RequirementRun run = runWithFault("ptpListening", Map.of("hil.sensors.os-front.settleTimeout", "1s"));

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        expected.put(apiKey(FOLLOWS, "os-front"), FAILED);
        expected.put(apiKey(SERVO, "os-front"), FAILED);
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(apiKey(FOLLOWS, "os-front"))).contains("never became a PTP slave: its port stayed "
                + "LISTENING");
        assertThat(run.message(apiKey(SERVO, "os-front"))).contains("but was: LISTENING offset 0 ns");
    }

    @Test
    void failsASensorWhoseServoReportsABigOffset() {
        RequirementRun run = runWithFault("ptpOffset=+5us");

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        expected.put(apiKey(SERVO, "os-front"), FAILED);
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(apiKey(SERVO, "os-front"))).contains("own PTP servo does not hold it within 1us",
                "but was: SLAVE offset 5000 ns");
    }

    @Test
    void breaksTheSendsCheckOfASensorSendingElsewhere() {
        RequirementRun run = runWithFault("udpDestElsewhere");

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        expected.put(apiKey(SENDS, "os-front"), BROKEN);
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(apiKey(SENDS, "os-front"))).contains("Bench part misbehaving: sensor os-front: it does "
                + "not send to this host's capture: udp_dest 192.0.2.99 is not an address of this host",
                "Hint: set the sensor's udp_dest");
    }

    /** The sensor's API says one profile, its packets are another: the packets are judged malformed, and why. */
    @Test
    void breaksThePacketsOfAReconfiguredSensorAndSaysWhatItsApiStates() {
        RequirementRun run = runWithFault("profileChanged");

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        expected.put(key(BOUND, "os-front lidar"), BROKEN);
        expected.put(key(LOST, "os-front lidar"), BROKEN);
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(key(BOUND, "os-front lidar"))).contains("packets do not fit the configured profile",
                "The sensor's API explains it: the packets do not fit the format the sensor's API states "
                        + "(RNG15_RFL8_NIR8, 64 beams, 1024x10, IMU LEGACY)");
    }

    /** A sensor whose format is written out but whose API says another is a configuration error naming both. */
    @Test
    void breaksASensorWhoseApiContradictsTheBenchFile() {
        RequirementRun run = run(Map.of("hil.simulation.sensors.faults", "os-rear profileChanged"));

        assertThat(run.statuses()).containsEntry(key(ARRIVE, "os-rear lidar"), BROKEN)
                .containsEntry(key(ARRIVE, "os-front lidar"), PASSED);
        assertThat(run.message(key(ARRIVE, "os-rear lidar"))).contains("sensors.os-rear.lidarProfile",
                "udp_profile_lidar: the sensor reports RNG19_RFL8_SIG16_NIR16, the bench file expects RNG15_RFL8_NIR8");
    }

    /** Nothing answers: every API check breaks, and a sensor whose format is auto cannot be captured. */
    @Test
    void breaksEveryCheckOfASensorWhoseApiIsDown() {
        for (String fault : List.of("apiDown", "apiMalformed")) {
            RequirementRun run = runWithFault(fault);

            Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
            FRONT.forEach(stream -> List.of(ARRIVE, BOUND, LOST).forEach(check -> expected.remove(key(check, stream))));
            // its format unknown, the sensor's streams are its lidar and its IMU, each broken
            for (String stream : List.of("os-front lidar", "os-front imu")) {
                List.of(ARRIVE, BOUND, LOST).forEach(check -> expected.put(key(check, stream), BROKEN));
            }
            API_CHECKS.forEach(check -> expected.put(apiKey(check, "os-front"), BROKEN));
            assertThat(run.statuses()).as(fault).isEqualTo(expected);
            assertThat(run.message(apiKey(STAMPS, "os-front"))).as(fault).contains("Bench part");
            assertThat(run.message(key(ARRIVE, "os-front lidar"))).as(fault).contains("lidarProfile, beams, mode, "
                    + "imuProfile, imuMeasurementsPerPacket are auto, but its API did not tell them");
        }
    }

    /** A sensor not asked over its API: its API checks are skipped, saying so, and its packets judged as given. */
    @Test
    void skipsTheApiChecksOfASensorNotAskedOverItsApi() {
        RequirementRun run = run(Map.of("hil.sensors.os-rear.api", "false", "hil.sensors.os-rear.lidarPort", "0",
                "hil.sensors.os-rear.imuPort", "0"));

        Map<String, Status> expected = expect(PASSED, PASSED, PASSED);
        API_CHECKS.forEach(check -> expected.put(apiKey(check, "os-rear"), Status.SKIPPED));
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(apiKey(STAMPS, "os-rear"))).contains("not asked over its HTTP API");
    }

    private static RequirementRun runWithFault(String fault) {
        return runWithFault(fault, Map.of());
    }

    private static RequirementRun runWithFault(String fault, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        properties.put("hil.simulation.sensors.faults", "os-front " + fault);
        return run(properties);
    }

    private static RequirementRun run(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(QUICK);
        properties.putAll(extra);
        return RequirementRun.of(SensorPacketTimingTest.class, properties);
    }

    /** os-front's streams get the given outcomes; os-rear's pass, and both sensors' API checks. */
    private static Map<String, Status> expect(Status arrive, Status bound, Status lost) {
        Map<String, Status> expected = new HashMap<>();
        for (String check : API_CHECKS) {
            expected.put(apiKey(check, "os-front"), PASSED);
            expected.put(apiKey(check, "os-rear"), PASSED);
        }
        for (String stream : FRONT) {
            expected.putAll(Map.of(key(ARRIVE, stream), arrive, key(BOUND, stream), bound, key(LOST, stream), lost));
        }
        for (String stream : REAR) {
            expected.putAll(Map.of(key(ARRIVE, stream), PASSED, key(BOUND, stream), PASSED, key(LOST, stream), PASSED));
        }
        return expected;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static String key(String method, String stream) {
        return method + "[" + stream + "]";
    }

    private static String apiKey(String method, String sensor) {
        return key(method, "sensor " + sensor);
    }
}
