package io.timesync.hil.ptp.protocol;

/** MANAGEMENT_ERROR_STATUS TLV (tlvType 0x0002); ptp4l sends no displayData. */
public record ManagementErrorStatus(int errorId, int managementId, String displayData) implements ManagementPayload {
    public static final int TYPE = 0x0002;

    public ManagementErrorStatus(ManagementErrorId errorId, int managementId) {
        this(errorId.code(), managementId, "");
    }

    public String errorName() {
        return ManagementErrorId.describe(errorId);
    }

    @Override
    public String toString() {
        return errorName() + " for " + ManagementId.describe(managementId)
                + (displayData.isEmpty() ? "" : " (" + displayData + ")");
    }
}
