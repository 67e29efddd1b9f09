package io.timesync.hil.sensor;

import io.timesync.hil.sim.OusterPacketWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OusterFormatTest {
    private static final ImuPacketFormat LEGACY_IMU = new ImuPacketFormat(ImuProfile.LEGACY, 8);
    private static final ImuPacketFormat MEASUREMENT_IMU = new ImuPacketFormat(ImuProfile.ACCEL32_GYRO32_NMEA, 8);

    /** Packet sizes as the vendor's ouster-sdk 1.0.1 (PacketFormat.lidar_packet_size) reports them. */
    @ParameterizedTest(name = "{0} {1} beams: {2} bytes")
    @CsvSource({
        "LEGACY, 16, 3392", "LEGACY, 32, 6464", "LEGACY, 64, 12608", "LEGACY, 128, 24896",
        "RNG19_RFL8_SIG16_NIR16, 16, 3328", "RNG19_RFL8_SIG16_NIR16, 32, 6400", "RNG19_RFL8_SIG16_NIR16, 64, 12544",
        "RNG19_RFL8_SIG16_NIR16, 128, 24832",
        "RNG15_RFL8_NIR8, 16, 1280", "RNG15_RFL8_NIR8, 32, 2304", "RNG15_RFL8_NIR8, 64, 4352",
        "RNG15_RFL8_NIR8, 128, 8448",
        "RNG19_RFL8_SIG16_NIR16_DUAL, 16, 4352", "RNG19_RFL8_SIG16_NIR16_DUAL, 32, 8448",
        "RNG19_RFL8_SIG16_NIR16_DUAL, 64, 16640", "RNG19_RFL8_SIG16_NIR16_DUAL, 128, 33024",
        "RNG15_RFL8_NIR8_DUAL, 16, 2304"})
    void lidarPacketSizesAreTheVendors(LidarProfile profile, int beams, int bytes) {
        assertThat(new LidarPacketFormat(profile, beams, 1024).packetBytes()).isEqualTo(bytes);
    }

    @Test
    void imuPacketSizesAreTheVendors() {
        assertThat(LEGACY_IMU.packetBytes()).isEqualTo(48);
        assertThat(MEASUREMENT_IMU.packetBytes()).isEqualTo(452);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LEGACY", "RNG19_RFL8_SIG16_NIR16", "RNG15_RFL8_NIR8", "RNG19_RFL8_SIG16_NIR16_DUAL", "RNG15_RFL8_NIR8_DUAL"})
    void readsWhatTheSimulatedSensorWrites(LidarProfile profile) {
        LidarPacketFormat format = new LidarPacketFormat(profile, 32, 1024);
        long[] columns = new long[16];
        for (int column = 2; column < 14; column++) { // the first two and last two outside the azimuth window
            columns[column] = 1_795_000_000_000_000_000L + column * 97_656L;
        }
        ByteBuffer bytes = writer(format, LEGACY_IMU).lidarPacket(4321, 992, columns);

        LidarPacket packet = format.decode(bytes, bytes.limit());

        assertThat(packet).isEqualTo(new LidarPacket(4321, profile.legacy() ? -1 : 0x2A1B0C, 992, 12, columns[2]));
    }

    @Test
    void readsBothImuProfiles() {
        OusterPacketWriter legacy = writer(new LidarPacketFormat(LidarProfile.LEGACY, 16, 1024), LEGACY_IMU);
        ByteBuffer legacyBytes = legacy.legacyImuPacket(120_000_000_000L, 1_795_000_000_000_000_001L,
                1_795_000_000_000_000_002L);
        assertThat(LEGACY_IMU.decode(legacyBytes, legacyBytes.limit())).isEqualTo(new ImuPacket.Legacy(
                120_000_000_000L, 1_795_000_000_000_000_001L, 1_795_000_000_000_000_002L));

        OusterPacketWriter measurements = writer(new LidarPacketFormat(LidarProfile.LEGACY, 16, 1024), MEASUREMENT_IMU);
        long[] timestamps = {11, 12, 0, 14, 15, 16, 17, 18};
        ByteBuffer bytes = measurements.measurementImuPacket(77, 5, timestamps);
        assertThat(MEASUREMENT_IMU.decode(bytes, bytes.limit()))
                .isEqualTo(new ImuPacket.Measurements(77, List.of(11L, 12L, 14L, 15L, 16L, 17L, 18L), 1));
    }

    @Test
    void aPacketOfTheWrongSizeIsMalformedAndSaysWhatWasExpected() {
        LidarPacketFormat format = new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024);

        assertThatThrownBy(() -> format.decode(ByteBuffer.allocate(12608), 12608))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessage("lidar packet of 12608 bytes does not fit RNG19_RFL8_SIG16_NIR16 with 64 beams (12544 bytes)");
        assertThatThrownBy(() -> MEASUREMENT_IMU.decode(ByteBuffer.allocate(48), 48))
                .hasMessage("IMU packet of 48 bytes does not fit ACCEL32_GYRO32_NMEA with 8 measurements (452 bytes)");
    }

    /** Pixel offsets of the vendor's layouts (ouster-sdk packet_format): header, column header, pixels. */
    @Test
    void pixelsSitWhereTheVendorsLayoutPutsThem() {
        LidarPacketFormat legacy = new LidarPacketFormat(LidarProfile.LEGACY, 16, 512);
        LidarPacketFormat single = new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 16, 512);
        LidarPacketFormat lowData = new LidarPacketFormat(LidarProfile.RNG15_RFL8_NIR8, 32, 1024);

        // LEGACY: no packet header, 16-byte column header, 12-byte pixels, 4-byte status: 212 bytes a column
        assertThat(legacy.pixel(legacy.column(1), 3)).isEqualTo(212 + 16 + 3 * 12);
        // eUDP: 32-byte packet header, 12-byte column header, 12-byte pixels: 204 bytes a column
        assertThat(single.pixel(single.column(1), 3)).isEqualTo(32 + 204 + 12 + 3 * 12);
        assertThat(lowData.pixel(lowData.column(2), 31)).isEqualTo(32 + 2 * (12 + 32 * 4) + 12 + 31 * 4);
    }

    @Test
    void rejectsFormatsNoSensorHas() {
        assertThatThrownBy(() -> new LidarPacketFormat(LidarProfile.LEGACY, 64, 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static OusterPacketWriter writer(LidarPacketFormat lidar, ImuPacketFormat imu) {
        return new OusterPacketWriter(lidar, imu, 0x2A1B0C, 992_211_000_123L);
    }
}
