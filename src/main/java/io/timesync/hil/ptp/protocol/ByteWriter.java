package io.timesync.hil.ptp.protocol;

import java.io.ByteArrayOutputStream;

/** Big-endian writer for management messages. */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    public ByteWriter u8(int value) {
        out.write(value);
        return this;
    }

    public ByteWriter u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public ByteWriter i32(int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(value >>> shift);
        }
        return this;
    }

    public ByteWriter i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public ByteWriter bytes(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    public ByteWriter zeros(int count) {
        for (int i = 0; i < count; i++) {
            out.write(0);
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
