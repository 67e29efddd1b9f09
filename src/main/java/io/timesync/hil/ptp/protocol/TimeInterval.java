package io.timesync.hil.ptp.protocol;

import io.timesync.hil.ShownAsText;

/** PTP TimeInterval: nanoseconds scaled by 2^16, kept raw so a dataset re-encodes byte for byte. */
public record TimeInterval(long scaledNs) implements ShownAsText {
    public static TimeInterval ofNs(long ns) {
        return new TimeInterval(ns << 16);
    }

    public long ns() {
        return scaledNs >> 16;
    }

    static TimeInterval decode(ByteReader in, String field) {
        return new TimeInterval(in.i64(field));
    }

    void encode(ByteWriter out) {
        out.i64(scaledNs);
    }

    @Override
    public String toString() {
        return ns() + " ns";
    }
}
