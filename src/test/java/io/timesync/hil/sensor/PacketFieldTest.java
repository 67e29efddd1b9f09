package io.timesync.hil.sensor;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A field reads and writes its own bytes, little-endian, whatever the buffer's order, and nothing around them. */
class PacketFieldTest {
    @Test
    void everyWidthRoundTripsInEitherByteOrderAndTouchesOnlyItsBytes() {
        for (int bytes : new int[] {1, 2, 3, 4, 6, 8}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                PacketField field = new PacketField("f", 2, bytes);
                byte[] backing = new byte[16];
                Arrays.fill(backing, (byte) 0xEE);
                ByteBuffer packet = ByteBuffer.wrap(backing).order(order);
                long value = 0x0102030405060708L >>> (8 * (8 - bytes));

                field.put(packet, 1, value);

                assertThat(field.get(packet, 1)).as("%d bytes, %s", bytes, order).isEqualTo(value);
                assertThat(backing[3]).as("least significant byte first").isEqualTo((byte) value);
                assertThat(backing[2]).as("the byte before").isEqualTo((byte) 0xEE);
                assertThat(backing[3 + bytes]).as("the byte after").isEqualTo((byte) 0xEE);
            }
        }
    }
}
