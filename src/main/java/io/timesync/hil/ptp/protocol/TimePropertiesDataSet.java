package io.timesync.hil.ptp.protocol;

/** TIME_PROPERTIES_DATA_SET (0x2003, clock-level, 4 bytes): carries the TAI-UTC offset. */
public record TimePropertiesDataSet(
        int currentUtcOffset,
        boolean leap61,
        boolean leap59,
        boolean currentUtcOffsetValid,
        boolean ptpTimescale,
        boolean timeTraceable,
        boolean frequencyTraceable,
        boolean synchronizationUncertain,
        int timeSource) implements ManagementData {

    public static final ManagementId<TimePropertiesDataSet> ID = new ManagementId<>(
            0x2003, "TIME_PROPERTIES_DATA_SET", ManagementId.Scope.CLOCK, 4, TimePropertiesDataSet::decode);

    private static TimePropertiesDataSet decode(ByteReader in) {
        int utcOffset = in.i16("currentUtcOffset");
        int flags = in.u8("flags");
        return new TimePropertiesDataSet(utcOffset, bit(flags, 0), bit(flags, 1), bit(flags, 2), bit(flags, 3),
                bit(flags, 4), bit(flags, 5), bit(flags, 6), in.u8("timeSource"));
    }

    private static boolean bit(int flags, int bit) {
        return (flags & (1 << bit)) != 0;
    }

    @Override
    public ManagementId<TimePropertiesDataSet> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        boolean[] bits = {leap61, leap59, currentUtcOffsetValid, ptpTimescale, timeTraceable, frequencyTraceable,
            synchronizationUncertain};
        int flags = 0;
        for (int i = 0; i < bits.length; i++) {
            flags |= bits[i] ? 1 << i : 0;
        }
        out.u16(currentUtcOffset).u8(flags).u8(timeSource);
    }
}
