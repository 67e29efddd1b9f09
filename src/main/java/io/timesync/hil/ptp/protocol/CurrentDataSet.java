package io.timesync.hil.ptp.protocol;

/** CURRENT_DATA_SET (0x2001, clock-level, 18 bytes). stepsRemoved 0 means this clock is the grandmaster. */
public record CurrentDataSet(int stepsRemoved, TimeInterval offsetFromMaster, TimeInterval meanPathDelay)
        implements ManagementData {

    public static final ManagementId<CurrentDataSet> ID = new ManagementId<>(
            0x2001, "CURRENT_DATA_SET", ManagementId.Scope.CLOCK, 18, CurrentDataSet::decode);

    private static CurrentDataSet decode(ByteReader in) {
        return new CurrentDataSet(in.u16("stepsRemoved"), TimeInterval.decode(in, "offsetFromMaster"),
                TimeInterval.decode(in, "meanPathDelay"));
    }

    @Override
    public ManagementId<CurrentDataSet> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        out.u16(stepsRemoved);
        offsetFromMaster.encode(out);
        meanPathDelay.encode(out);
    }
}
