package io.timesync.hil.sensor;

import java.nio.ByteBuffer;

/**
 * An Ouster lidar packet's layout (16 columns per packet), and the fields the timing check reads from it.
 * All fields are little-endian. LEGACY: per column [timestamp u64, measurement_id u16, frame_id u16,
 * encoder u32], pixels, status u32 (bit 0: valid). eUDP: packet header [packet_type u16, frame_id u16,
 * init_id u24, prod_sn u40, ...] (32 bytes), per column [timestamp u64, measurement_id u16, status u16
 * (bit 0 valid)], pixels, packet footer (32 bytes).
 *
 * @param columnsPerFrame the lidar mode's columns (1024 in 1024x10)
 */
public record LidarPacketFormat(LidarProfile profile, int beams, int columnsPerFrame) {
    public static final int COLUMNS_PER_PACKET = 16;
    private static final int EUDP_HEADER_BYTES = 32;
    private static final int EUDP_FOOTER_BYTES = 32;

    public LidarPacketFormat {
        if (beams <= 0 || columnsPerFrame % COLUMNS_PER_PACKET != 0 || columnsPerFrame <= 0) {
            throw new IllegalArgumentException("no Ouster lidar has " + beams + " beams and " + columnsPerFrame
                    + " columns per frame");
        }
    }

    public int columnBytes() {
        return (profile.legacy() ? 16 + 4 : 12) + beams * profile.pixelBytes();
    }

    public int packetBytes() {
        return (profile.legacy() ? 0 : EUDP_HEADER_BYTES + EUDP_FOOTER_BYTES) + COLUMNS_PER_PACKET * columnBytes();
    }

    public int packetsPerFrame() {
        return columnsPerFrame / COLUMNS_PER_PACKET;
    }

    /** @throws MalformedPacketException when the size does not fit this format */
    public LidarPacket decode(ByteBuffer bytes, int length) {
        if (length != packetBytes()) {
            throw new MalformedPacketException("lidar packet of " + length + " bytes does not fit " + profile + " with "
                    + beams + " beams (" + packetBytes() + " bytes)");
        }
        int first = profile.legacy() ? 0 : EUDP_HEADER_BYTES;
        int frameId = profile.legacy() ? Short.toUnsignedInt(bytes.getShort(first + 10))
                : Short.toUnsignedInt(bytes.getShort(2));
        int initId = profile.legacy() ? -1
                : Short.toUnsignedInt(bytes.getShort(4)) | (Byte.toUnsignedInt(bytes.get(6)) << 16);
        long firstTimestampNs = 0;
        long lastTimestampNs = 0;
        int validColumns = 0;
        for (int column = 0; column < COLUMNS_PER_PACKET; column++) {
            int offset = first + column * columnBytes();
            // bit 0 of the column status, as the vendor's SDK reads it (LEGACY sensors send 0xFFFFFFFF)
            int status = profile.legacy() ? bytes.getInt(offset + columnBytes() - 4) : bytes.getShort(offset + 10);
            boolean valid = (status & 0x1) != 0;
            if (valid) {
                long timestampNs = bytes.getLong(offset);
                if (validColumns == 0) {
                    firstTimestampNs = timestampNs;
                }
                lastTimestampNs = timestampNs;
                validColumns++;
            }
        }
        return new LidarPacket(frameId, initId, Short.toUnsignedInt(bytes.getShort(first + 8)), validColumns,
                firstTimestampNs, lastTimestampNs);
    }
}
