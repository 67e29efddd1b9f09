package io.timesync.hil.ptp.protocol;

/** The data field of a MANAGEMENT TLV: one type per managementId, each with its own decode and encode. */
public sealed interface ManagementData
        permits NullManagement, DefaultDataSet, CurrentDataSet, ParentDataSet, TimePropertiesDataSet,
        PortDataSet, TimeStatusNp, PortPropertiesNp {

    ManagementId<?> id();

    void encode(ByteWriter out);
}
