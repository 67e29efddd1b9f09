package io.timesync.hil.ptp.protocol;

/** PARENT_DATA_SET (0x2002, clock-level, 32 bytes). */
public record ParentDataSet(
        PortIdentity parentPortIdentity,
        boolean parentStats,
        int observedParentOffsetScaledLogVariance,
        int observedParentClockPhaseChangeRate,
        int grandmasterPriority1,
        ClockQuality grandmasterClockQuality,
        int grandmasterPriority2,
        ClockIdentity grandmasterIdentity) implements ManagementData {

    public static final ManagementId<ParentDataSet> ID = new ManagementId<>(
            0x2002, "PARENT_DATA_SET", ManagementId.Scope.CLOCK, 32, ParentDataSet::decode);

    private static ParentDataSet decode(ByteReader in) {
        PortIdentity parent = PortIdentity.decode(in, "parentPortIdentity");
        boolean stats = in.u8("parentStats") != 0;
        in.skip(1, "reserved");
        return new ParentDataSet(parent, stats, in.u16("observedParentOffsetScaledLogVariance"),
                in.i32("observedParentClockPhaseChangeRate"), in.u8("grandmasterPriority1"),
                ClockQuality.decode(in, "grandmasterClockQuality"), in.u8("grandmasterPriority2"),
                ClockIdentity.decode(in, "grandmasterIdentity"));
    }

    @Override
    public ManagementId<ParentDataSet> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        parentPortIdentity.encode(out);
        out.u8(parentStats ? 1 : 0).u8(0).u16(observedParentOffsetScaledLogVariance)
                .i32(observedParentClockPhaseChangeRate).u8(grandmasterPriority1);
        grandmasterClockQuality.encode(out);
        out.u8(grandmasterPriority2);
        grandmasterIdentity.encode(out);
    }
}
