package io.timesync.hil.ptp;

import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ManagementErrorId;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.ptp.protocol.TimePropertiesDataSet;
import io.timesync.hil.ptp.protocol.TimeStatusNp;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every dataset the requirement looks at, read from ptp4l in one go, so a report shows one consistent view.
 *
 * @param portProperties empty when ptp4l refuses PORT_PROPERTIES_NP (linuxptp 4's read-only socket);
 *                       {@code portMappingNote} then says how ports were mapped to interfaces
 */
public record Ptp4lSnapshot(
        String socket,
        DefaultDataSet defaultDataSet,
        CurrentDataSet currentDataSet,
        ParentDataSet parentDataSet,
        TimePropertiesDataSet timePropertiesDataSet,
        TimeStatusNp timeStatusNp,
        List<PortDataSet> portDataSets,
        List<PortPropertiesNp> portProperties,
        String portMappingNote) {

    public Ptp4lSnapshot {
        portDataSets = List.copyOf(portDataSets);
        portProperties = List.copyOf(portProperties);
    }

    public static Ptp4lSnapshot read(PtpManagementClient ptp4l) {
        List<PortPropertiesNp> properties;
        String note;
        try {
            properties = ptp4l.getFromEveryPort(PortPropertiesNp.ID);
            note = "ports mapped to interfaces by PORT_PROPERTIES_NP";
        } catch (ManagementErrorException e) {
            if (!e.is(ManagementErrorId.NOT_SUPPORTED)) {
                throw e;
            }
            properties = List.of();
            note = "ptp4l refuses PORT_PROPERTIES_NP on " + ptp4l.socket()
                    + " (read-only socket): a single-port ptp4l's port is taken to be on the bench interface";
        }
        return new Ptp4lSnapshot(ptp4l.socket().toString(), ptp4l.get(DefaultDataSet.ID),
                ptp4l.get(CurrentDataSet.ID), ptp4l.get(ParentDataSet.ID), ptp4l.get(TimePropertiesDataSet.ID),
                ptp4l.get(TimeStatusNp.ID), ptp4l.getFromEveryPort(PortDataSet.ID), properties, note);
    }

    /** stepsRemoved 0 and the grandmaster is this clock itself. */
    public boolean isGrandmaster() {
        return currentDataSet.stepsRemoved() == 0
                && parentDataSet.grandmasterIdentity().equals(defaultDataSet.clockIdentity());
    }

    public String role() {
        if (isGrandmaster()) {
            return "Grandmaster";
        }
        if (portDataSets.stream().anyMatch(port -> port.portState() == PortState.SLAVE)) {
            return "Slave";
        }
        if (portDataSets.stream().anyMatch(port -> port.portState() == PortState.UNCALIBRATED)) {
            return "Uncalibrated";
        }
        return "Not grandmaster";
    }

    /** The reference tool's line, plus what explains a red result. */
    public String summary() {
        String ports = portDataSets.stream()
                .map(port -> port.portIdentity().portNumber() + " "
                        + interfaceOf(port.portIdentity().portNumber()).orElse("?") + " " + port.portState())
                .collect(Collectors.joining(", "));
        return "role=" + role() + ", gmClockID=" + parentDataSet.grandmasterIdentity()
                + ", clockID=" + defaultDataSet.clockIdentity() + ", stepsRemoved=" + currentDataSet.stepsRemoved()
                + ", domain=" + defaultDataSet.domainNumber() + ", ports=[" + ports + "]";
    }

    /** The port ptp4l runs on {@code interfaceName}, if any. */
    public Optional<Integer> portOn(String interfaceName) {
        if (portProperties.isEmpty()) {
            return defaultDataSet.numberPorts() == 1 ? Optional.of(1) : Optional.empty();
        }
        return portProperties.stream().filter(port -> port.interfaceName().equals(interfaceName))
                .map(port -> port.portIdentity().portNumber()).findFirst();
    }

    public Optional<String> interfaceOf(int portNumber) {
        return portProperties.stream().filter(port -> port.portIdentity().portNumber() == portNumber)
                .map(PortPropertiesNp::interfaceName).findFirst();
    }

    public List<String> interfaces() {
        return portProperties.stream().map(PortPropertiesNp::interfaceName).toList();
    }
}
