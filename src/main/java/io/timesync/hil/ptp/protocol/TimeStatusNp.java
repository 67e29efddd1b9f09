package io.timesync.hil.ptp.protocol;

/**
 * TIME_STATUS_NP (0xC000, linuxptp, clock-level, 50 bytes). masterOffset and ingressTime are plain
 * nanoseconds; gmPresent is true only when a foreign grandmaster was selected.
 */
public record TimeStatusNp(
        long masterOffsetNs,
        long ingressTimeNs,
        int cumulativeScaledRateOffset,
        int scaledLastGmPhaseChange,
        int gmTimeBaseIndicator,
        int lastGmPhaseChangeNsMsb,
        long lastGmPhaseChangeNsLsb,
        int lastGmPhaseChangeFractionalNs,
        boolean gmPresent,
        ClockIdentity gmIdentity) implements ManagementData {

    public static final ManagementId<TimeStatusNp> ID = new ManagementId<>(
            0xC000, "TIME_STATUS_NP", ManagementId.Scope.CLOCK, 50, TimeStatusNp::decode);

    private static TimeStatusNp decode(ByteReader in) {
        return new TimeStatusNp(in.i64("master_offset"), in.i64("ingress_time"),
                in.i32("cumulativeScaledRateOffset"), in.i32("scaledLastGmPhaseChange"),
                in.u16("gmTimeBaseIndicator"), in.u16("lastGmPhaseChange.nanoseconds_msb"),
                in.i64("lastGmPhaseChange.nanoseconds_lsb"), in.u16("lastGmPhaseChange.fractional_nanoseconds"),
                in.i32("gmPresent") != 0, ClockIdentity.decode(in, "gmIdentity"));
    }

    @Override
    public ManagementId<TimeStatusNp> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        out.i64(masterOffsetNs).i64(ingressTimeNs).i32(cumulativeScaledRateOffset).i32(scaledLastGmPhaseChange)
                .u16(gmTimeBaseIndicator).u16(lastGmPhaseChangeNsMsb).i64(lastGmPhaseChangeNsLsb)
                .u16(lastGmPhaseChangeFractionalNs).i32(gmPresent ? 1 : 0);
        gmIdentity.encode(out);
    }
}
