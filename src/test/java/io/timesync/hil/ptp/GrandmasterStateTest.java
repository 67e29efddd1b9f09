package io.timesync.hil.ptp;

import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Held means: its own grandmaster, stepsRemoved 0, the bench's domain, and MASTER on every bench interface. */
class GrandmasterStateTest {
    private static final List<String> PORTS = List.of("eth0", "eth1");

    @Test
    void heldOnlyWithEveryBenchPortMasterInTheBenchsDomain() {
        Ptp4lSnapshot master = SimulatedPtp4lDatasets.grandmaster(PORTS, 0, PortState.MASTER);

        assertThat(GrandmasterState.of(master, List.of("eth1"), 0).held()).isTrue();
        assertThat(GrandmasterState.of(master, List.of("eth0", "eth1"), 0).held()).isTrue();
        assertThat(GrandmasterState.of(master, List.of("eth2"), 0).held()).as("no port on eth2").isFalse();
        GrandmasterState otherDomain = GrandmasterState.of(master, List.of("eth1"), 24);
        assertThat(otherDomain.held()).isFalse();
        assertThat(otherDomain.description()).endsWith("domain=0, ports=[1 eth0 MASTER, 2 eth1 MASTER] (the bench's "
                + "domain is 24)");
        assertThat(GrandmasterState.of(SimulatedPtp4lDatasets.grandmaster(PORTS, 0, PortState.LISTENING),
                List.of("eth0"), 0).held()).isFalse();
        assertThat(GrandmasterState.of(SimulatedPtp4lDatasets.slave(PORTS, 0, 0), List.of("eth0"), 0).held()).isFalse();
    }

    /** Each bench interface is judged by its own port: eth1 LISTENING is not held though eth0 is MASTER. */
    @Test
    void eachBenchInterfaceIsJudgedByItsOwnPort() {
        Ptp4lSnapshot master = SimulatedPtp4lDatasets.grandmaster(PORTS, 0, PortState.MASTER);
        Ptp4lSnapshot listening = SimulatedPtp4lDatasets.grandmaster(PORTS, 0, PortState.LISTENING);
        Ptp4lSnapshot mixed = new Ptp4lSnapshot(master.defaultDataSet(), master.currentDataSet(),
                master.parentDataSet(), master.timePropertiesDataSet(), master.timeStatusNp(),
                List.of(master.portDataSets().get(0), listening.portDataSets().get(1)), master.portProperties());

        assertThat(GrandmasterState.of(mixed, List.of("eth0"), 0).held()).isTrue();
        assertThat(GrandmasterState.of(mixed, List.of("eth1"), 0).held()).isFalse();
        assertThat(GrandmasterState.of(mixed, List.of("eth0", "eth1"), 0).held()).isFalse();
    }

    @Test
    void anUnreachablePtp4lIsNotHeld() {
        GrandmasterState gone = GrandmasterState.unreachable("no reply");

        assertThat(gone).isEqualTo(new GrandmasterState(false, false, "unavailable (no reply)"));
    }
}
