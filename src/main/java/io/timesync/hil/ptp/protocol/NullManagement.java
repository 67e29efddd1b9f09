package io.timesync.hil.ptp.protocol;

/** NULL_MANAGEMENT: no data; every port answers it, in any state, so it serves as a ping. */
public record NullManagement() implements ManagementData {
    public static final ManagementId<NullManagement> ID =
            new ManagementId<>(0x0000, "NULL_MANAGEMENT", ManagementId.Scope.PORT, 0, in -> new NullManagement());

    @Override
    public ManagementId<NullManagement> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        // no data
    }
}
