package io.timesync.hil.config;

import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarProfile;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.timesync.hil.config.ValueType.bool;
import static io.timesync.hil.config.ValueType.choice;
import static io.timesync.hil.config.ValueType.duration;
import static io.timesync.hil.config.ValueType.integer;

/** The keys of a bench file (the simulated bench adds its own: see the sim package). */
public final class BenchKeys {
    /** Limits no real bench reaches; they keep a typo (or a hostile file) from starving the host. */
    public static final int MAX_INTERFACES = 16;
    public static final int MAX_CAMERAS = 64;
    public static final int MAX_SENSORS = 16;
    static final long HOUR_NS = TimeUnit.HOURS.toNanos(1);
    static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    static final long MINUTE_NS = TimeUnit.MINUTES.toNanos(1);
    static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    static final long MS_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Names that become file names (sensor names, camera serials): one safe path element each. */
    private static final Pattern FILE_SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A named entry (a sensor): a file name, and one element of its override keys. */
    public static final Pattern ENTRY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern RUNNER_LABEL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern INTERFACE = Pattern.compile("[^\\s/\\x00]{1,15}");
    public static final List<String> LIDAR_MODES = List.of("512x10", "512x20", "1024x10", "1024x20", "2048x10",
            "4096x5");

    /** How cameras are reached. */
    public enum CameraBackendKind { IC4, ARAVIS, SIMULATED }

    private BenchKeys() {
    }

    public static final Key<String> NAME = Key.optional("name", ValueType.anyText(), "the file name",
            "bench name shown in the report");
    public static final Key<List<String>> INTERFACE_NAMES = Key.required("interface",
            ValueType.list(ValueType.text(INTERFACE, "a network interface name such as enp3s0"), 1, MAX_INTERFACES,
                    "network interface(s) the host's ptp4l serves the bench on"),
            "network interface(s) the host's ptp4l serves the bench on (one name or a list)");
    public static final Key<Long> TIMEOUT = Key.of("timeout", duration(MS_NS, DAY_NS, false), 60 * SECOND_NS,
            "bound on one requirement's whole measurement; every settle timeout and capture must fit in it");
    public static final Key<String> CI_RUNNER = Key.optional("ci.runner", ValueType.text(RUNNER_LABEL,
                    "a runner label: letters, digits, '.', '_' and '-' only, e.g. runner: bench-lab-1"), "none: not run nightly",
            "label of the self-hosted runner the nightly job runs this bench on (see Nightly CI)");

    public static final Key<String> PTP4L_SOCKET = Key.of("ptp4l.socket", ValueType.anyText(), "auto",
            "ptp4l's management socket (`uds_address`), or `auto`: `/var/run/ptp4lro` if present, else "
                    + "`/var/run/ptp4l`; on a simulated bench a path means: talk to that ptp4l, not the simulator");
    public static final Key<Integer> PTP4L_DOMAIN = Key.of("ptp4l.domain", integer(0, 255), 0,
            "the PTP domain the bench runs in (0..255)");
    public static final Key<Long> PTP4L_SETTLE_TIMEOUT = Key.of("ptp4l.settleTimeout", duration(0, HOUR_NS, false),
            30 * SECOND_NS, "how long ptp4l's bench port may take to reach MASTER");
    public static final Key<Long> PTP4L_REPLY_TIMEOUT = Key.of("ptp4l.replyTimeout", duration(MS_NS, MINUTE_NS, false),
            SECOND_NS, "how long to wait for each management reply");
    public static final Key<Long> PTP4L_WATCH_INTERVAL = Key.of("ptp4l.watchInterval",
            duration(10 * MS_NS, 10 * SECOND_NS, false), 250 * MS_NS, "how often the grandmaster watch asks ptp4l, "
                    + "from the bench's opening to the end of the run");
    public static final Key<Long> PTP4L_UTC_OFFSET = Key.of("ptp4l.utcOffset", duration(0, MINUTE_NS, false),
            37 * SECOND_NS, "TAI − UTC used when ptp4l does not mark its currentUtcOffset valid");

    public static final Key<List<String>> CAMERA_SERIALS = Key.required("cameras.serials",
            ValueType.list(ValueType.text(FILE_SAFE_NAME, "a camera serial number (letters, digits, '.', '_', '-')"),
                    1, MAX_CAMERAS, "list the camera serials, e.g. serials: [\"05520125\"]"),
            "camera serial numbers; the `cameras:` section is optional, but if present this list must not be empty");
    public static final Key<CameraBackendKind> CAMERA_BACKEND = Key.of("cameras.backend", choice(CameraBackendKind.class),
            CameraBackendKind.IC4, "`ic4` (The Imaging Source SDK through JNA), `aravis` (any GigE Vision camera "
            + "through libaravis-0.8) or `simulated`");
    public static final Key<String> CAMERA_IC4_LIBRARY = Key.of("cameras.ic4Library", ValueType.anyText(), "auto",
            "backend ic4: the libic4core.so to load, or `auto` (the system's)");
    public static final Key<Integer> CAMERA_SAMPLES = Key.of("cameras.samples", integer(1, 100_000), 1,
            "latch samples per run");
    public static final Key<Long> CAMERA_INTERVAL = Key.of("cameras.interval", duration(0, HOUR_NS, false), 0L,
            "pause between samples");
    public static final Key<Integer> CAMERA_LATCH_ROUNDS = Key.of("cameras.latchRounds", integer(1, 50), 8,
            "latch rounds per sample; per camera the round with the narrowest host-clock bracket is kept");
    public static final Key<Long> CAMERA_CALL_TIMEOUT = Key.of("cameras.callTimeout",
            duration(MS_NS, MINUTE_NS, false), 5 * SECOND_NS,
            "how long one camera call (latch, read) may take before the camera is given up");
    public static final Key<Long> CAMERA_THRESHOLD = Key.of("cameras.threshold", duration(1, HOUR_NS, true),
            100 * MS_NS, "max |difference| between any two cameras; a bare number is ns");
    public static final Key<Boolean> CAMERA_COMPARE_TO_HOST = Key.of("cameras.compareToHostClock", bool(), false,
            "also compare camera time with the host clock (the reference's `--assume-realtime-ptp`)");
    public static final Key<Long> CAMERA_HOST_THRESHOLD = Key.optional("cameras.hostThreshold",
            duration(1, HOUR_NS, true), "cameras.threshold", "max |camera time (UTC) − host clock|; a bare number is ns");
    public static final Key<Long> CAMERA_SETTLE_TIMEOUT = Key.of("cameras.settleTimeout", duration(0, HOUR_NS, false),
            30 * SECOND_NS, "how long a camera may take to reach PTP Slave, and to follow this host's grandmaster");
    public static final Key<Long> CAMERA_PTP_OFFSET_THRESHOLD = Key.of("cameras.ptpOffsetThreshold",
            duration(1, SECOND_NS, true), 1_000L, "max |PtpOffsetFromMaster| the camera's own PTP servo reports; a bare "
                    + "number is ns");

    public static final Key<String> SENSOR_ADDRESS = Key.required("sensors.*.address", ValueType.ipv4("192.168.1.21"),
            "the sensor's IPv4 address; packets from other addresses are counted and ignored");
    public static final Key<Optional<Integer>> SENSOR_LIDAR_PORT = Key.of("sensors.*.lidarPort",
            ValueType.orAuto(integer(0, 65535)), Optional.empty(), "UDP port its lidar packets arrive on: auto (its "
                    + "`udp_port_lidar`), or a port (0: any free port, simulated bench only)");
    public static final Key<Optional<Integer>> SENSOR_IMU_PORT = Key.of("sensors.*.imuPort",
            ValueType.orAuto(integer(0, 65535)), Optional.empty(), "UDP port its IMU packets arrive on: auto (its "
                    + "`udp_port_imu`), or a port (0: any free port, simulated bench only)");
    public static final Key<Optional<LidarProfile>> SENSOR_LIDAR_PROFILE = Key.of("sensors.*.lidarProfile",
            ValueType.orAuto(choice(LidarProfile.class, LidarProfile::name)), Optional.empty(),
            "its `udp_profile_lidar`: auto, LEGACY, RNG19_RFL8_SIG16_NIR16, RNG15_RFL8_NIR8, "
                    + "RNG19_RFL8_SIG16_NIR16_DUAL or RNG15_RFL8_NIR8_DUAL");
    public static final Key<Optional<Integer>> SENSOR_BEAMS = Key.of("sensors.*.beams",
            ValueType.orAuto(ValueType.oneOf(List.of(16, 32, 64, 128))), Optional.empty(),
            "its beams: auto, 16, 32, 64 or 128");
    public static final Key<Optional<String>> SENSOR_MODE = Key.of("sensors.*.mode", ValueType.orAuto(ValueType.text(
            Pattern.compile(String.join("|", LIDAR_MODES)), "a lidar mode " + LIDAR_MODES)), Optional.empty(),
            "its `lidar_mode`: auto, 512x10, 512x20, 1024x10, 1024x20, 2048x10 or 4096x5");
    public static final Key<Optional<ImuProfile>> SENSOR_IMU_PROFILE = Key.of("sensors.*.imuProfile",
            ValueType.orAuto(choice(ImuProfile.class, ImuProfile::name)), Optional.empty(),
            "its `udp_profile_imu`: auto, LEGACY or ACCEL32_GYRO32_NMEA");
    public static final Key<Optional<Integer>> SENSOR_IMU_MEASUREMENTS = Key.of("sensors.*.imuMeasurementsPerPacket",
            ValueType.orAuto(integer(1, 64)), Optional.empty(), "ACCEL32_GYRO32_NMEA: measurements per IMU packet "
                    + "(auto, or a number)");
    public static final Key<Integer> SENSOR_IMU_RATE = Key.of("sensors.*.imuRate", integer(1, 10_000), 100,
            "IMU packets per second");
    public static final Key<Boolean> SENSOR_API = Key.of("sensors.*.api", bool(), true, "ask the sensor over its "
            + "HTTP API (its format, PTP state, configuration); false: a sensor without one, every format key given");
    public static final Key<Integer> SENSOR_API_PORT = Key.of("sensors.*.apiPort", integer(1, 65535), 80,
            "TCP port of the sensor's HTTP API");
    public static final Key<Long> SENSOR_SETTLE_TIMEOUT = Key.of("sensors.*.settleTimeout",
            duration(0, HOUR_NS, false), 30 * SECOND_NS, "how long the sensor's PTP port may take to follow this "
                    + "host's grandmaster (SLAVE)");
    public static final Key<Long> SENSOR_PTP_OFFSET_THRESHOLD = Key.of("sensors.*.ptpOffsetThreshold",
            duration(1, SECOND_NS, true), 1_000L, "max |offset_from_master| the sensor's own PTP servo reports during "
                    + "the capture; a bare number is ns");

    public static final Key<Long> PACKET_MAX_DIFF = Key.of("packetTiming.maxDiff", duration(1, MINUTE_NS, false),
            10 * MS_NS, "a packet may arrive at most this long after its sensor timestamp");
    public static final Key<Long> PACKET_FUTURE_TOLERANCE = Key.of("packetTiming.futureTolerance",
            duration(0, MINUTE_NS, false), MS_NS, "and at most this long before it");
    public static final Key<Long> PACKET_WARM_UP = Key.of("packetTiming.warmUp", duration(0, 10 * MINUTE_NS, false),
            SECOND_NS, "first part of the capture: logged, not judged");
    public static final Key<Long> PACKET_DURATION = Key.of("packetTiming.duration", duration(MS_NS, HOUR_NS, false),
            10 * SECOND_NS, "judged capture time after the warm-up");
    public static final Key<Long> PACKET_ARRIVAL_TIMEOUT = Key.of("packetTiming.arrivalTimeout",
            duration(MS_NS, 10 * MINUTE_NS, false), 5 * SECOND_NS,
            "how long a stream may take to send its first packet");
    public static final Key<Long> PACKET_MAX_SILENCE = Key.optional("packetTiming.maxSilence",
            duration(MS_NS, MINUTE_NS, false), "10 packet periods, at least 20ms",
            "longest silence allowed in a stream's judged window");
    public static final Key<String> PACKET_RECEIVE_TIMESTAMPS = Key.of("packetTiming.receiveTimestamps",
            ValueType.text(Pattern.compile("software|hardware"), "software or hardware"), "software",
            "`software` (kernel, CLOCK_REALTIME) or `hardware` (the NIC's clock, TAI)");
    public static final Key<String> PACKET_BIND_ADDRESS = Key.of("packetTiming.bindAddress",
            ValueType.ipv4("0.0.0.0 or an address of this host"), "0.0.0.0", "IPv4 address the capture binds");
    public static final Key<String> PACKET_BIND_INTERFACE = Key.optional("packetTiming.bindInterface",
            ValueType.text(INTERFACE, "a network interface name such as enp3s0"), "none",
            "also bind to this interface (SO_BINDTODEVICE)");
    public static final Key<Integer> PACKET_RECEIVE_BUFFER = Key.of("packetTiming.receiveBuffer",
            integer(4096, 1 << 30), 64 << 20, "socket receive buffer in bytes");

    public static final List<Key<?>> ALL = List.of(NAME, INTERFACE_NAMES, TIMEOUT, CI_RUNNER, PTP4L_SOCKET, PTP4L_DOMAIN,
            PTP4L_SETTLE_TIMEOUT, PTP4L_REPLY_TIMEOUT, PTP4L_WATCH_INTERVAL, PTP4L_UTC_OFFSET, CAMERA_SERIALS, CAMERA_BACKEND,
            CAMERA_IC4_LIBRARY, CAMERA_SAMPLES, CAMERA_INTERVAL, CAMERA_LATCH_ROUNDS, CAMERA_CALL_TIMEOUT,
            CAMERA_THRESHOLD, CAMERA_COMPARE_TO_HOST, CAMERA_HOST_THRESHOLD, CAMERA_SETTLE_TIMEOUT,
            CAMERA_PTP_OFFSET_THRESHOLD, SENSOR_ADDRESS,
            SENSOR_LIDAR_PORT, SENSOR_IMU_PORT, SENSOR_LIDAR_PROFILE, SENSOR_BEAMS, SENSOR_MODE, SENSOR_IMU_PROFILE,
            SENSOR_IMU_MEASUREMENTS, SENSOR_IMU_RATE, SENSOR_API, SENSOR_API_PORT, SENSOR_SETTLE_TIMEOUT,
            SENSOR_PTP_OFFSET_THRESHOLD, PACKET_MAX_DIFF, PACKET_FUTURE_TOLERANCE, PACKET_WARM_UP,
            PACKET_DURATION, PACKET_ARRIVAL_TIMEOUT, PACKET_MAX_SILENCE, PACKET_RECEIVE_TIMESTAMPS,
            PACKET_BIND_ADDRESS, PACKET_BIND_INTERFACE, PACKET_RECEIVE_BUFFER);

    /** The section whose presence makes a bench simulated; its keys come from the sim package. */
    public static final String SIMULATION_SECTION = "simulation";
}
