package io.timesync.hil.sensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One little-endian unsigned field of an Ouster packet, {@code bytes} long at {@code offset} from the start of
 * its block (packet header, column, measurement): the layout tables of {@link LidarPacketFormat} and
 * {@link ImuPacketFormat} are made of these, and the decoder and the simulator's writer both use them.
 */
public record PacketField(String name, int offset, int bytes) {

    public long get(ByteBuffer packet, int block) {
        int at = block + offset;
        if (packet.order() == ByteOrder.LITTLE_ENDIAN) {
            switch (bytes) {
                case 2:
                    return Short.toUnsignedLong(packet.getShort(at));
                case 4:
                    return Integer.toUnsignedLong(packet.getInt(at));
                case 8:
                    return packet.getLong(at);
                default:
                    break;
            }
        }
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            value = (value << 8) | (packet.get(at + i) & 0xFF);
        }
        return value;
    }

    public void put(ByteBuffer packet, int block, long value) {
        int at = block + offset;
        if (packet.order() == ByteOrder.LITTLE_ENDIAN) {
            switch (bytes) {
                case 2:
                    packet.putShort(at, (short) value);
                    return;
                case 4:
                    packet.putInt(at, (int) value);
                    return;
                case 8:
                    packet.putLong(at, value);
                    return;
                default:
                    break;
            }
        }
        for (int i = 0; i < bytes; i++) {
            packet.put(at + i, (byte) (value >>> (8 * i)));
        }
    }
}
