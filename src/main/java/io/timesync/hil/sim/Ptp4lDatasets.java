package io.timesync.hil.sim;

import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ManagementData;
import io.timesync.hil.ptp.protocol.NullManagement;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.TimePropertiesDataSet;
import io.timesync.hil.ptp.protocol.TimeStatusNp;

import java.util.List;
import java.util.Optional;

/**
 * What a simulated ptp4l serves at one moment: its clock-level datasets and, for ports 1..n in order,
 * the port-level ones.
 */
public record Ptp4lDatasets(
        DefaultDataSet defaultDataSet,
        CurrentDataSet currentDataSet,
        ParentDataSet parentDataSet,
        TimePropertiesDataSet timePropertiesDataSet,
        TimeStatusNp timeStatusNp,
        List<PortDataSet> portDataSets,
        List<PortPropertiesNp> portProperties) {

    public Ptp4lDatasets {
        portDataSets = List.copyOf(portDataSets);
        portProperties = List.copyOf(portProperties);
    }

    /** Clock-level data for a managementId this ptp4l implements. */
    Optional<ManagementData> clockLevel(int managementId) {
        return List.<ManagementData>of(defaultDataSet, currentDataSet, parentDataSet, timePropertiesDataSet,
                timeStatusNp).stream().filter(data -> data.id().code() == managementId).findFirst();
    }

    /** Port-level data of port {@code index + 1} for a managementId this ptp4l implements. */
    Optional<ManagementData> portLevel(int managementId, int index) {
        if (managementId == PortDataSet.ID.code()) {
            return Optional.of(portDataSets.get(index));
        }
        if (managementId == PortPropertiesNp.ID.code()) {
            return Optional.of(portProperties.get(index));
        }
        if (managementId == NullManagement.ID.code()) {
            return Optional.of(new NullManagement());
        }
        return Optional.empty();
    }
}
