package io.timesync.hil.ptp.protocol;

public record ClockQuality(int clockClass, int clockAccuracy, int offsetScaledLogVariance) {
    static ClockQuality decode(ByteReader in, String field) {
        return new ClockQuality(in.u8(field + ".clockClass"), in.u8(field + ".clockAccuracy"),
                in.u16(field + ".offsetScaledLogVariance"));
    }

    void encode(ByteWriter out) {
        out.u8(clockClass).u8(clockAccuracy).u16(offsetScaledLogVariance);
    }
}
