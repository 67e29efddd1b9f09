package io.timesync.hil.ptp.protocol;

/** PORT_DATA_SET (0x2004, port-level, 26 bytes). */
public record PortDataSet(
        PortIdentity portIdentity,
        PortState portState,
        int logMinDelayReqInterval,
        TimeInterval peerMeanPathDelay,
        int logAnnounceInterval,
        int announceReceiptTimeout,
        int logSyncInterval,
        int delayMechanism,
        int logMinPdelayReqInterval,
        int versionNumber) implements ManagementData {

    public static final ManagementId<PortDataSet> ID = new ManagementId<>(
            0x2004, "PORT_DATA_SET", ManagementId.Scope.PORT, 26, PortDataSet::decode);

    private static PortDataSet decode(ByteReader in) {
        return new PortDataSet(PortIdentity.decode(in, "portIdentity"), PortState.decode(in, "portState"),
                in.i8("logMinDelayReqInterval"), TimeInterval.decode(in, "peerMeanPathDelay"),
                in.i8("logAnnounceInterval"), in.u8("announceReceiptTimeout"), in.i8("logSyncInterval"),
                in.u8("delayMechanism"), in.i8("logMinPdelayReqInterval"), in.u8("versionNumber") & 0x0F);
    }

    @Override
    public ManagementId<PortDataSet> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        portIdentity.encode(out);
        out.u8(portState.code()).u8(logMinDelayReqInterval);
        peerMeanPathDelay.encode(out);
        out.u8(logAnnounceInterval).u8(announceReceiptTimeout).u8(logSyncInterval).u8(delayMechanism)
                .u8(logMinPdelayReqInterval).u8(versionNumber);
    }
}
