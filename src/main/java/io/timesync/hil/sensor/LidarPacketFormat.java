package io.timesync.hil.sensor;

import java.nio.ByteBuffer;

/**
 * An Ouster lidar packet's layout for one profile and beam count (16 columns per packet), as ouster-sdk's
 * packet_format describes it: one table of named fields, read by the decoder and written by the simulator.
 * All fields are little-endian. LEGACY: per column [timestamp u64, measurement_id u16, frame_id u16, encoder
 * u32], pixels, status u32 (bit 0: valid). eUDP: packet header [packet_type u16, frame_id u16, init_id u24,
 * prod_sn u40, ...] (32 bytes), per column [timestamp u64, measurement_id u16, status u16 (bit 0 valid)],
 * pixels, packet footer (32 bytes).
 *
 * @param columnsPerFrame the lidar mode's columns (1024 in 1024x10)
 */
public record LidarPacketFormat(LidarProfile profile, int beams, int columnsPerFrame) {
    public static final int COLUMNS_PER_PACKET = 16;
    private static final int EUDP_HEADER_BYTES = 32;
    private static final int EUDP_FOOTER_BYTES = 32;
    private static final int LEGACY_COLUMN_HEADER_BYTES = 16;
    private static final int EUDP_COLUMN_HEADER_BYTES = 12;
    private static final int LEGACY_STATUS_BYTES = 4;

    /** eUDP packet header, from the packet's start */
    public static final PacketField PACKET_TYPE = new PacketField("packet_type", 0, 2);
    public static final PacketField FRAME_ID = new PacketField("frame_id", 2, 2);
    public static final PacketField INIT_ID = new PacketField("init_id", 4, 3);
    public static final PacketField PROD_SN = new PacketField("prod_sn", 7, 5);
    /** column header, from the column's start (both profiles) */
    public static final PacketField COLUMN_TIMESTAMP = new PacketField("timestamp", 0, 8);
    public static final PacketField MEASUREMENT_ID = new PacketField("measurement_id", 8, 2);
    /** LEGACY column header */
    public static final PacketField LEGACY_FRAME_ID = new PacketField("frame_id", 10, 2);
    public static final PacketField ENCODER_COUNT = new PacketField("encoder_count", 12, 4);
    /** eUDP column header */
    public static final PacketField COLUMN_STATUS = new PacketField("status", 10, 2);
    /** the first pixel field of each profile: range in mm (19 or 15 bits; 16 bits written here) */
    public static final PacketField RANGE = new PacketField("range", 0, 2);
    public static final int PACKET_TYPE_LIDAR = 1;

    public LidarPacketFormat {
        if (beams <= 0 || columnsPerFrame % COLUMNS_PER_PACKET != 0 || columnsPerFrame <= 0) {
            throw new IllegalArgumentException("no Ouster lidar has " + beams + " beams and " + columnsPerFrame
                    + " columns per frame");
        }
    }

    public int columnBytes() {
        return columnHeaderBytes() + beams * profile.pixelBytes() + (profile.legacy() ? LEGACY_STATUS_BYTES : 0);
    }

    public int packetBytes() {
        return (profile.legacy() ? 0 : EUDP_HEADER_BYTES + EUDP_FOOTER_BYTES) + COLUMNS_PER_PACKET * columnBytes();
    }

    public int packetsPerFrame() {
        return columnsPerFrame / COLUMNS_PER_PACKET;
    }

    /** Where column {@code column} starts. */
    public int column(int column) {
        return (profile.legacy() ? 0 : EUDP_HEADER_BYTES) + column * columnBytes();
    }

    /** Where the pixel of {@code beam} in the column starting at {@code column} starts. */
    public int pixel(int column, int beam) {
        return column + columnHeaderBytes() + beam * profile.pixelBytes();
    }

    /** The column's status: LEGACY's u32 after its pixels, eUDP's u16 in its header. */
    public PacketField columnStatus() {
        return profile.legacy() ? new PacketField("status", columnBytes() - LEGACY_STATUS_BYTES, LEGACY_STATUS_BYTES)
                : COLUMN_STATUS;
    }

    /** The frame id: eUDP's packet header, LEGACY's first column header (every column repeats it). */
    public long frameId(ByteBuffer packet) {
        return profile.legacy() ? LEGACY_FRAME_ID.get(packet, column(0)) : FRAME_ID.get(packet, 0);
    }

    /** @throws MalformedPacketException when the size does not fit this format */
    public LidarPacket decode(ByteBuffer bytes, int length) {
        if (length != packetBytes()) {
            throw new MalformedPacketException("lidar packet of " + length + " bytes does not fit " + profile + " with "
                    + beams + " beams (" + packetBytes() + " bytes)");
        }
        long firstTimestampNs = 0;
        int validColumns = 0;
        PacketField status = columnStatus();
        for (int column = 0; column < COLUMNS_PER_PACKET; column++) {
            // bit 0 of the column status, as the vendor's SDK reads it (LEGACY sensors send 0xFFFFFFFF)
            if ((status.get(bytes, column(column)) & 0x1) != 0) {
                if (validColumns++ == 0) {
                    firstTimestampNs = COLUMN_TIMESTAMP.get(bytes, column(column));
                }
            }
        }
        return new LidarPacket((int) frameId(bytes), profile.legacy() ? -1 : (int) INIT_ID.get(bytes, 0),
                (int) MEASUREMENT_ID.get(bytes, column(0)), validColumns, firstTimestampNs);
    }

    private int columnHeaderBytes() {
        return profile.legacy() ? LEGACY_COLUMN_HEADER_BYTES : EUDP_COLUMN_HEADER_BYTES;
    }
}
