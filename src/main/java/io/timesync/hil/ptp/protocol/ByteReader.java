package io.timesync.hil.ptp.protocol;

import java.util.Arrays;

/**
 * Bounds-checked big-endian reader over a slice of a datagram. Offsets in errors are absolute
 * datagram offsets, so a message names the exact byte that was wrong.
 */
public final class ByteReader {
    private final byte[] bytes;
    private final int end;
    private final String context;
    private final int reportedOffset;
    private int position;

    public ByteReader(byte[] bytes, int offset, int length, String context) {
        this(bytes, offset, length, context, 0);
    }

    /**
     * @param reportedOffset added to positions in error messages, for a slice copied out of a datagram
     */
    public ByteReader(byte[] bytes, int offset, int length, String context, int reportedOffset) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("slice " + offset + "+" + length + " outside " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
        this.context = context;
        this.reportedOffset = reportedOffset;
    }

    /** Position as reported in errors (datagram offset). */
    public int position() {
        return position + reportedOffset;
    }

    public int remaining() {
        return end - position;
    }

    public int u8(String field) {
        require(1, field);
        return bytes[position++] & 0xFF;
    }

    public int i8(String field) {
        require(1, field);
        return bytes[position++];
    }

    public int u16(String field) {
        require(2, field);
        int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public int i16(String field) {
        return (short) u16(field);
    }

    public int i32(String field) {
        require(4, field);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[position + i] & 0xFF);
        }
        position += 4;
        return value;
    }

    public long i64(String field) {
        require(8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position + i] & 0xFF);
        }
        position += 8;
        return value;
    }

    public byte[] bytes(int count, String field) {
        require(count, field);
        byte[] copy = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return copy;
    }

    public void skip(int count, String field) {
        require(count, field);
        position += count;
    }

    /** Fails unless every byte of the slice was consumed. */
    public void expectEnd(String what) {
        if (position != end) {
            throw error(what + " has " + (end - position) + " unexpected trailing byte(s) at offset " + position());
        }
    }

    public PtpProtocolException error(String problem) {
        return new PtpProtocolException(context + ": " + problem);
    }

    private void require(int count, String field) {
        if (count < 0 || end - position < count) {
            throw error(field + " needs " + count + " byte(s) at offset " + position() + " but only "
                    + Math.max(0, end - position) + " remain");
        }
    }
}
