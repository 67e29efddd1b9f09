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
                        + "RNG19_RFL8_SIG16_NIR16 with 64 beams (12544 bytes)", "Hint: check sensors.<name>.lidarProfile");
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

        Map<String, Status> expected = new HashMap<>();
        for (String stream : concat(FRONT, REAR)) {
            expected.putAll(Map.of(key(ARRIVE, stream), BROKEN, key(BOUND, stream), BROKEN, key(LOST, stream), BROKEN));
        }
        assertThat(run.statuses()).isEqualTo(expected);
        assertThat(run.message(key(BOUND, "os-rear imu"))).contains("came without the receive timestamp asked for",
                "hwstamp_ctl");
    }

    private static RequirementRun runWithFault(String fault) {
        Map<String, String> properties = new HashMap<>(QUICK);
        properties.put("hil.simulation.sensors.faults", "os-front " + fault);
        return RequirementRun.of(SensorPacketTimingTest.class, properties);
    }

    private static RequirementRun run(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(QUICK);
        properties.putAll(extra);
        return RequirementRun.of(SensorPacketTimingTest.class, properties);
    }

    /** os-front's streams get the given outcomes; os-rear's pass. */
    private static Map<String, Status> expect(Status arrive, Status bound, Status lost) {
        Map<String, Status> expected = new HashMap<>();
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
}
