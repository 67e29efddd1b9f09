package io.timesync.hil.ptp;

import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.ptp.protocol.TimeInterval;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Ptp4lSnapshotTest {
    private static final List<String> TWO_PORTS = List.of("eth1", "eth2");

    @Test
    void theSummaryNamesEveryPortWithItsInterfaceAndState() {
        Ptp4lSnapshot ptp = SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 24, PortState.MASTER);

        assertThat(ptp.summary()).isEqualTo("role=Grandmaster, gmClockID=02005e.fffe.000001, "
                + "clockID=02005e.fffe.000001, stepsRemoved=0, domain=24, ports=[1 eth1 MASTER, 2 eth2 MASTER]");
        assertThat(ptp.interfaces()).containsExactly("eth1", "eth2");
        assertThat(ptp.portOn("eth2")).contains(2);
        assertThat(ptp.portOn("eth9")).isEmpty();
        assertThat(ptp.interfaceOf(1)).contains("eth1");
        assertThat(ptp.interfaceOf(3)).isEmpty();
        assertThat(ptp.portMappingNote()).isEqualTo("ports mapped to interfaces by PORT_PROPERTIES_NP");
    }

    /** linuxptp 4's read-only socket refuses PORT_PROPERTIES_NP: only a single port can be placed. */
    @Test
    void withoutPortPropertiesOnlyASinglePortIsTakenToBeOnTheBenchInterface() {
        Ptp4lSnapshot one = withoutProperties(SimulatedPtp4lDatasets.grandmaster(List.of("eth1"), 0, PortState.MASTER));
        Ptp4lSnapshot two = withoutProperties(SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER));

        assertThat(one.portOn("anything")).contains(1);
        assertThat(two.portOn("eth1")).isEmpty();
        assertThat(two.interfaces()).isEmpty();
        assertThat(two.summary()).endsWith("ports=[1 ? MASTER, 2 ? MASTER]");
        assertThat(two.portMappingNote()).startsWith("ptp4l refused PORT_PROPERTIES_NP (read-only socket)");
    }

    @Test
    void grandmasterNeedsStepsRemovedZeroAndItsOwnIdentity() {
        Ptp4lSnapshot master = SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER);
        Ptp4lSnapshot oneStepAway = new Ptp4lSnapshot(master.defaultDataSet(),
                new CurrentDataSet(1, TimeInterval.ofNs(0), TimeInterval.ofNs(0)), master.parentDataSet(),
                master.timePropertiesDataSet(), master.timeStatusNp(), master.portDataSets(), master.portProperties());
        Ptp4lSnapshot foreign = new Ptp4lSnapshot(master.defaultDataSet(), master.currentDataSet(),
                SimulatedPtp4lDatasets.slave(TWO_PORTS, 0, 0).parentDataSet(), master.timePropertiesDataSet(),
                master.timeStatusNp(), master.portDataSets(), master.portProperties());

        assertThat(master.isGrandmaster()).isTrue();
        assertThat(oneStepAway.isGrandmaster()).isFalse();
        assertThat(foreign.isGrandmaster()).isFalse();
        // every port MASTER, yet not its own grandmaster: no role a port state explains
        assertThat(foreign.role()).isEqualTo("Not grandmaster");
    }

    @Test
    void theRoleIsThePortStateThatKeepsItFromBeingGrandmaster() {
        Ptp4lSnapshot master = SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER);

        assertThat(withStates(master, PortState.MASTER, PortState.PASSIVE).role()).isEqualTo("Passive");
        assertThat(withStates(master, PortState.PASSIVE, PortState.UNCALIBRATED).role()).isEqualTo("Uncalibrated");
        assertThat(withStates(master, PortState.UNCALIBRATED, PortState.SLAVE).role()).isEqualTo("Slave");
        assertThat(withStates(master, PortState.MASTER, PortState.PRE_MASTER).role()).isEqualTo("Pre-master");
        assertThat(withStates(master).role()).isEqualTo("Not grandmaster");
    }

    private static Ptp4lSnapshot withoutProperties(Ptp4lSnapshot ptp) {
        return new Ptp4lSnapshot(ptp.defaultDataSet(), ptp.currentDataSet(), ptp.parentDataSet(),
                ptp.timePropertiesDataSet(), ptp.timeStatusNp(), ptp.portDataSets(), List.of());
    }

    private static Ptp4lSnapshot withStates(Ptp4lSnapshot ptp, PortState... states) {
        List<PortDataSet> ports = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            PortDataSet port = ptp.portDataSets().get(i);
            ports.add(new PortDataSet(port.portIdentity(), states[i], port.logMinDelayReqInterval(),
                    port.peerMeanPathDelay(), port.logAnnounceInterval(), port.announceReceiptTimeout(),
                    port.logSyncInterval(), port.delayMechanism(), port.logMinPdelayReqInterval(), port.versionNumber()));
        }
        return new Ptp4lSnapshot(ptp.defaultDataSet(), ptp.currentDataSet(), ptp.parentDataSet(),
                ptp.timePropertiesDataSet(), ptp.timeStatusNp(), ports, List.of());
    }
}
