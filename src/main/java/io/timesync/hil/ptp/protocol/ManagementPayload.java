package io.timesync.hil.ptp.protocol;

/** The TLV a management message carries: data for a managementId, or an error status. */
public sealed interface ManagementPayload permits ManagementTlv, ManagementErrorStatus {
    int managementId();
}
