package io.timesync.hil.ptp.protocol;

import io.timesync.hil.ShownAsText;

/** clockIdentity plus portNumber; shown as pmc shows it: {@code xxxxxx.xxxx.xxxxxx-N}. */
public record PortIdentity(ClockIdentity clockIdentity, int portNumber) implements ShownAsText {
    /** Wildcard target: every port of every clock. */
    public static final PortIdentity ALL = new PortIdentity(ClockIdentity.ALL, 0xFFFF);

    static PortIdentity decode(ByteReader in, String field) {
        return new PortIdentity(ClockIdentity.decode(in, field + ".clockIdentity"), in.u16(field + ".portNumber"));
    }

    void encode(ByteWriter out) {
        clockIdentity.encode(out);
        out.u16(portNumber);
    }

    @Override
    public String toString() {
        return clockIdentity + "-" + portNumber;
    }
}
