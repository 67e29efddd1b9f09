package io.timesync.hil.checks;

import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
