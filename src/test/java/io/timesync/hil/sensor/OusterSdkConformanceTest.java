package io.timesync.hil.sensor;

import io.timesync.hil.sensor.api.VendorPython;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.sim.OusterPacketWriter;
import io.timesync.hil.sim.SimulatedOusterSensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Our Ouster decoders read what the vendor's ouster-sdk reads: packets a simulated sensor sent over loopback
 * (captured raw by {@link UdpCapture}), plus a few written directly with the corner cases the simulator never
 * sends (invalid columns and measurements, the largest frame id, distinct accel/gyro times, an NMEA time), are
 * decoded by {@link LidarPacketFormat} / {@link ImuPacketFormat} and by the SDK
 * ({@code src/test/python/ouster_decode.py}, run with {@value VendorPython#PYTHON_VARIABLE}, which {@code .ci/run} sets to a
 * venv with {@code pip install ouster-sdk}), and every field the timing check uses must agree.
 */
class OusterSdkConformanceTest {
    private static final Path DECODER = Path.of(System.getProperty("basedir", "."), "src", "test", "python",
            "ouster_decode.py");
    /** 512x10 has 32 packets per frame: 40 packets cross from frame 0 to frame 1. */
    private static final int COLUMNS_PER_FRAME = 512;
    private static final int FRAMES_PER_SECOND = 10;
    private static final int LIDAR_PACKETS = 40;
    /** The simulator advances the ACCEL32_GYRO32_NMEA frame id every 10 packets: 15 cross into frame 1. */
    private static final int IMU_PACKETS = 15;
    private static final int IMU_PACKETS_PER_SECOND = 100;
    private static final int MEASUREMENTS_PER_PACKET = 8;
    private static final int INIT_ID = 0xABCDEF;
    private static final long SERIAL_NUMBER = 992_211_000_456L;
    private static final long TAI_NS = 1_795_000_037_000_000_000L;
    private static final long CAPTURE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long DECODE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long KILL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    @TempDir
    Path directory;

    /** One packet as it went to the vendor; {@code origin} names it in failure messages. */
    record Sample(String origin, byte[] bytes) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** What ouster_decode.py printed. */
    record Vendor(String sdkVersion, int lidarPacketBytes, int imuPacketBytes, List<Map<String, Object>> packets) {
    }

    static Stream<Arguments> lidarFormats() {
        return Arrays.stream(LidarProfile.values())
                .flatMap(profile -> IntStream.of(16, 32, 64, 128).mapToObj(beams -> Arguments.of(profile, beams)));
    }

    @ParameterizedTest(name = "{0} {1} beams")
    @MethodSource("lidarFormats")
    void theVendorReadsEveryLidarPacketAsWeDo(LidarProfile profile, int beams) {
        String python = VendorPython.python();
        LidarPacketFormat lidar = new LidarPacketFormat(profile, beams, COLUMNS_PER_FRAME);
        ImuPacketFormat imu = new ImuPacketFormat(ImuProfile.LEGACY, MEASUREMENTS_PER_PACKET);
        List<Sample> samples = new ArrayList<>(captured(lidar, imu, true, LIDAR_PACKETS));
        List<long[]> writtenColumns = cornerCaseColumns();
        OusterPacketWriter writer = new OusterPacketWriter(lidar, imu, INIT_ID, SERIAL_NUMBER);
        samples.add(written("written, frame 65535, columns 0-2 and 14-15 invalid",
                writer.lidarPacket(0xFFFF, COLUMNS_PER_FRAME - 16, writtenColumns.get(0))));
        samples.add(written("written, no valid column", writer.lidarPacket(7, 16, writtenColumns.get(1))));

        Vendor vendor = vendorDecode(python, lidar, imu, "lidar", samples);

        assertThat(vendor.lidarPacketBytes()).as("the SDK's %s %d-beam packet size", profile, beams)
                .isEqualTo(lidar.packetBytes());
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            LidarPacket ours = lidar.decode(sample.buffer(), sample.bytes().length);
            assertLidarAgrees(sample, ours, vendor.packets().get(i), profile);
        }
        assertWritten(vendor.packets().get(LIDAR_PACKETS), writtenColumns.get(0), profile);
        assertWritten(vendor.packets().get(LIDAR_PACKETS + 1), writtenColumns.get(1), profile);
        assertThat(samples.stream().limit(LIDAR_PACKETS).map(s -> lidar.decode(s.buffer(), s.bytes().length).frameId())
                .distinct()).as("the captured packets cross a frame boundary").containsExactly(0, 1);
        System.out.printf("ouster-sdk %s reads all %d %s %d-beam lidar packets as we do%n", vendor.sdkVersion(),
                samples.size(), profile, beams);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ImuProfile.class)
    void theVendorReadsEveryImuPacketAsWeDo(ImuProfile profile) {
        String python = VendorPython.python();
        LidarPacketFormat lidar = new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, COLUMNS_PER_FRAME);
        ImuPacketFormat imu = new ImuPacketFormat(profile, MEASUREMENTS_PER_PACKET);
        List<Sample> samples = new ArrayList<>(captured(lidar, imu, false, IMU_PACKETS));
        OusterPacketWriter writer = new OusterPacketWriter(lidar, imu, INIT_ID, SERIAL_NUMBER);
        if (profile == ImuProfile.LEGACY) {
            samples.add(written("written, sys/accel/gyro distinct",
                    writer.legacyImuPacket(120_000_000_123L, TAI_NS + 1_000, TAI_NS + 2_500)));
        } else {
            long[] timestamps = new long[MEASUREMENTS_PER_PACKET];
            Arrays.setAll(timestamps, i -> i == 0 || i == 5 ? 0 : TAI_NS + i * 1_250_000L);
            samples.add(written("written, frame 65534, measurements 0 and 5 invalid, NMEA time",
                    writer.measurementImuPacket(0xFFFE, TAI_NS - 777, timestamps)));
        }

        Vendor vendor = vendorDecode(python, lidar, imu, "imu", samples);

        assertThat(vendor.imuPacketBytes()).as("the SDK's %s packet size", profile).isEqualTo(imu.packetBytes());
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            ImuPacket ours = imu.decode(sample.buffer(), sample.bytes().length);
            Map<String, Object> theirs = vendor.packets().get(i);
            assertThat(theirs.get("validation")).as("%s: the SDK's validation (%s)", sample.origin(), theirs)
                    .isEqualTo("NONE");
            assertThat(ours).as("%s: ours, against the SDK's %s", sample.origin(), theirs).isEqualTo(asImu(theirs));
        }
        if (profile == ImuProfile.ACCEL32_GYRO32_NMEA) {
            assertThat(samples.stream().limit(IMU_PACKETS)
                    .map(s -> ((ImuPacket.Measurements) imu.decode(s.buffer(), s.bytes().length)).frameId()).distinct())
                    .as("the captured packets cross a frame id").containsExactly(0, 1);
        }
        System.out.printf("ouster-sdk %s reads all %d %s IMU packets as we do%n", vendor.sdkVersion(), samples.size(),
                profile);
    }

    /** Our fields from the SDK's per-column lists, after checking those lists hang together. */
    private static void assertLidarAgrees(Sample sample, LidarPacket ours, Map<String, Object> theirs,
                                          LidarProfile profile) {
        String what = sample.origin();
        assertThat(theirs.get("validation")).as("%s: the SDK's validation (%s)", what, theirs).isEqualTo("NONE");
        List<Long> timestamps = longs(theirs, "timestamps");
        List<Long> measurementIds = longs(theirs, "measurement_ids");
        List<Boolean> valid = list(theirs, "valid");
        List<Long> validTimestamps = IntStream.range(0, valid.size()).filter(valid::get).mapToObj(timestamps::get)
                .toList();
        long frameId = number(theirs.get("frame_id"));
        LidarPacket vendorView = new LidarPacket((int) frameId,
                profile.legacy() ? -1 : (int) number(theirs.get("init_id")), measurementIds.get(0).intValue(),
                validTimestamps.size(), validTimestamps.isEmpty() ? 0 : validTimestamps.get(0));

        assertThat(ours).as("%s: ours, against the SDK's %s", what, theirs).isEqualTo(vendorView);
        assertThat(timestamps).as("%s: the SDK's column timestamps", what).hasSize(16);
        assertThat(measurementIds).as("%s: the SDK's measurement ids, from our first", what)
                .isEqualTo(consecutive(ours.firstMeasurementId(), 16));
        assertThat(validTimestamps).as("%s: the SDK's valid column timestamps, from our first to our last", what)
                .isSorted().doesNotHaveDuplicates();
        if (profile.legacy()) {
            assertThat(longs(theirs, "frame_ids")).as("%s: the SDK's per-column frame ids", what)
                    .containsOnly((long) ours.frameId());
        } else {
            assertThat(theirs.get("packet_type")).as("%s: the SDK's packet type (1: lidar)", what).isEqualTo(1);
        }
    }

    /** Every column of a written packet, valid or not, and its init id, as the SDK read them. */
    private static void assertWritten(Map<String, Object> theirs, long[] written, LidarProfile profile) {
        if (!profile.legacy()) {
            assertThat(theirs.get("init_id")).as("the SDK's init id of a written packet").isEqualTo(INIT_ID);
        }
        assertThat(longs(theirs, "timestamps")).as("the SDK's timestamps of a written packet")
                .containsExactly(Arrays.stream(written).boxed().toArray(Long[]::new));
        assertThat(list(theirs, "valid")).as("the SDK's validity of a written packet")
                .containsExactly(Arrays.stream(written).mapToObj(t -> t != 0).toArray(Boolean[]::new));
    }

    private static List<Long> consecutive(long first, int count) {
        return IntStream.range(0, count).mapToObj(i -> first + i).toList();
    }

    private static ImuPacket asImu(Map<String, Object> theirs) {
        if (theirs.containsKey("sys_ts")) {
            return new ImuPacket.Legacy(number(theirs.get("sys_ts")), number(theirs.get("accel_ts")),
                    number(theirs.get("gyro_ts")));
        }
        List<Long> timestamps = longs(theirs, "timestamps");
        List<Boolean> valid = list(theirs, "valid");
        List<Long> validTimestamps = IntStream.range(0, valid.size()).filter(valid::get).mapToObj(timestamps::get)
                .toList();
        return new ImuPacket.Measurements((int) number(theirs.get("frame_id")), validTimestamps,
                valid.size() - validTimestamps.size());
    }

    /** Columns 0-2 and 14-15 invalid (outside the azimuth window); then a packet with none valid. */
    private static List<long[]> cornerCaseColumns() {
        long[] window = new long[LidarPacketFormat.COLUMNS_PER_PACKET];
        for (int column = 3; column < 14; column++) {
            window[column] = TAI_NS + column * 195_312L;
        }
        return List.of(window, new long[LidarPacketFormat.COLUMNS_PER_PACKET]);
    }

    private static Sample written(String origin, ByteBuffer packet) {
        byte[] bytes = new byte[packet.limit()];
        packet.get(0, bytes);
        return new Sample(origin, bytes);
    }

    /** The first {@code count} packets a simulated sensor sent on one stream, byte for byte. */
    private static List<Sample> captured(LidarPacketFormat lidar, ImuPacketFormat imu, boolean lidarStream,
                                         int count) {
        SimulatedOusterSensor.Settings settings = new SimulatedOusterSensor.Settings(lidar, FRAMES_PER_SECOND, imu,
                IMU_PACKETS_PER_SECOND, List.of());
        List<Sample> samples = new ArrayList<>();
        try (UdpCapture socket = UdpCapture.open(new UdpCapture.Options("127.0.0.1", 0, Optional.empty(), 8 << 20,
                false, 32))) {
            List<InetSocketAddress> target = List.of(new InetSocketAddress("127.0.0.1", socket.port()));
            try (SimulatedOusterSensor sensor = SimulatedOusterSensor.start(settings, lidarStream ? target : List.of(),
                    lidarStream ? List.of() : target, HostClock.SYSTEM)) {
                long deadlineNanoTime = System.nanoTime() + CAPTURE_TIMEOUT_NS;
                while (samples.size() < count && System.nanoTime() < deadlineNanoTime) {
                    socket.receive(POLL_NS, datagram -> {
                        if (samples.size() < count) {
                            samples.add(copy(datagram, (lidarStream ? "lidar" : "IMU") + " packet " + samples.size()
                                    + " sent by the simulated sensor"));
                        }
                    });
                }
            }
        }
        assertThat(samples).as("packets captured from the simulated sensor within %d s",
                TimeUnit.NANOSECONDS.toSeconds(CAPTURE_TIMEOUT_NS)).hasSize(count);
        return samples;
    }

    private static Sample copy(UdpCapture.Datagram datagram, String origin) {
        assertThat(datagram.truncated()).as("%s truncated", origin).isFalse();
        byte[] bytes = new byte[datagram.length()];
        datagram.bytes().get(0, bytes);
        return new Sample(origin, bytes);
    }

    private Vendor vendorDecode(String python, LidarPacketFormat lidar, ImuPacketFormat imu, String kind,
                                List<Sample> samples) {
        Path request = directory.resolve("request.json");
        Path output = directory.resolve("vendor.json");
        Path errors = directory.resolve("vendor.stderr");
        try {
            Files.writeString(request, request(lidar, imu, kind, samples));
            Process process = new ProcessBuilder(python, DECODER.toString()).redirectInput(request.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(DECODE_TIMEOUT_NS, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILL_TIMEOUT_NS, TimeUnit.NANOSECONDS);
                fail(DECODER + " did not finish within " + TimeUnit.NANOSECONDS.toSeconds(DECODE_TIMEOUT_NS)
                        + " s; stderr: " + Files.readString(errors));
            }
            if (process.exitValue() != 0) {
                fail(python + " " + DECODER + " exited with " + process.exitValue() + " (is ouster-sdk installed in "
                        + "that Python?); stderr: " + Files.readString(errors));
            }
            Map<String, Object> decoded = new Yaml().load(Files.readString(output)); // JSON is YAML
            List<Map<String, Object>> packets = list(decoded, "packets");
            assertThat(packets).as("packets the SDK decoded").hasSize(samples.size());
            for (int i = 0; i < packets.size(); i++) {
                assertThat(packets.get(i)).as("%s, as the SDK decoded it", samples.get(i).origin())
                        .doesNotContainKey("error").containsEntry("kind", kind);
            }
            return new Vendor((String) decoded.get("sdk_version"), (int) number(decoded.get("lidar_packet_bytes")),
                    (int) number(decoded.get("imu_packet_bytes")), packets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + python + " " + DECODER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SDK decoded", e);
        }
    }

    private static String request(LidarPacketFormat lidar, ImuPacketFormat imu, String kind, List<Sample> samples) {
        StringBuilder json = new StringBuilder();
        json.append("{\"lidar\": {\"profile\": \"").append(lidar.profile()).append("\", \"beams\": ")
                .append(lidar.beams()).append(", \"columns_per_frame\": ").append(lidar.columnsPerFrame())
                .append(", \"fps\": ").append(FRAMES_PER_SECOND).append("}, \"imu\": {\"profile\": \"")
                .append(imu.profile()).append("\", \"measurements_per_packet\": ").append(imu.measurementsPerPacket())
                .append("}, \"packets\": [");
        for (int i = 0; i < samples.size(); i++) {
            json.append(i == 0 ? "" : ", ").append("{\"kind\": \"").append(kind).append("\", \"hex\": \"")
                    .append(HexFormat.of().formatHex(samples.get(i).bytes())).append("\"}");
        }
        return json.append("]}\n").toString();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static List<Long> longs(Map<String, Object> map, String key) {
        List<Object> values = list(map, key);
        return values.stream().map(OusterSdkConformanceTest::number).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Map<String, Object> map, String key) {
        assertThat(map).as("the SDK's output").containsKey(key);
        return (List<T>) map.get(key);
    }
}
