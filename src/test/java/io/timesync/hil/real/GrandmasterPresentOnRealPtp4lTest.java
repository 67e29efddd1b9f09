package io.timesync.hil.real;

import io.timesync.hil.real.RealPtp4lBench.Clock;
import io.timesync.hil.requirements.GrandmasterPresentTest;
import io.timesync.hil.selftest.RequirementRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.timesync.hil.selftest.RequirementRun.Status.BROKEN;
import static io.timesync.hil.selftest.RequirementRun.Status.FAILED;
import static io.timesync.hil.selftest.RequirementRun.Status.PASSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grandmaster requirement judged against real linuxptp ptp4l instead of the simulator: it passes on the real
 * grandmaster, fails on the real slave, and breaks with the domain hint when the bench file names another domain.
 * Each case is a real bench file (no simulation section), as a user would write it.
 */
class GrandmasterPresentOnRealPtp4lTest {
    private static final String STEPS_REMOVED = "stepsRemovedIsZero";
    private static final String GRANDMASTER = "grandmasterIsHostClock";
    private static final String PORT_MASTER = "benchPortReachesMaster";
    private static final String DOMAIN = "domainIsConfigured";

    private final RealPtp4lBench bench = RealPtp4lBench.require();

    @TempDir
    Path benchFiles;

    @Test
    void passesOnTheRealGrandmaster() throws IOException {
        RequirementRun run = run(benchFile("real-gm", bench.grandmaster(), bench.domain(), "5s", "1s"));

        assertThat(run.statuses()).as("outcomes: %s", run.outcomes())
                .isEqualTo(Map.of(STEPS_REMOVED, PASSED, GRANDMASTER, PASSED, PORT_MASTER, PASSED, DOMAIN, PASSED));
    }

    @Test
    void failsOnTheRealSlave() throws IOException {
        Clock slave = bench.slave();
        // short: the slave's port stays SLAVE, so the whole settle timeout is waited out
        RequirementRun run = run(benchFile("real-slave", slave, bench.domain(), "2s", "1s"));

        assertThat(run.statuses()).as("outcomes: %s", run.outcomes())
                .isEqualTo(Map.of(STEPS_REMOVED, FAILED, GRANDMASTER, FAILED, PORT_MASTER, FAILED, DOMAIN, PASSED));
        assertThat(run.message(STEPS_REMOVED)).contains("stepsRemoved", "role: Slave", "expected: 0", "but was: 1");
        assertThat(run.message(GRANDMASTER)).contains("expected: " + slave.clockIdentity(),
                "but was: " + bench.grandmaster().clockIdentity());
        assertThat(run.message(PORT_MASTER)).contains("on " + slave.interfaceName(), "did not reach MASTER within 2s",
                "expected: MASTER", "but was: SLAVE");
    }

    @Test
    void isBrokenWithTheDomainHintWhenTheBenchNamesAnotherDomain() throws IOException {
        int configuredDomain = 5;
        RequirementRun run = run(benchFile("real-gm-domain5", bench.grandmaster(), configuredDomain, "5s", "300ms"));

        assertThat(run.statuses()).as("outcomes: %s", run.outcomes())
                .isEqualTo(Map.of(STEPS_REMOVED, BROKEN, GRANDMASTER, BROKEN, PORT_MASTER, BROKEN, DOMAIN, FAILED));
        assertThat(run.message(DOMAIN)).contains("expected: " + configuredDomain, "but was: " + bench.domain());
        for (String broken : new String[] {STEPS_REMOVED, GRANDMASTER, PORT_MASTER}) {
            assertThat(run.message(broken)).as(broken).contains("Bench part unreachable",
                    "no reply to GET", "in domain " + configuredDomain,
                    "answers only in domain(s) [" + bench.domain() + "]", "Hint: set ptp4l.domain");
        }
    }

    private Path benchFile(String name, Clock clock, int domain, String settleTimeout, String replyTimeout)
            throws IOException {
        String yaml = String.join("\n",
                "# a real bench: the " + clock + " of " + bench.directory(),
                "name: " + name,
                "interface: " + clock.interfaceName(),
                "timeout: 30s",
                "ptp4l:",
                "  socket: " + clock.socket(),
                "  domain: " + domain,
                "  settleTimeout: " + settleTimeout,
                "  replyTimeout: " + replyTimeout,
                "");
        return Files.writeString(benchFiles.resolve(name + ".yaml"), yaml);
    }

    private static RequirementRun run(Path benchFile) {
        return RequirementRun.of(GrandmasterPresentTest.class, Map.of("hil.bench", benchFile.toString()));
    }
}
