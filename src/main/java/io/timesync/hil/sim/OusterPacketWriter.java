package io.timesync.hil.sim;

import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes Ouster lidar and IMU packets in the layouts {@link LidarPacketFormat} and {@link ImuPacketFormat}
 * read (checked against the vendor's ouster-sdk). Pixels carry a simple range pattern; only the headers
 * matter to the timing check. A packet is written into a buffer this writer reuses (a simulated sensor sends
 * thousands per second): it is valid until the writer's next packet of the same kind.
 */
public final class OusterPacketWriter {
    private static final int PACKET_TYPE_LIDAR = 1;
    private static final int PACKET_TYPE_IMU = 2;
    private static final int HEADER_BYTES = 32;
    private static final int NMEA_BLOCK_BYTES = 100;
    private static final int MEASUREMENT_BYTES = 36;

    private final LidarPacketFormat lidar;
    private final ImuPacketFormat imu;
    private final int initId;
    private final long serialNumber;
    private final ByteBuffer lidarBuffer;
    private final ByteBuffer imuBuffer;

    public OusterPacketWriter(LidarPacketFormat lidar, ImuPacketFormat imu, int initId, long serialNumber) {
        this.lidar = lidar;
        this.imu = imu;
        this.initId = initId;
        this.serialNumber = serialNumber;
        this.lidarBuffer = ByteBuffer.allocate(lidar.packetBytes()).order(ByteOrder.LITTLE_ENDIAN);
        this.imuBuffer = ByteBuffer.allocate(imu.packetBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @param columnTimestampsNs one per column; 0 marks a column invalid (as outside the azimuth window) */
    public ByteBuffer lidarPacket(int frameId, int firstMeasurementId, long[] columnTimestampsNs) {
        ByteBuffer packet = cleared(lidarBuffer);
        boolean legacy = lidar.profile().legacy();
        int first = legacy ? 0 : HEADER_BYTES;
        if (!legacy) {
            header(packet, PACKET_TYPE_LIDAR, frameId);
        }
        for (int column = 0; column < LidarPacketFormat.COLUMNS_PER_PACKET; column++) {
            int offset = first + column * lidar.columnBytes();
            boolean valid = columnTimestampsNs[column] != 0;
            packet.putLong(offset, columnTimestampsNs[column]);
            packet.putShort(offset + 8, (short) (firstMeasurementId + column));
            if (legacy) {
                packet.putShort(offset + 10, (short) frameId);
                packet.putInt(offset + 12, (firstMeasurementId + column) * 88); // encoder count, 90112 per turn
                packet.putInt(offset + lidar.columnBytes() - 4, valid ? 0xFFFFFFFF : 0);
            } else {
                packet.putShort(offset + 10, (short) (valid ? 1 : 0));
            }
            int pixels = offset + (legacy ? 16 : 12);
            for (int beam = 0; valid && beam < lidar.beams(); beam++) {
                packet.putShort(pixels + beam * lidar.profile().pixelBytes(), (short) (4000 + 16 * beam)); // range, mm
            }
        }
        return packet;
    }

    public ByteBuffer legacyImuPacket(long sysTimestampNs, long accelTimestampNs, long gyroTimestampNs) {
        return cleared(imuBuffer).putLong(0, sysTimestampNs).putLong(8, accelTimestampNs).putLong(16, gyroTimestampNs)
                .putFloat(32, 1f); // 1 g on z
    }

    /** @param timestampsNs one per measurement; 0 marks a measurement invalid */
    public ByteBuffer measurementImuPacket(int frameId, long nmeaTimestampNs, long[] timestampsNs) {
        if (imu.profile() != ImuProfile.ACCEL32_GYRO32_NMEA || timestampsNs.length != imu.measurementsPerPacket()) {
            throw new IllegalArgumentException(timestampsNs.length + " measurements do not fit " + imu);
        }
        ByteBuffer packet = cleared(imuBuffer);
        header(packet, PACKET_TYPE_IMU, frameId);
        packet.putLong(HEADER_BYTES, nmeaTimestampNs);
        if (nmeaTimestampNs != 0) {
            packet.put(HEADER_BYTES + 8, "$GPRMC,,V,,,,,,,,,,N*53".getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < timestampsNs.length; i++) {
            int offset = HEADER_BYTES + NMEA_BLOCK_BYTES + i * MEASUREMENT_BYTES;
            packet.putLong(offset, timestampsNs[i]).putShort(offset + 8, (short) i)
                    .putShort(offset + 10, (short) (timestampsNs[i] != 0 ? 1 : 0))
                    .putFloat(offset + 20, 1f); // 1 g on z
        }
        return packet;
    }

    private static ByteBuffer cleared(ByteBuffer buffer) {
        Arrays.fill(buffer.array(), (byte) 0);
        return buffer.clear();
    }

    private void header(ByteBuffer packet, int packetType, int frameId) {
        packet.putShort(0, (short) packetType).putShort(2, (short) frameId)
                .putShort(4, (short) initId).put(6, (byte) (initId >>> 16))
                .putInt(7, (int) serialNumber).put(11, (byte) (serialNumber >>> 32));
    }
}
