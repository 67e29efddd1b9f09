package io.timesync.hil.sim;

import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.PacketField;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.timesync.hil.sensor.ImuPacketFormat.ACCEL_TS;
import static io.timesync.hil.sensor.ImuPacketFormat.GYRO_TS;
import static io.timesync.hil.sensor.ImuPacketFormat.SYS_TS;
import static io.timesync.hil.sensor.LidarPacketFormat.COLUMN_TIMESTAMP;

/**
 * Writes Ouster lidar and IMU packets through the same layout tables the decoder reads
 * ({@link LidarPacketFormat}, {@link ImuPacketFormat}; checked against the vendor's ouster-sdk). Pixels carry a
 * simple range pattern; only the headers matter to the timing check. The body of a packet is written first and
 * its timestamps last ({@link #stamp}), so a sender stamps a packet right before it leaves. A packet is written
 * into a buffer this writer reuses (a simulated sensor sends thousands per second): it is valid until the
 * writer's next packet of the same kind. The pixels never change, so a lidar packet starts as a copy of a
 * template made once.
 */
public final class OusterPacketWriter {
    private static final int ENCODER_TICKS_PER_COLUMN = 88; // 90112 per turn at 1024 columns
    private static final int RANGE_MM = 4000;

    private final LidarPacketFormat lidar;
    private final ImuPacketFormat imu;
    private final int initId;
    private final long serialNumber;
    private final ByteBuffer lidarBuffer;
    private final ByteBuffer imuBuffer;
    private final byte[] lidarTemplate;

    public OusterPacketWriter(LidarPacketFormat lidar, ImuPacketFormat imu, int initId, long serialNumber) {
        this.lidar = lidar;
        this.imu = imu;
        this.initId = initId;
        this.serialNumber = serialNumber;
        this.lidarBuffer = ByteBuffer.allocate(lidar.packetBytes()).order(ByteOrder.LITTLE_ENDIAN);
        this.imuBuffer = ByteBuffer.allocate(imu.packetBytes()).order(ByteOrder.LITTLE_ENDIAN);
        this.lidarTemplate = template(lidar);
    }

    /** Every column valid, with its pixels; the per-packet fields are written over it. */
    private static byte[] template(LidarPacketFormat lidar) {
        ByteBuffer packet = ByteBuffer.allocate(lidar.packetBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int index = 0; index < LidarPacketFormat.COLUMNS_PER_PACKET; index++) {
            int column = lidar.column(index);
            for (int beam = 0; beam < lidar.beams(); beam++) {
                LidarPacketFormat.RANGE.put(packet, lidar.pixel(column, beam), RANGE_MM + 16L * beam);
            }
        }
        return packet.array();
    }

    private static final boolean[] ALL_VALID = new boolean[0];

    /** A lidar packet with every column valid and no timestamp yet. */
    public ByteBuffer lidarPacket(int frameId, int firstMeasurementId) {
        return lidarPacket(frameId, firstMeasurementId, ALL_VALID);
    }

    /**
     * A lidar packet with no timestamp yet.
     *
     * @param invalidColumns columns to mark invalid (as outside the azimuth window)
     */
    public ByteBuffer lidarPacket(int frameId, int firstMeasurementId, boolean... invalidColumns) {
        System.arraycopy(lidarTemplate, 0, lidarBuffer.array(), 0, lidarTemplate.length);
        ByteBuffer packet = lidarBuffer.clear();
        boolean legacy = lidar.profile().legacy();
        PacketField status = lidar.columnStatus();
        if (!legacy) {
            header(packet, LidarPacketFormat.PACKET_TYPE_LIDAR, frameId);
        }
        for (int index = 0; index < LidarPacketFormat.COLUMNS_PER_PACKET; index++) {
            int column = lidar.column(index);
            boolean valid = index >= invalidColumns.length || !invalidColumns[index];
            LidarPacketFormat.MEASUREMENT_ID.put(packet, column, firstMeasurementId + index);
            if (legacy) {
                LidarPacketFormat.LEGACY_FRAME_ID.put(packet, column, frameId);
                LidarPacketFormat.ENCODER_COUNT.put(packet, column, (long) (firstMeasurementId + index)
                        * ENCODER_TICKS_PER_COLUMN);
            }
            status.put(packet, column, valid ? (legacy ? 0xFFFFFFFFL : 1) : 0);
            if (!valid) {
                Arrays.fill(packet.array(), lidar.pixel(column, 0), lidar.pixel(column, lidar.beams()), (byte) 0);
            }
        }
        return packet;
    }

    /** A whole lidar packet at once: a column with timestamp 0 is marked invalid. */
    public ByteBuffer lidarPacket(int frameId, int firstMeasurementId, long[] columnTimestampsNs) {
        boolean[] invalid = new boolean[columnTimestampsNs.length];
        for (int column = 0; column < invalid.length; column++) {
            invalid[column] = columnTimestampsNs[column] == 0;
        }
        return stamp(lidarPacket(frameId, firstMeasurementId, invalid), columnTimestampsNs);
    }

    /** Stamps the lidar packet's columns; valid ones only keep meaning, invalid ones get 0 as a sensor sends. */
    public ByteBuffer stamp(ByteBuffer packet, long[] columnTimestampsNs) {
        PacketField status = lidar.columnStatus();
        for (int index = 0; index < LidarPacketFormat.COLUMNS_PER_PACKET; index++) {
            int column = lidar.column(index);
            boolean valid = (status.get(packet, column) & 0x1) != 0;
            COLUMN_TIMESTAMP.put(packet, column, valid ? columnTimestampsNs[index] : 0);
        }
        return packet;
    }

    public ByteBuffer legacyImuPacket(long sysTimestampNs, long accelTimestampNs, long gyroTimestampNs) {
        ByteBuffer packet = cleared(imuBuffer);
        SYS_TS.put(packet, 0, sysTimestampNs);
        ACCEL_TS.put(packet, 0, accelTimestampNs);
        GYRO_TS.put(packet, 0, gyroTimestampNs);
        ImuPacketFormat.LEGACY_ACCEL_Z.put(packet, 0, Float.floatToIntBits(1f)); // 1 g on z
        return packet;
    }

    /** @param timestampsNs one per measurement; 0 marks a measurement invalid */
    public ByteBuffer measurementImuPacket(int frameId, long nmeaTimestampNs, long[] timestampsNs) {
        if (imu.profile() != ImuProfile.ACCEL32_GYRO32_NMEA || timestampsNs.length != imu.measurementsPerPacket()) {
            throw new IllegalArgumentException(timestampsNs.length + " measurements do not fit " + imu);
        }
        ByteBuffer packet = cleared(imuBuffer);
        header(packet, ImuPacketFormat.PACKET_TYPE_IMU, frameId);
        ImuPacketFormat.NMEA_TS.put(packet, imu.nmeaBlock(), nmeaTimestampNs);
        if (nmeaTimestampNs != 0) {
            packet.put(imu.nmeaBlock() + ImuPacketFormat.NMEA_SENTENCE_OFFSET,
                    "$GPRMC,,V,,,,,,,,,,N*53".getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < timestampsNs.length; i++) {
            int measurement = imu.measurement(i);
            ImuPacketFormat.MEASUREMENT_TS.put(packet, measurement, timestampsNs[i]);
            ImuPacketFormat.MEASUREMENT_ID.put(packet, measurement, i);
            ImuPacketFormat.MEASUREMENT_STATUS.put(packet, measurement, timestampsNs[i] != 0 ? 1 : 0);
            ImuPacketFormat.MEASUREMENT_ACCEL_Z.put(packet, measurement, Float.floatToIntBits(1f)); // 1 g on z
        }
        return packet;
    }

    private static ByteBuffer cleared(ByteBuffer buffer) {
        Arrays.fill(buffer.array(), (byte) 0);
        return buffer.clear();
    }

    private void header(ByteBuffer packet, int packetType, int frameId) {
        LidarPacketFormat.PACKET_TYPE.put(packet, 0, packetType);
        LidarPacketFormat.FRAME_ID.put(packet, 0, frameId);
        LidarPacketFormat.INIT_ID.put(packet, 0, initId);
        LidarPacketFormat.PROD_SN.put(packet, 0, serialNumber);
    }
}
