package io.timesync.hil.sensor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An Ouster IMU packet's layout, read by the decoder and written by the simulator. LEGACY: 48 bytes [sys_ts
 * u64, accel_ts u64, gyro_ts u64, 3 × f32 acceleration, 3 × f32 angular velocity]. ACCEL32_GYRO32_NMEA: 32-byte
 * packet header (as the lidar's eUDP header), 100-byte NMEA block [timestamp u64, sentence],
 * {@code measurementsPerPacket} measurements of 36 bytes [timestamp u64, measurement_id u16, status u16 (bit 0
 * valid), accel 3 × f32, gyro 3 × f32], 32-byte footer.
 */
public record ImuPacketFormat(ImuProfile profile, int measurementsPerPacket) {
    private static final int LEGACY_BYTES = 48;
    private static final int HEADER_BYTES = 32;
    private static final int NMEA_BLOCK_BYTES = 100;
    private static final int MEASUREMENT_BYTES = 36;
    private static final int FOOTER_BYTES = 32;

    /** LEGACY, from the packet's start */
    public static final PacketField SYS_TS = new PacketField("sys_ts", 0, 8);
    public static final PacketField ACCEL_TS = new PacketField("accel_ts", 8, 8);
    public static final PacketField GYRO_TS = new PacketField("gyro_ts", 16, 8);
    /** LEGACY: linear acceleration z (f32 bits) */
    public static final PacketField LEGACY_ACCEL_Z = new PacketField("la_z", 32, 4);
    /** ACCEL32_GYRO32_NMEA: the NMEA block, after the packet header */
    public static final PacketField NMEA_TS = new PacketField("nmea_ts", 0, 8);
    public static final int NMEA_SENTENCE_OFFSET = 8;
    /** ACCEL32_GYRO32_NMEA: one measurement, from its start */
    public static final PacketField MEASUREMENT_TS = new PacketField("timestamp", 0, 8);
    public static final PacketField MEASUREMENT_ID = new PacketField("measurement_id", 8, 2);
    public static final PacketField MEASUREMENT_STATUS = new PacketField("status", 10, 2);
    /** ACCEL32_GYRO32_NMEA: acceleration z (f32 bits) */
    public static final PacketField MEASUREMENT_ACCEL_Z = new PacketField("accel_z", 20, 4);
    public static final int PACKET_TYPE_IMU = 2;
    /**
     * ACCEL32_GYRO32_NMEA's usual measurements per packet, taken where neither the bench file nor the sensor says
     * (a LEGACY format carries it unused: its layout is fixed).
     */
    public static final int DEFAULT_MEASUREMENTS_PER_PACKET = 8;

    public int packetBytes() {
        return profile == ImuProfile.LEGACY ? LEGACY_BYTES
                : HEADER_BYTES + NMEA_BLOCK_BYTES + measurementsPerPacket * MEASUREMENT_BYTES + FOOTER_BYTES;
    }

    /** Where the NMEA block starts (ACCEL32_GYRO32_NMEA). */
    public int nmeaBlock() {
        return HEADER_BYTES;
    }

    /** Where measurement {@code index} starts (ACCEL32_GYRO32_NMEA). */
    public int measurement(int index) {
        return HEADER_BYTES + NMEA_BLOCK_BYTES + index * MEASUREMENT_BYTES;
    }

    /** @throws MalformedPacketException when the size does not fit this format */
    public ImuPacket decode(ByteBuffer bytes, int length) {
        if (length != packetBytes()) {
            throw new MalformedPacketException("IMU packet of " + length + " bytes does not fit " + profile
                    + (profile == ImuProfile.LEGACY ? "" : " with " + measurementsPerPacket + " measurements")
                    + " (" + packetBytes() + " bytes)");
        }
        if (profile == ImuProfile.LEGACY) {
            return new ImuPacket.Legacy(SYS_TS.get(bytes, 0), ACCEL_TS.get(bytes, 0), GYRO_TS.get(bytes, 0));
        }
        List<Long> timestamps = new ArrayList<>(measurementsPerPacket);
        int invalid = 0;
        for (int i = 0; i < measurementsPerPacket; i++) {
            if ((MEASUREMENT_STATUS.get(bytes, measurement(i)) & 0x1) != 0) {
                timestamps.add(MEASUREMENT_TS.get(bytes, measurement(i)));
            } else {
                invalid++;
            }
        }
        return new ImuPacket.Measurements((int) LidarPacketFormat.FRAME_ID.get(bytes, 0), timestamps, invalid);
    }
}
