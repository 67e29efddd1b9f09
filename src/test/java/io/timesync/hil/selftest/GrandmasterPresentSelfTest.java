package io.timesync.hil.selftest;

import io.timesync.hil.requirements.GrandmasterPresentTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.timesync.hil.selftest.RequirementRun.Status.BROKEN;
import static io.timesync.hil.selftest.RequirementRun.Status.FAILED;
import static io.timesync.hil.selftest.RequirementRun.Status.PASSED;
import static org.assertj.core.api.Assertions.assertThat;

/** The grandmaster requirement passes on a healthy simulated bench and fails or breaks on each faulty one. */
class GrandmasterPresentSelfTest {
    private static final String STEPS_REMOVED = "stepsRemovedIsZero";
    private static final String GRANDMASTER = "grandmasterIsHostClock";
    private static final String PORT_MASTER = "benchPortReachesMaster";
    private static final String DOMAIN = "domainIsConfigured";

    @Test
    void passesOnTheGrandmasterBench() {
        RequirementRun run = run(Map.of());

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, PASSED, GRANDMASTER, PASSED, PORT_MASTER, PASSED,
                DOMAIN, PASSED));
    }

    @Test
    void failsOnTheSlaveBench() {
        RequirementRun run = run(Map.of("hil.simulation.ptp4l.role", "slave", "hil.ptp4l.settleTimeout", "1s"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, FAILED, GRANDMASTER, FAILED, PORT_MASTER, FAILED,
                DOMAIN, PASSED));
        assertThat(run.message(STEPS_REMOVED)).contains("stepsRemoved", "role: Slave", "expected: 0", "but was: 1");
        assertThat(run.message(GRANDMASTER)).contains("expected: 02005e.fffe.000001", "but was: 02005e.fffe.0000aa");
        assertThat(run.message(PORT_MASTER)).contains("expected: MASTER", "but was: SLAVE");
    }

    @Test
    void failsWhenTheBenchPortStaysListening() {
        RequirementRun run = run(Map.of("hil.simulation.ptp4l.role", "listening", "hil.ptp4l.settleTimeout", "1s"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, PASSED, GRANDMASTER, PASSED, PORT_MASTER, FAILED,
                DOMAIN, PASSED));
        assertThat(run.message(PORT_MASTER)).contains("did not reach MASTER within 1s", "but was: LISTENING",
                "states seen: [LISTENING]");
    }

    @Test
    void failsWhenPtp4lServesAnotherInterface() {
        RequirementRun run = run(Map.of("hil.simulation.ptp4l.interface", "eth7"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, PASSED, GRANDMASTER, PASSED, PORT_MASTER, FAILED,
                DOMAIN, PASSED));
        assertThat(run.message(PORT_MASTER)).contains("ptp4l has no port on sim0", "expected: a port on sim0",
                "but was: ptp4l's interfaces [eth7]");
    }

    @Test
    void failsTheDomainCheckWhenPtp4lRunsInAnotherDomain() {
        RequirementRun run = run(Map.of("hil.simulation.ptp4l.domain", "24", "hil.ptp4l.replyTimeout", "200ms"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, BROKEN, GRANDMASTER, BROKEN, PORT_MASTER, BROKEN,
                DOMAIN, FAILED));
        assertThat(run.message(DOMAIN)).contains("expected: 0", "but was: 24");
        assertThat(run.message(STEPS_REMOVED)).contains("Bench part unreachable", "answers only in domain(s) [24]",
                "Hint: set ptp4l.domain");
    }

    @Test
    void isBrokenWithAHintWhenPtp4lIsNotRunning() {
        RequirementRun run = run(Map.of("hil.simulation.ptp4l.role", "absent"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, BROKEN, GRANDMASTER, BROKEN, PORT_MASTER, BROKEN,
                DOMAIN, BROKEN));
        assertThat(run.outcomes().values()).allSatisfy(outcome -> assertThat(outcome.message())
                .contains("Bench part unreachable", "does not exist", "Hint: is ptp4l running"));
    }

    @Test
    void isBrokenWithAHintWhenPtp4lDoesNotAnswer() {
        RequirementRun run = run(Map.of("hil.simulation.ptp4l.role", "silent", "hil.ptp4l.replyTimeout", "200ms"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, BROKEN, GRANDMASTER, BROKEN, PORT_MASTER, BROKEN,
                DOMAIN, BROKEN));
        assertThat(run.outcomes().values()).allSatisfy(outcome -> assertThat(outcome.message())
                .contains("Bench part unreachable", "no reply to GET", "within 200 ms", "Hint: is ptp4l hung?"));
    }

    @Test
    void isBrokenWhenPtp4lAnswersGarbage() {
        RequirementRun run = run(Map.of("hil.simulation.ptp4l.role", "garbage"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, BROKEN, GRANDMASTER, BROKEN, PORT_MASTER, BROKEN,
                DOMAIN, BROKEN));
        assertThat(run.message(STEPS_REMOVED)).contains("Bench part misbehaving", "malformed reply");
    }

    @Test
    void isBrokenWithTheConfigurationErrorOnABadBench() {
        RequirementRun run = run(Map.of("hil.ptp4l.domain", "zero"));

        assertThat(run.statuses()).isEqualTo(Map.of(STEPS_REMOVED, BROKEN, GRANDMASTER, BROKEN, PORT_MASTER, BROKEN,
                DOMAIN, BROKEN));
        assertThat(run.outcomes().values()).allSatisfy(outcome -> assertThat(outcome.message())
                .startsWith("BenchConfigException: Bench configuration error: -Dhil.ptp4l.domain=zero")
                .contains("expected an integer 0..255"));
    }

    private static RequirementRun run(Map<String, String> properties) {
        return RequirementRun.of(GrandmasterPresentTest.class, properties);
    }
}
