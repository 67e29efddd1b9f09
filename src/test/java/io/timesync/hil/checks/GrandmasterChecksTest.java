package io.timesync.hil.checks;

import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import org.junit.jupiter.api.Test;

import io.timesync.hil.time.StateWatch;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GrandmasterChecksTest {
    private static final List<String> INTERFACES = List.of("eth0");

    @Test
    void aGrandmasterWhosePortsAreMasterPasses() {
        Ptp4lSnapshot ptp = SimulatedPtp4lDatasets.grandmaster(INTERFACES, 0, PortState.MASTER);

        assertThat(ptp.role()).isEqualTo("Grandmaster");
        assertThat(GrandmasterChecks.stepsRemovedIsZero(ptp).status()).isEqualTo(Finding.Status.PASSED);
        assertThat(GrandmasterChecks.grandmasterIsHostClock(ptp).status()).isEqualTo(Finding.Status.PASSED);
    }

    /** A ptp4l whose port still listens is no grandmaster yet, whatever its data sets say. */
    @Test
    void aListeningPtp4lIsNotCalledGrandmaster() {
        Ptp4lSnapshot ptp = SimulatedPtp4lDatasets.grandmaster(INTERFACES, 0, PortState.LISTENING);

        assertThat(ptp.role()).isEqualTo("Listening");
        assertThat(ptp.summary()).startsWith("role=Listening,");
    }

    @Test
    void aSlaveFailsWithTheForeignGrandmaster() {
        Ptp4lSnapshot ptp = SimulatedPtp4lDatasets.slave(INTERFACES, 0, 0);

        Finding steps = GrandmasterChecks.stepsRemovedIsZero(ptp);
        Finding identity = GrandmasterChecks.grandmasterIsHostClock(ptp);

        assertThat(ptp.role()).isEqualTo("Slave");
        assertThat(steps.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(steps.message()).contains("role: Slave, grandmaster 02005e.fffe.0000aa", "expected: 0\n but was: 1");
        assertThat(identity.message()).endsWith("expected: 02005e.fffe.000001\n but was: 02005e.fffe.0000aa");
    }

    @Test
    void theDomainMustBeTheConfiguredOne() {
        assertThat(GrandmasterChecks.domainIsConfigured(24, 24).status()).isEqualTo(Finding.Status.PASSED);
        assertThat(GrandmasterChecks.domainIsConfigured(0, 24).message()).endsWith("expected: 0\n but was: 24");
    }

    @Test
    void theBenchPortMustReachMasterWithinTheSettleTimeout() {
        Ptp4lSnapshot ptp = SimulatedPtp4lDatasets.grandmaster(INTERFACES, 0, PortState.MASTER);
        List<PortState> seen = List.of(PortState.LISTENING, PortState.MASTER);

        Finding reached = GrandmasterChecks.benchPortReachesMaster(new PortStateWatch.Observation("eth0",
                Optional.of(1), new StateWatch.Observation<>(PortState.MASTER, seen, true, 1_234_000_000L)), ptp,
                30_000_000_000L);
        Finding stuck = GrandmasterChecks.benchPortReachesMaster(new PortStateWatch.Observation("eth0",
                Optional.of(1), new StateWatch.Observation<>(PortState.MASTER, List.of(PortState.LISTENING), false,
                        30_000_000_000L)), ptp, 30_000_000_000L);

        assertThat(reached.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(reached.required()).isEqualTo("port on eth0 MASTER within 30s");
        assertThat(reached.measured()).isEqualTo("port 1 MASTER after 1234ms");
        assertThat(stuck.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(stuck.message()).contains("did not reach MASTER within 30s").endsWith(
                "expected: MASTER\n but was: LISTENING (states seen: [LISTENING])");
    }

    @Test
    void noPortOnTheBenchInterfaceFailsNamingPtp4lsInterfaces() {
        Ptp4lSnapshot ptp = SimulatedPtp4lDatasets.grandmaster(List.of("eth1", "eth2"), 0, PortState.MASTER);

        Finding missing = GrandmasterChecks.benchPortReachesMaster(new PortStateWatch.Observation("eth0",
                Optional.empty(), new StateWatch.Observation<>(PortState.MASTER, List.of(), false, 0)), ptp,
                30_000_000_000L);

        assertThat(missing.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(missing.measured()).isEqualTo("no port on eth0");
        assertThat(missing.message()).contains("ports mapped to interfaces by PORT_PROPERTIES_NP")
                .endsWith("but was: ptp4l's interfaces [eth1, eth2]");
    }
}
