package io.timesync.hil.sensor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An Ouster IMU packet's layout. LEGACY: 48 bytes. ACCEL32_GYRO32_NMEA: 32-byte header (frame_id u16 at 2),
 * 100-byte NMEA block (timestamp u64, sentence), {@code measurementsPerPacket} measurements of 36 bytes
 * [timestamp u64, measurement_id u16, status u16 (bit 0 valid), accel 3 x f32, gyro 3 x f32], 32-byte footer.
 */
public record ImuPacketFormat(ImuProfile profile, int measurementsPerPacket) {
    private static final int LEGACY_BYTES = 48;
    private static final int HEADER_BYTES = 32;
    private static final int NMEA_BLOCK_BYTES = 100;
    private static final int MEASUREMENT_BYTES = 36;
    private static final int FOOTER_BYTES = 32;

    public int packetBytes() {
        return profile == ImuProfile.LEGACY ? LEGACY_BYTES
                : HEADER_BYTES + NMEA_BLOCK_BYTES + measurementsPerPacket * MEASUREMENT_BYTES + FOOTER_BYTES;
    }

    /** @throws MalformedPacketException when the size does not fit this format */
    public ImuPacket decode(ByteBuffer bytes, int length) {
        if (length != packetBytes()) {
            throw new MalformedPacketException("IMU packet of " + length + " bytes does not fit " + profile
                    + (profile == ImuProfile.LEGACY ? "" : " with " + measurementsPerPacket + " measurements")
                    + " (" + packetBytes() + " bytes)");
        }
        if (profile == ImuProfile.LEGACY) {
            return new ImuPacket.Legacy(bytes.getLong(0), bytes.getLong(8), bytes.getLong(16));
        }
        List<Long> timestamps = new ArrayList<>(measurementsPerPacket);
        int invalid = 0;
        for (int i = 0; i < measurementsPerPacket; i++) {
            int offset = HEADER_BYTES + NMEA_BLOCK_BYTES + i * MEASUREMENT_BYTES;
            if ((bytes.getShort(offset + 10) & 0x1) != 0) {
                timestamps.add(bytes.getLong(offset));
            } else {
                invalid++;
            }
        }
        return new ImuPacket.Measurements(Short.toUnsignedInt(bytes.getShort(2)), bytes.getLong(HEADER_BYTES),
                timestamps, invalid);
    }
}
