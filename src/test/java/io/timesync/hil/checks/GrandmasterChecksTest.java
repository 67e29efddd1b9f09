package io.timesync.hil.checks;

import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.time.Timeline;
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

    private static final long T0 = 1_795_000_000_000_000_000L;
    private static final long INTERVAL_NS = Timelines.INTERVAL_NS;
    private static final GrandmasterState LISTENING = new GrandmasterState(true, false, "role=Listening");
    private static final GrandmasterState GONE = GrandmasterState.unreachable("the management socket /x does not exist");

    /** ptp4l settling before it first held the role is the port check's business, not a loss. */
    @Test
    void heldFromTheFirstHeldSampleToTheEndPasses() {
        Timeline<GrandmasterState> timeline = Timelines.sampled(T0, LISTENING, 2, Timelines.HELD, 40);

        Finding held = GrandmasterChecks.heldForTheWholeRun(timeline, T0 + 41 * INTERVAL_NS);

        assertThat(held.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(held.required()).isEqualTo("the bench's grandmaster at every sample of the watch (ptp4l asked every "
                + "250ms) to the end of the run");
        assertThat(held.measured()).isEqualTo("42 samples from 2026-11-18T11:06:40.000Z to 2026-11-18T11:06:50.250Z; "
                + "held throughout");
    }

    @Test
    void aLossSaysWhenToWhatAndForHowLong() {
        Timeline<GrandmasterState> timeline = Timelines.sampled(T0, Timelines.HELD, 4, Timelines.SLAVE, 3, GONE, 1,
                Timelines.HELD, 4, LISTENING, 2);

        Finding held = GrandmasterChecks.heldForTheWholeRun(timeline, T0 + 13 * INTERVAL_NS);

        assertThat(held.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(held.measured()).endsWith("; lost 2 time(s)");
        assertThat(held.message()).isEqualTo("the host lost the bench's grandmaster role during the run:\n"
                + "lost after 2026-11-18T11:06:40.750Z (750ms into the run): role=Slave, gmClockID=02005e.fffe.0000aa, "
                + "then unavailable (the management socket /x does not exist); held again at 2026-11-18T11:06:42.000Z "
                + "(lost for at most 1250ms)\n"
                + "lost after 2026-11-18T11:06:42.750Z (2750ms into the run): role=Listening; not held again to the end "
                + "of the run\nexpected: grandmaster to the end of the run\n but was: role=Slave, "
                + "gmClockID=02005e.fffe.0000aa from 2026-11-18T11:06:41.000Z");
    }

    @Test
    void neverHeldFailsAndNeverReachedIsBroken() {
        Finding never = GrandmasterChecks.heldForTheWholeRun(Timelines.sampled(T0, Timelines.SLAVE, 8), T0 + 2_000_000_000L);
        Finding unreachable = GrandmasterChecks.heldForTheWholeRun(Timelines.sampled(T0, GONE, 8), T0 + 2_000_000_000L);

        assertThat(never.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(never.message()).startsWith("the host never held the bench's grandmaster role while it was watched");
        assertThat(unreachable.status()).isEqualTo(Finding.Status.BROKEN);
        assertThat(unreachable.message()).startsWith("Bench part unreachable: ptp4l: unavailable (the management socket");
    }

    @Test
    void aWatchThatCouldNotKeepItsRateLeavesItInconclusive() {
        Timeline<GrandmasterState> stalled = new Timeline<>(INTERVAL_NS, List.of(
                new Timeline.Stretch<>(Timelines.HELD, T0, T0 + 3_000_000_000L, 3, 2_000_000_000L)));
        Timeline<GrandmasterState> stopped = Timelines.sampled(T0, Timelines.HELD, 4);

        assertThat(GrandmasterChecks.heldForTheWholeRun(stalled, T0 + 3_000_000_000L).message())
                .contains("it went 2s without a sample");
        assertThat(GrandmasterChecks.heldForTheWholeRun(stopped, T0 + 750_000_000L + 5 * INTERVAL_NS).status())
                .isEqualTo(Finding.Status.PASSED);
        assertThat(GrandmasterChecks.heldForTheWholeRun(stopped, T0 + 750_000_000L + 5 * INTERVAL_NS + 1).message())
                .contains("its last sample was 1250ms before the end of the run");
        assertThat(GrandmasterChecks.heldForTheWholeRun(new Timeline<>(INTERVAL_NS, List.of()), T0).status())
                .isEqualTo(Finding.Status.INCONCLUSIVE);
    }
}
