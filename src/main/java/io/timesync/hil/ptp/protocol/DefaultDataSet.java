package io.timesync.hil.ptp.protocol;

/** DEFAULT_DATA_SET (0x2000, clock-level, 20 bytes). */
public record DefaultDataSet(
        boolean twoStepFlag,
        boolean slaveOnly,
        int numberPorts,
        int priority1,
        ClockQuality clockQuality,
        int priority2,
        ClockIdentity clockIdentity,
        int domainNumber) implements ManagementData {

    public static final ManagementId<DefaultDataSet> ID = new ManagementId<>(
            0x2000, "DEFAULT_DATA_SET", ManagementId.Scope.CLOCK, 20, DefaultDataSet::decode);

    private static DefaultDataSet decode(ByteReader in) {
        int flags = in.u8("flags");
        in.skip(1, "reserved");
        int numberPorts = in.u16("numberPorts");
        int priority1 = in.u8("priority1");
        ClockQuality quality = ClockQuality.decode(in, "clockQuality");
        int priority2 = in.u8("priority2");
        ClockIdentity identity = ClockIdentity.decode(in, "clockIdentity");
        int domain = in.u8("domainNumber");
        in.skip(1, "reserved");
        return new DefaultDataSet((flags & 1) != 0, (flags & 2) != 0, numberPorts, priority1, quality, priority2,
                identity, domain);
    }

    @Override
    public ManagementId<DefaultDataSet> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        out.u8((twoStepFlag ? 1 : 0) | (slaveOnly ? 2 : 0)).u8(0).u16(numberPorts).u8(priority1);
        clockQuality.encode(out);
        out.u8(priority2);
        clockIdentity.encode(out);
        out.u8(domainNumber).u8(0);
    }
}
