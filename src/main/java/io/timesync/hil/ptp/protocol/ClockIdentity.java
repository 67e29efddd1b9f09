package io.timesync.hil.ptp.protocol;

import io.timesync.hil.ShownAsText;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** An 8-octet PTP clockIdentity, shown as ptp4l and pmc show it: {@code xxxxxx.xxxx.xxxxxx}. */
public record ClockIdentity(long value) implements ShownAsText {
    public static final ClockIdentity ZERO = new ClockIdentity(0);
    /** Wildcard target: every clock. */
    public static final ClockIdentity ALL = new ClockIdentity(-1L);

    private static final Pattern TEXT = Pattern.compile("\\p{XDigit}{6}\\.\\p{XDigit}{4}\\.\\p{XDigit}{6}");

    public static ClockIdentity parse(String text) {
        if (!TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a clockIdentity (xxxxxx.xxxx.xxxxxx): " + text);
        }
        return new ClockIdentity(Long.parseUnsignedLong(text.replace(".", ""), 16));
    }

    static ClockIdentity decode(ByteReader in, String field) {
        return new ClockIdentity(in.i64(field));
    }

    void encode(ByteWriter out) {
        out.i64(value);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().toHexDigits(value);
        return hex.substring(0, 6) + "." + hex.substring(6, 10) + "." + hex.substring(10);
    }
}
