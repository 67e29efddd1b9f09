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
 * Every dataset the requirement looks at, read from ptp4l in one go, so a report shows one consistent
 * view; also what a simulated ptp4l serves.
 *
 * @param portDataSets   ports 1..n in order
 * @param portProperties ports 1..n in order; empty when ptp4l refuses PORT_PROPERTIES_NP (linuxptp 4's
 *                       read-only socket)
 */
public record Ptp4lSnapshot(
        DefaultDataSet defaultDataSet,
        CurrentDataSet currentDataSet,
        ParentDataSet parentDataSet,
        TimePropertiesDataSet timePropertiesDataSet,
        TimeStatusNp timeStatusNp,
        List<PortDataSet> portDataSets,
        List<PortPropertiesNp> portProperties) {

    public Ptp4lSnapshot {
        portDataSets = List.copyOf(portDataSets);
        portProperties = List.copyOf(portProperties);
    }

    public static Ptp4lSnapshot read(PtpManagementClient ptp4l) {
        List<PortPropertiesNp> properties;
        try {
            properties = ptp4l.getFromEveryPort(PortPropertiesNp.ID);
        } catch (ManagementErrorException e) {
            if (!e.is(ManagementErrorId.NOT_SUPPORTED)) {
                throw e;
            }
            properties = List.of();
        }
        return new Ptp4lSnapshot(ptp4l.get(DefaultDataSet.ID),
                ptp4l.get(CurrentDataSet.ID), ptp4l.get(ParentDataSet.ID), ptp4l.get(TimePropertiesDataSet.ID),
                ptp4l.get(TimeStatusNp.ID), ptp4l.getFromEveryPort(PortDataSet.ID), properties);
    }

    /** stepsRemoved 0 and the grandmaster is this clock itself. */
    public boolean isGrandmaster() {
        return currentDataSet.stepsRemoved() == 0
                && parentDataSet.grandmasterIdentity().equals(defaultDataSet.clockIdentity());
    }

    /**
     * The role its ports and data sets show: Grandmaster only when it is its own grandmaster and every port is
     * MASTER; else the port state that explains why not (Slave, Uncalibrated, Listening, Faulty, ...).
     */
    public String role() {
        if (hasPort(PortState.SLAVE)) {
            return "Slave";
        }
        if (hasPort(PortState.UNCALIBRATED)) {
            return "Uncalibrated";
        }
        if (isGrandmaster() && !portDataSets.isEmpty()
                && portDataSets.stream().allMatch(port -> port.portState() == PortState.MASTER)) {
            return "Grandmaster";
        }
        return portDataSets.stream().map(PortDataSet::portState).filter(state -> state != PortState.MASTER)
                .findFirst().map(Ptp4lSnapshot::capitalized).orElse("Not grandmaster");
    }

    private boolean hasPort(PortState state) {
        return portDataSets.stream().anyMatch(port -> port.portState() == state);
    }

    private static String capitalized(PortState state) {
        String name = state.name().toLowerCase().replace('_', '-');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
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

    /** How {@link #portOn} maps interfaces to ports. */
    public String portMappingNote() {
        return portProperties.isEmpty()
                ? "ptp4l refused PORT_PROPERTIES_NP (read-only socket): a single-port ptp4l's port is taken to be "
                + "on the bench interface"
                : "ports mapped to interfaces by PORT_PROPERTIES_NP";
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
