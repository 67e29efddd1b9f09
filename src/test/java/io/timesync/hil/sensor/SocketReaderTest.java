package io.timesync.hil.sensor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timesync.hil.sim.OusterPacketWriter;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.UtcOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a capture records of each packet, read back from the stream records: every field where it belongs. */
class SocketReaderTest {
    private static final long TAI_NS = 37_000_000_000L;
    private static final ImuPacketFormat LEGACY_IMU = new ImuPacketFormat(ImuProfile.LEGACY, 8);
    private static final LidarPacketFormat LIDAR = new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 16, 512);
    private static final SensorSettings OS_1 = new SensorSettings("os-1", "127.0.0.1", 0, 0, LIDAR, 10, LEGACY_IMU, 100);

    /** Decimals read as written: a double would round the nanoseconds away. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path directory;

    @Test
    void recordsTheAccelerometerAndTheGyroscopeEachWithItsOwnTimestampAndTheMonotonicClockForLoss()
            throws IOException {
        OusterPacketWriter writer = new OusterPacketWriter(LIDAR, LEGACY_IMU, 1, 2);
        try (SensorCapture capture = start(OS_1);
             DatagramChannel sender = sender("127.0.0.1")) {
            long nowTaiNs = HostClock.SYSTEM.nowNs() + TAI_NS;
            for (int i = 0; i < 3; i++) {
                ByteBuffer packet = writer.legacyImuPacket(5_000_000_000L + i * 10_000_000L, nowTaiNs - 1_000_000 + i,
                        nowTaiNs - 7_000_000 + i);
                sender.send(packet, new InetSocketAddress("127.0.0.1", capture.imuPort()));
            }

            List<StreamRecord> records = capture.records(TimeUnit.SECONDS.toNanos(5));
            StreamRecord accel = records.stream().filter(r -> r.stream().kind() == StreamKind.IMU_ACCEL).findFirst()
                    .orElseThrow();
            StreamRecord gyro = records.stream().filter(r -> r.stream().kind() == StreamKind.IMU_GYRO).findFirst()
                    .orElseThrow();

            assertThat(accel.sensorNs()).containsExactly(nowTaiNs - 1_000_000, nowTaiNs - 999_999, nowTaiNs - 999_998);
            assertThat(gyro.sensorNs()).containsExactly(nowTaiNs - 7_000_000, nowTaiNs - 6_999_999, nowTaiNs - 6_999_998);
            assertThat(accel.continuity()).containsExactly(5_000_000_000L, 5_010_000_000L, 5_020_000_000L);
            assertThat(accel.continuityKind()).isEqualTo(StreamRecord.Continuity.MONOTONIC_CLOCK);
            assertThat(accel.receiveNs()).hasSize(3).isEqualTo(gyro.receiveNs()).isEqualTo(accel.arrivalNs());
            assertThat(accel.utcOffsetNs()).isEqualTo(TAI_NS);
            assertThat(accel.stream()).isEqualTo(new StreamId("os-1", StreamKind.IMU_ACCEL));
        }
    }

    @Test
    void recordsEachLidarPacketsFirstValidColumnAndItsPlaceInTheFrame() throws IOException {
        OusterPacketWriter writer = new OusterPacketWriter(LIDAR, LEGACY_IMU, 0x2A, 2);
        try (SensorCapture capture = start(OS_1);
             DatagramChannel sender = sender("127.0.0.1")) {
            long[] columns = new long[LidarPacketFormat.COLUMNS_PER_PACKET];
            for (int column = 3; column < columns.length; column++) {
                columns[column] = 1_795_000_037_000_000_000L + column;
            }
            sender.send(writer.lidarPacket(7, 3 * 16, columns), new InetSocketAddress("127.0.0.1", capture.lidarPort()));
            sender.send(writer.lidarPacket(7, 4 * 16, new long[16]), new InetSocketAddress("127.0.0.1",
                    capture.lidarPort()));

            StreamRecord lidar = capture.records(TimeUnit.SECONDS.toNanos(5)).stream()
                    .filter(r -> r.stream().kind() == StreamKind.LIDAR).findFirst().orElseThrow();

            assertThat(lidar.sensorNs()).containsExactly(1_795_000_037_000_000_003L, StreamRecord.NO_TIMESTAMP);
            // frame 7 of 32 packets, at packets 3 and 4
            assertThat(lidar.continuity()).containsExactly(7L * 32 + 3, 7L * 32 + 4);
            assertThat(lidar.initIds()).containsExactly(0x2A, 0x2A);
            assertThat(lidar.continuityScale()).isEqualTo(65536L * 32);
            assertThat(lidar.nominalPeriodNs()).isEqualTo(100_000_000L / 32);
        }
    }

    /** The packet log is the evidence: one JSON line per packet, its times exact to the nanosecond. */
    @Test
    void theLogHasOneLinePerPacketWithItsTimesExactToTheNanosecond() throws IOException {
        OusterPacketWriter writer = new OusterPacketWriter(LIDAR, LEGACY_IMU, 1, 2);
        try (SensorCapture capture = start(OS_1);
             DatagramChannel sender = sender("127.0.0.1")) {
            long nowTaiNs = HostClock.SYSTEM.nowNs() + TAI_NS;
            InetSocketAddress imuPort = new InetSocketAddress("127.0.0.1", capture.imuPort());
            sender.send(writer.legacyImuPacket(5_000_000_001L, nowTaiNs - 1_000_007, nowTaiNs - 2_000_009), imuPort);
            sender.send(writer.legacyImuPacket(5_010_000_001L, nowTaiNs, nowTaiNs), imuPort);

            StreamRecord accel = stream(capture, StreamKind.IMU_ACCEL);
            List<String> lines = Files.readAllLines(accel.log());

            assertThat(lines).hasSize(2);
            JsonNode imu = JSON.readTree(lines.get(0)).get("imu");
            long receiveNs = accel.receiveNs()[0];
            long accelUtcNs = nowTaiNs - 1_000_007 - TAI_NS;
            long gyroUtcNs = nowTaiNs - 2_000_009 - TAI_NS;
            assertThat(imu.get("local_rx").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(receiveNs, 9));
            assertThat(lines.get(0)).as("seconds with all nine decimals")
                    .contains("\"local_rx\":" + BigDecimal.valueOf(receiveNs, 9).toPlainString() + ",");
            assertThat(imu.get("sensor_mono").get("timestamp").asText()).isEqualTo("5.000000001");
            assertThat(imu.get("sensor_accel").get("timestamp").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(accelUtcNs, 9));
            assertThat(imu.get("sensor_accel").get("diff_ns").asLong()).isEqualTo(receiveNs - accelUtcNs);
            assertThat(imu.get("sensor_accel").get("diff").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(receiveNs - accelUtcNs, 9));
            assertThat(imu.get("sensor_gyro").get("diff_ns").asLong()).isEqualTo(receiveNs - gyroUtcNs);
            assertThat(imu.get("sensor").asText()).isEqualTo("os-1");
            assertThat(imu.get("source").asText()).isEqualTo("127.0.0.1:" + sender.socket().getLocalPort());
            assertThat(imu.get("length").asInt()).isEqualTo(48);
            assertThat(imu.get("judged").asBoolean()).isTrue();
            assertThat(accel.nominalPeriodNs()).isEqualTo(10_000_000L);
        }
    }

    @Test
    void theLidarLogLineNamesThePacketsPlaceAndAnUntimedPacketHasANullTimestamp() throws IOException {
        OusterPacketWriter writer = new OusterPacketWriter(LIDAR, LEGACY_IMU, 1, 2);
        try (SensorCapture capture = start(OS_1);
             DatagramChannel sender = sender("127.0.0.1")) {
            sender.send(writer.lidarPacket(9, 5 * 16, new long[16]), new InetSocketAddress("127.0.0.1",
                    capture.lidarPort()));

            StreamRecord lidar = stream(capture, StreamKind.LIDAR);
            JsonNode line = JSON.readTree(Files.readAllLines(lidar.log()).get(0)).get("lidar");

            assertThat(line.get("sensor_lidar").get("timestamp").isNull()).isTrue();
            assertThat(line.get("sensor_lidar").has("diff_ns")).isFalse();
            assertThat(line.get("frame_id").asInt()).isEqualTo(9);
            assertThat(line.get("measurement_id").asInt()).isEqualTo(80);
            assertThat(line.get("valid_columns").asInt()).isZero();
            assertThat(line.get("sensor").asText()).isEqualTo("os-1");
        }
    }

    /** Another host's packets on the sensor's port are counted and named, never judged as the sensor's. */
    @Test
    void packetsFromAnotherSourceAreCountedNotRecorded() throws IOException {
        OusterPacketWriter writer = new OusterPacketWriter(LIDAR, LEGACY_IMU, 1, 2);
        try (SensorCapture capture = start(OS_1);
             DatagramChannel stranger = sender("127.1.0.1");
             DatagramChannel another = sender("127.0.1.1");
             DatagramChannel own = sender("127.0.0.1")) {
            InetSocketAddress imuPort = new InetSocketAddress("127.0.0.1", capture.imuPort());
            stranger.send(writer.legacyImuPacket(1, 2, 3), imuPort);
            another.send(writer.legacyImuPacket(1, 2, 3), imuPort);
            own.send(writer.legacyImuPacket(4, 5, 6), imuPort);

            StreamRecord accel = stream(capture, StreamKind.IMU_ACCEL);

            assertThat(accel.fromOtherSources()).isEqualTo(2);
            assertThat(accel.firstOtherSource()).contains("127.1.0.1:" + stranger.socket().getLocalPort());
            assertThat(accel.datagrams()).isEqualTo(1);
            assertThat(accel.continuity()).containsExactly(4L);
        }
    }

    @Test
    void aPacketThatDoesNotFitTheProfileIsCountedAndItsFirstBytesKept() throws IOException {
        try (SensorCapture capture = start(OS_1);
             DatagramChannel sender = sender("127.0.0.1")) {
            InetSocketAddress lidarPort = new InetSocketAddress("127.0.0.1", capture.lidarPort());
            byte[] sixtyFour = new byte[64]; // shown whole: no ellipsis
            sixtyFour[0] = 1;
            sixtyFour[63] = (byte) 0xAB;
            sender.send(ByteBuffer.wrap(sixtyFour), lidarPort);
            sender.send(ByteBuffer.wrap(new byte[200]), lidarPort);

            StreamRecord lidar = stream(capture, StreamKind.LIDAR);

            assertThat(lidar.malformed()).isEqualTo(2);
            assertThat(lidar.datagrams()).isEqualTo(2);
            assertThat(lidar.firstMalformed()).hasValueSatisfying(first -> assertThat(first)
                    .contains("from 127.0.0.1:" + sender.socket().getLocalPort() + ": 01" + "00".repeat(62) + "ab")
                    .doesNotEndWith("..."));
            assertThat(lidar.sensorNs()).isEmpty();
            assertThat(lidar.arrivalNs()).as("it arrived all the same").hasSize(2);
        }
    }

    /** ACCEL32_GYRO32_NMEA: a packet is judged by its newest valid measurement; none valid, it is untimed. */
    @Test
    void aMeasurementPacketIsJudgedByItsNewestValidMeasurement() throws IOException {
        ImuPacketFormat imu = new ImuPacketFormat(ImuProfile.ACCEL32_GYRO32_NMEA, 4);
        SensorSettings sensor = new SensorSettings("os-1", "127.0.0.1", 0, 0, LIDAR, 10, imu, 25);
        OusterPacketWriter writer = new OusterPacketWriter(LIDAR, imu, 1, 2);
        try (SensorCapture capture = start(sensor);
             DatagramChannel sender = sender("127.0.0.1")) {
            InetSocketAddress imuPort = new InetSocketAddress("127.0.0.1", capture.imuPort());
            long tNs = 1_795_000_037_000_000_000L;
            sender.send(writer.measurementImuPacket(3, 0, new long[] {tNs, tNs + 10, tNs + 30, 0}), imuPort);
            sender.send(writer.measurementImuPacket(4, 0, new long[4]), imuPort);

            StreamRecord record = stream(capture, StreamKind.IMU);
            JsonNode line = JSON.readTree(Files.readAllLines(record.log()).get(0)).get("imu");

            assertThat(record.sensorNs()).containsExactly(tNs + 30, StreamRecord.NO_TIMESTAMP);
            assertThat(record.continuity()).as("the oldest valid measurement").containsExactly(tNs, StreamRecord.NO_TIMESTAMP);
            assertThat(record.continuityScale()).as("4 measurements per 40 ms packet").isEqualTo(10_000_000L);
            assertThat(line.get("sensor_imu").get("diff_ns").asLong())
                    .isEqualTo(record.receiveNs()[0] - (tNs + 30 - TAI_NS));
            assertThat(record.continuityKind()).isEqualTo(StreamRecord.Continuity.SENSOR_TIMESTAMP);
            assertThat(record.nominalPeriodNs()).isEqualTo(40_000_000L);
            assertThat(line.get("measurements").asInt()).isEqualTo(3);
            assertThat(line.get("invalid_measurements").asInt()).isEqualTo(1);
            assertThat(line.get("frame_id").asInt()).isEqualTo(3);
        }
    }

    private SensorCapture start(SensorSettings sensor) {
        return SensorCapture.start(sensor, settings(), new UtcOffset(TAI_NS, "test"), directory, HostClock.SYSTEM);
    }

    private static CaptureSettings settings() {
        return new CaptureSettings("127.0.0.1", Optional.empty(), 1 << 20, false, 10_000_000, 1_000_000, 0,
                TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.SECONDS.toNanos(1), OptionalLong.empty());
    }

    private static DatagramChannel sender(String address) throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(address, 0));
    }

    private static StreamRecord stream(SensorCapture capture, StreamKind kind) {
        return capture.records(TimeUnit.SECONDS.toNanos(5)).stream().filter(r -> r.stream().kind() == kind)
                .findFirst().orElseThrow();
    }
}
