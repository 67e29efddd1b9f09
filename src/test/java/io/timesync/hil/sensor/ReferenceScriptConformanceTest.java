package io.timesync.hil.sensor;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.UtcOffset;
import io.timesync.hil.sim.SimulatedOusterSensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * Our capture measures what the reference tool (timestomper.py, run unchanged) measures: one simulated sensor sends
 * every packet to our {@link SensorCapture} and to the script's fixed ports, and for every packet both saw, the
 * receive-minus-sensor diffs must agree.
 */
public class ReferenceScriptConformanceTest {
    private static final LidarPacketFormat LIDAR = new LidarPacketFormat(LidarProfile.LEGACY, 64, 1024);
    private static final ImuPacketFormat IMU = new ImuPacketFormat(ImuProfile.LEGACY, 8);
    private static final String SENSOR = "os-ref";
    private static final long TAI_UTC_OFFSET_NS = TimeUnit.SECONDS.toNanos(37); // the script's TAI_OFFSET
    private static final long WARM_UP_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long SEND_NS = TimeUnit.SECONDS.toNanos(3);
    private static final long RESULTS_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * The two sockets get two copies of a packet, sent one after the other by the simulated sensor (ours first),
     * and the kernel stamps each copy as that send delivers it: typically 5-250 µs apart. The script's float
     * seconds add under 1 µs. 1 ms bounds that with margin and is a tenth of the 10 ms both tools judge against:
     * a disagreement that could change a verdict exceeds it. Only {@link #MIN_AGREEING_SHARE} of the packets must
     * be within it: when the sender thread is preempted between its two sends on this 2-vCPU VM, the reference's
     * copy arrives later still (up to 2.6 ms measured, up to 1 packet in 300).
     */
    private static final long DIFF_AGREEMENT_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final double MIN_AGREEING_SHARE = 0.98;
    /**
     * Our copy is always delivered first, so our diff can only be smaller; it may exceed the reference's by the
     * rounding of the reference's float seconds alone. Ours stamped later (a user-space time, another clock)
     * would break this for every packet.
     */
    private static final long OURS_LATER_TOLERANCE_NS = 2_000;
    /** Sensor timestamps of a packet in the two outputs: the script's float has a 0.24 µs resolution. */
    private static final double MATCH_WINDOW_S = 2e-6;
    private static final double MIN_MATCHED_SHARE = 0.95;

    @TempDir
    Path directory;

    /**
     * @param lidarSent            what the sensor sent in all (our capture ran from before its first packet)
     * @param lidarSentToReference what it sent while the script was bound
     */
    record Run(List<StreamRecord> ours, long lidarSent, long imuSent, long lidarSentToReference,
               long imuSentToReference, String referenceOutput, String referenceErrors) {
    }

    /** One sensor timestamp as both tools print it: seconds of UTC and the receive - sensor diff. */
    record Stamp(double timestampS, long diffNs) {
    }

    /** One packet in one output: the stamps the comparison uses, by name (lidar; imu mono, accel, gyro). */
    record Packet(Map<String, Stamp> stamps) {
        Stamp stamp(String name) {
            return Objects.requireNonNull(stamps.get(name), name);
        }
    }

    /**
     * How the diffs of one stamp compared over the matched packets.
     *
     * @param disagreementsNs our diff - the reference's, per matched packet, sorted
     */
    record Agreement(String stream, int printedByReference, long[] disagreementsNs) {
        int matched() {
            return disagreementsNs.length;
        }

        double matchedShare() {
            return printedByReference == 0 ? 0 : (double) matched() / printedByReference;
        }

        double agreeingShare() {
            return matched() == 0 ? 0
                    : (double) Arrays.stream(disagreementsNs).filter(ns -> Math.abs(ns) <= DIFF_AGREEMENT_NS).count()
                    / matched();
        }

        long maxAbsDisagreementNs() {
            return matched() == 0 ? 0 : Math.max(-disagreementsNs[0], disagreementsNs[matched() - 1]);
        }

        /** The most our diff exceeds the reference's (our copy stamped later). */
        long oursLaterNs() {
            return matched() == 0 ? 0 : disagreementsNs[matched() - 1];
        }

        /** Nearest-rank percentile of |disagreement|. */
        long absPercentileNs(int percent) {
            long[] abs = Arrays.stream(disagreementsNs).map(Math::abs).sorted().toArray();
            return abs.length == 0 ? 0 : abs[Math.max((int) Math.ceil(percent / 100.0 * abs.length), 1) - 1];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d printed by the reference, %d matched (%.1f %%), |our diff - "
                            + "reference diff| median %.1f µs, p99 %.1f µs, max %.1f µs, %.2f %% within %d µs, "
                            + "ours later by at most %+.1f µs", stream, printedByReference, matched(),
                    100 * matchedShare(), absPercentileNs(50) / 1e3, absPercentileNs(99) / 1e3,
                    maxAbsDisagreementNs() / 1e3, 100 * agreeingShare(),
                    TimeUnit.NANOSECONDS.toMicros(DIFF_AGREEMENT_NS), oursLaterNs() / 1e3);
        }
    }

    @Test
    void theReferenceScriptMeasuresTheSameDiffsAsOurCapture() throws IOException, InterruptedException {
        String python = ReferenceScript.requirePython();
        ReferenceScript.requireFreePorts();
        SensorSettings sensor = new SensorSettings(SENSOR, "127.0.0.1", 0, 0, LIDAR, 10, IMU, 100);
        CaptureSettings settings = new CaptureSettings("127.0.0.1", Optional.empty(), 64 << 20, false,
                TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(10), 0, TimeUnit.SECONDS.toNanos(60),
                TimeUnit.SECONDS.toNanos(10), OptionalLong.empty());
        Run run = run(python, sensor, settings);
        List<StreamRecord> ours = run.ours();
        long lidarSent = run.lidarSent();
        long imuSent = run.imuSent();

        assertThat(ours).as("our capture saw every packet sent").allSatisfy(result -> {
            assertThat(result.datagrams()).as(result.stream().toString()).isEqualTo(
                    result.stream().kind() == StreamKind.LIDAR ? lidarSent : imuSent);
            assertThat(result.kernelDrops()).as(result.stream() + " kernel drops").isZero();
            assertThat(result.withoutTimestamp()).as(result.stream() + " without timestamp").isZero();
        });
        List<Packet> ourLidar = ourPackets(directory.resolve(SENSOR + "-lidar.jsonl"), "lidar");
        List<Packet> ourImu = ourPackets(directory.resolve(SENSOR + "-imu.jsonl"), "imu");
        List<Packet> referenceLidar = referencePackets(run.referenceOutput(), "lidar");
        List<Packet> referenceImu = referencePackets(run.referenceOutput(), "imu");
        String context = "reference stderr: " + run.referenceErrors();
        // the script's UDPServer takes each socket's first datagram itself (recvfrom, unprinted)
        assertThat(referenceLidar).as("lidar packets the reference printed of %d sent while it ran; %s",
                        run.lidarSentToReference(), context)
                .hasSizeGreaterThanOrEqualTo((int) (run.lidarSentToReference() / 2));
        assertThat(referenceImu).as("IMU packets the reference printed of %d sent while it ran; %s",
                        run.imuSentToReference(), context)
                .hasSizeGreaterThanOrEqualTo((int) (run.imuSentToReference() / 2));

        List<Agreement> agreements = List.of(
                agreement("lidar", ourLidar, referenceLidar, "sensor_lidar", "sensor_lidar"),
                agreement("imu accel", ourImu, referenceImu, "sensor_accel", "sensor_accel"),
                agreement("imu gyro", ourImu, referenceImu, "sensor_accel", "sensor_gyro"));
        System.out.printf("reference script vs our capture, %d lidar + %d IMU packets sent in the script's %d s "
                        + "(tolerance ±%d µs for %.0f %%):%n", run.lidarSentToReference(), run.imuSentToReference(),
                TimeUnit.NANOSECONDS.toSeconds(SEND_NS), TimeUnit.NANOSECONDS.toMicros(DIFF_AGREEMENT_NS),
                100 * MIN_AGREEING_SHARE);
        agreements.forEach(agreement -> System.out.println("  " + agreement));
        System.out.printf("  max |diff disagreement|: %.1f µs%n",
                agreements.stream().mapToLong(Agreement::maxAbsDisagreementNs).max().orElseThrow() / 1e3);

        assertThat(agreements).allSatisfy(agreement -> {
            assertThat(agreement.matchedShare()).as("share of %s packets the reference printed that our capture "
                    + "logged with the same sensor timestamp: %s", agreement.stream(), agreement)
                    .isGreaterThanOrEqualTo(MIN_MATCHED_SHARE);
            assertThat(agreement.agreeingShare()).as("share of matched %s packets whose diffs agree within %d µs: %s",
                    agreement.stream(), TimeUnit.NANOSECONDS.toMicros(DIFF_AGREEMENT_NS), agreement)
                    .isGreaterThanOrEqualTo(MIN_AGREEING_SHARE);
            assertThat(agreement.oursLaterNs()).as("the most our diff exceeds the reference's (our copy is delivered "
                    + "first): %s", agreement).isLessThanOrEqualTo(OURS_LATER_TOLERANCE_NS);
        });
        assertMonotonicClockReadAlike(ourImu, referenceImu);
    }

    /**
     * One sensor sending to both; the script is started once the sensor has run {@link #WARM_UP_NS}, as it would
     * be started on a running sensor. On a cold JVM the first packets leave several ms late (the send path is not
     * compiled yet), and the script exits at its first diff over 10 ms.
     */
    private Run run(String python, SensorSettings sensor, CaptureSettings settings) throws InterruptedException {
        try (SensorCapture capture = SensorCapture.start(sensor, settings,
                new UtcOffset(TAI_UTC_OFFSET_NS, "the reference script's TAI_OFFSET"), directory, HostClock.SYSTEM)) {
            SimulatedOusterSensor simulated = SimulatedOusterSensor.start(
                    new SimulatedOusterSensor.Settings(LIDAR, 10, IMU, 100, List.of()),
                    List.of(local(capture.lidarPort()), local(ReferenceScript.LIDAR_PORT)),
                    List.of(local(capture.imuPort()), local(ReferenceScript.IMU_PORT)), HostClock.SYSTEM);
            try (ReferenceScript reference = startAfterWarmUp(python)) {
                long lidarBefore = simulated.lidarPacketsSent();
                long imuBefore = simulated.imuPacketsSent();
                TimeUnit.NANOSECONDS.sleep(SEND_NS);
                simulated.close();
                reference.awaitQuiet();
                String referenceOutput = reference.stopAndRead();
                return new Run(capture.records(RESULTS_TIMEOUT_NS), simulated.lidarPacketsSent(),
                        simulated.imuPacketsSent(), simulated.lidarPacketsSent() - lidarBefore,
                        simulated.imuPacketsSent() - imuBefore, referenceOutput, reference.errors());
            } finally {
                simulated.close();
            }
        }
    }

    private ReferenceScript startAfterWarmUp(String python) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(WARM_UP_NS);
        ReferenceScript reference = ReferenceScript.start(python, directory);
        try {
            reference.awaitBound();
            return reference;
        } catch (AssertionError | RuntimeException e) {
            reference.close();
            throw e;
        }
    }

    /** The reference reads sys_ts too (and subtracts its TAI offset from it, as from the others). */
    private static void assertMonotonicClockReadAlike(List<Packet> ours, List<Packet> reference) {
        NavigableMap<Double, Packet> byAccel = byTimestamp(ours, "sensor_accel");
        for (Packet packet : reference) {
            Packet match = nearest(byAccel, packet.stamp("sensor_accel").timestampS());
            if (match != null) {
                assertThat(packet.stamp("sensor_mono").timestampS() + TAI_UTC_OFFSET_NS / 1e9)
                        .as("sys_ts of the IMU packet stamped %s", match.stamp("sensor_accel").timestampS())
                        .isCloseTo(match.stamp("sensor_mono").timestampS(), within(1e-6));
            }
        }
    }

    /** Matches the reference's packets to ours by {@code keyStamp}'s sensor timestamp; compares {@code stamp}. */
    private static Agreement agreement(String stream, List<Packet> ours, List<Packet> reference, String keyStamp,
                                       String stamp) {
        NavigableMap<Double, Packet> byTimestamp = byTimestamp(ours, keyStamp);
        List<Long> disagreementsNs = new ArrayList<>();
        for (Packet packet : reference) {
            Packet match = nearest(byTimestamp, packet.stamp(keyStamp).timestampS());
            if (match != null) {
                disagreementsNs.add(match.stamp(stamp).diffNs() - packet.stamp(stamp).diffNs());
            }
        }
        return new Agreement(stream, reference.size(),
                disagreementsNs.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    private static NavigableMap<Double, Packet> byTimestamp(List<Packet> packets, String stamp) {
        NavigableMap<Double, Packet> map = new TreeMap<>();
        packets.stream().filter(packet -> packet.stamps().containsKey(stamp)) // a lidar packet with no valid column
                .forEach(packet -> map.put(packet.stamp(stamp).timestampS(), packet));
        return map;
    }

    private static Packet nearest(NavigableMap<Double, Packet> packets, double timestampS) {
        return Stream.of(packets.floorEntry(timestampS), packets.ceilingEntry(timestampS))
                .filter(Objects::nonNull).filter(entry -> Math.abs(entry.getKey() - timestampS) <= MATCH_WINDOW_S)
                .findFirst().map(Map.Entry::getValue).orElse(null);
    }

    /** Our packet log: {"lidar": {"sensor_lidar": {"timestamp": s, "diff": s, "diff_ns": ns}, ...}}. */
    private static List<Packet> ourPackets(Path log, String kind) throws IOException {
        return parse(Files.readAllLines(log), kind, stamp -> number(stamp.get("diff_ns")).longValue());
    }

    /** The script's records: {"lidar": {"local_rx": s, "sensor_lidar": {"timestamp": s, "diff": s}}}. */
    private static List<Packet> referencePackets(String output, String kind) {
        return parse(ReferenceScript.records(output), kind,
                stamp -> Math.round(number(stamp.get("diff")).doubleValue() * 1e9));
    }

    private static List<Packet> parse(List<String> lines, String kind, ToLongFunction<Map<String, Object>> diffNs) {
        Yaml yaml = new Yaml(); // JSON is YAML
        List<Packet> packets = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("{\"" + kind + "\"")) {
                continue;
            }
            Map<String, Map<String, Object>> record = yaml.load(line);
            Map<String, Stamp> stamps = new TreeMap<>();
            record.get(kind).forEach((name, value) -> {
                if (name.startsWith("sensor_") && value instanceof Map<?, ?> map && map.get("timestamp") != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> stamp = (Map<String, Object>) map;
                    stamps.put(name, new Stamp(number(stamp.get("timestamp")).doubleValue(),
                            stamp.containsKey("diff") ? diffNs.applyAsLong(stamp) : 0));
                }
            });
            packets.add(new Packet(stamps));
        }
        return packets;
    }

    /** Python's json writes 1e-05 without a dot, which YAML 1.1 reads as a string. */
    private static Number number(Object value) {
        return value instanceof Number number ? number : Double.valueOf(String.valueOf(value));
    }

    private static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * The reference tool, {@code src/test/resources/reference/timestomper.py} (a verbatim copy), run as a
     * subprocess with its fixed ports and its stdout in a file. Also used by the capture throughput benchmark.
     */
    public static final class ReferenceScript implements AutoCloseable {
        public static final int LIDAR_PORT = 7502;
        public static final int IMU_PORT = 7503;
        static final String PYTHON_VARIABLE = "HIL_REFERENCE_PYTHON";
        private static final long BIND_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
        private static final long QUIET_NS = TimeUnit.MILLISECONDS.toNanos(300);
        private static final long QUIET_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
        private static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
        private static final long POLL_MS = 20;

        private final Process process;
        private final Path output;
        private final Path errors;

        private ReferenceScript(Process process, Path output, Path errors) {
            this.process = process;
            this.output = output;
            this.errors = errors;
        }

        /**
         * {@value #PYTHON_VARIABLE} (a path, or a command looked up on the PATH), else python3 on the PATH; or: on
         * CI (where {@code .ci/run} sets it) a failure, elsewhere a skip whose reason also goes to stdout.
         */
        public static String requirePython() {
            String configured = System.getenv(PYTHON_VARIABLE);
            if (configured != null && !configured.isBlank()) {
                Optional<Path> python = configured.contains("/") ? Optional.of(Path.of(configured))
                        .filter(Files::isExecutable) : onPath(configured);
                if (python.isEmpty()) {
                    fail(PYTHON_VARIABLE + "=" + configured + " is not an executable (nor a command on the PATH)");
                }
                return python.orElseThrow().toString();
            }
            Optional<Path> python3 = onPath("python3");
            if (python3.isEmpty()) {
                skipOrFail("no python3 to run the reference script: `apt-get install -y python3`, or export "
                        + PYTHON_VARIABLE + "=<a python3>");
            }
            return python3.orElseThrow().toString();
        }

        /** Skips (fails on CI) when another socket holds the script's fixed ports: it could not bind them. */
        public static void requireFreePorts() {
            for (int port : List.of(LIDAR_PORT, IMU_PORT)) {
                if (!socketsBoundTo(port).isEmpty()) {
                    skipOrFail("UDP port " + port + " is in use (a sensor driver, another run of this test? `ss -lunp "
                            + "'sport = :" + port + "'`): the reference script binds 7502 and 7503 and cannot be told "
                            + "otherwise");
                }
            }
        }

        /** Starts it; its stdout goes to {@code directory}/timestomper.out. */
        public static ReferenceScript start(String python, Path directory) {
            Path output = directory.resolve("timestomper.out");
            Path errors = directory.resolve("timestomper.err");
            ProcessBuilder builder = new ProcessBuilder(python, script().toString()).redirectOutput(output.toFile())
                    .redirectError(errors.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("PYTHONUNBUFFERED", "1"); // as its header says: a line per packet, at once
            try {
                return new ReferenceScript(builder.start(), output, errors);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + python + " " + script(), e);
            }
        }

        /** Waits (bounded) until the script's own sockets are bound to both ports. */
        public void awaitBound() throws InterruptedException {
            long deadlineNanoTime = System.nanoTime() + BIND_TIMEOUT_NS;
            while (!boundToBothPorts()) {
                if (!process.isAlive()) {
                    fail("the reference script exited with " + process.exitValue() + " before binding UDP "
                            + LIDAR_PORT + " and " + IMU_PORT + "; stderr: " + errors());
                }
                if (System.nanoTime() > deadlineNanoTime) {
                    fail("the reference script did not bind UDP " + LIDAR_PORT + " and " + IMU_PORT + " within "
                            + TimeUnit.NANOSECONDS.toSeconds(BIND_TIMEOUT_NS) + " s; stderr: " + errors());
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            }
        }

        /** Waits (bounded) until its output has stopped growing: it has printed what its sockets held. */
        public void awaitQuiet() throws InterruptedException {
            long deadlineNanoTime = System.nanoTime() + QUIET_TIMEOUT_NS;
            long size = -1;
            long unchangedSinceNanoTime = System.nanoTime();
            while (System.nanoTime() < deadlineNanoTime && System.nanoTime() - unchangedSinceNanoTime < QUIET_NS) {
                long now = output.toFile().length();
                if (now != size) {
                    size = now;
                    unchangedSinceNanoTime = System.nanoTime();
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            }
        }

        /** Stops it (bounded) and returns everything it printed. */
        public String stopAndRead() {
            close();
            try {
                return Files.readString(output);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the reference script's output " + output, e);
            }
        }

        /**
         * The JSON objects in its output. Not its lines: its two handler threads print concurrently, and print()
         * writes the object and the newline separately, so two records can share a line.
         */
        public static List<String> records(String output) {
            List<String> records = new ArrayList<>();
            int depth = 0;
            int start = -1;
            for (int i = 0; i < output.length(); i++) {
                char c = output.charAt(i); // its JSON has no braces inside strings
                if (c == '{' && depth++ == 0) {
                    start = i;
                } else if (c == '}' && depth > 0 && --depth == 0) {
                    records.add(output.substring(start, i + 1));
                }
            }
            return records;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public String errors() {
            try {
                String text = Files.readString(errors);
                return text.isBlank() ? "(none)" : text.strip();
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT_NS, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(STOP_TIMEOUT_NS, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private boolean boundToBothPorts() {
            Set<String> own = socketInodes(process.pid());
            return socketsBoundTo(LIDAR_PORT).stream().anyMatch(own::contains)
                    && socketsBoundTo(IMU_PORT).stream().anyMatch(own::contains);
        }

        private static Optional<Path> onPath(String command) {
            return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .filter(entry -> !entry.isEmpty()).map(entry -> Path.of(entry, command))
                    .filter(Files::isExecutable).findFirst();
        }

        private static Path script() {
            try {
                return Path.of(Objects.requireNonNull(ReferenceScript.class.getResource("/reference/timestomper.py"),
                        "reference/timestomper.py is not on the test classpath").toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Inodes of the UDP sockets (IPv4 and IPv6) bound to {@code port} on any address. */
        private static List<String> socketsBoundTo(int port) {
            String portHex = String.format(Locale.ROOT, ":%04X", port);
            List<String> inodes = new ArrayList<>();
            for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
                try (Stream<String> lines = Files.lines(Path.of(table))) {
                    lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                            .filter(columns -> columns.length > 9 && columns[1].endsWith(portHex))
                            .forEach(columns -> inodes.add(columns[9]));
                } catch (IOException e) {
                    // no IPv6: nothing bound there
                }
            }
            return inodes;
        }

        private static Set<String> socketInodes(long pid) {
            Set<String> inodes = new HashSet<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                fds.forEach(fd -> {
                    try {
                        String link = Files.readSymbolicLink(fd).toString(); // socket:[inode]
                        if (link.startsWith("socket:[")) {
                            inodes.add(link.substring(8, link.length() - 1));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                });
            } catch (IOException e) {
                // the process has exited: the caller sees it
            }
            return inodes;
        }

        private static void skipOrFail(String reason) {
            if ("true".equals(System.getenv("CI"))) {
                fail(reason + " (CI=true: .ci/run must provide it)");
            }
            System.out.println("skipped: " + reason);
            Assumptions.abort(reason);
        }
    }
}
