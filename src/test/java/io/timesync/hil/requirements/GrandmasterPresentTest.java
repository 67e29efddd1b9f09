package io.timesync.hil.requirements;

import io.timesync.hil.checks.GrandmasterChecks;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.junit.EachBenchInterface;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lNoReplyException;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.report.Evidence;
import io.timesync.hil.time.DurationText;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import static io.timesync.hil.junit.Verdicts.require;

/**
 * Requirement 1: the host's ptp4l is the bench's PTP grandmaster, asked over its management socket.
 * Failed = ptp4l is in the wrong PTP state; broken = ptp4l cannot be asked (see the hint in the message).
 */
@HilRequirement
@Order(1)
@DisplayName("Grandmaster present: the host's ptp4l is the bench's PTP grandmaster")
public class GrandmasterPresentTest {
    private final PtpManagementClient ptp4l;
    private final BenchConfig bench;
    private final Evidence evidence;

    public GrandmasterPresentTest(PtpManagementClient ptp4l, BenchConfig bench, Evidence evidence) {
        this.ptp4l = ptp4l;
        this.bench = bench;
        this.evidence = evidence;
    }

    @Test
    @DisplayName("the host clock is its own grandmaster: stepsRemoved is 0")
    void stepsRemovedIsZero() {
        require(evidence, GrandmasterChecks.stepsRemovedIsZero(observe()));
    }

    @Test
    @DisplayName("the grandmaster is the host clock: grandmasterIdentity equals the host's clockIdentity")
    void grandmasterIsHostClock() {
        require(evidence, GrandmasterChecks.grandmasterIsHostClock(observe()));
    }

    @ParameterizedTest(name = "on {0}, within the settle timeout")
    @DisplayName("ptp4l's bench port reaches MASTER")
    @ArgumentsSource(EachBenchInterface.class)
    void benchPortReachesMaster(String benchInterface) {
        long settleTimeoutNs = bench.ptp4l().settleTimeoutNs();
        PortStateWatch.Observation port = PortStateWatch.awaitState(ptp4l, benchInterface, PortState.MASTER,
                settleTimeoutNs);
        evidence.attachJson("port observation", port);
        evidence.line(port.portNumber().isEmpty() ? "ptp4l has no port on " + benchInterface
                : "port " + port.portNumber().get() + " on " + benchInterface + ": states seen "
                + port.states().statesSeen() + " in " + DurationText.formatToMs(port.states().elapsedNs()));
        require(evidence, GrandmasterChecks.benchPortReachesMaster(port, observe(), settleTimeoutNs));
    }

    @Test
    @DisplayName("ptp4l runs in the configured PTP domain")
    void domainIsConfigured() {
        int actualDomain;
        try {
            actualDomain = ptp4l.get(DefaultDataSet.ID).domainNumber();
        } catch (Ptp4lNoReplyException e) {
            // ptp4l ignores requests for a domain other than its own; a ping across all domains finds its own
            if (e.answeringDomains().isEmpty()) {
                throw e;
            }
            actualDomain = e.answeringDomains().iterator().next();
            evidence.line(e.problem());
        }
        evidence.line("ptp4l's domainNumber: " + actualDomain);
        require(evidence, GrandmasterChecks.domainIsConfigured(bench.ptp4l().domain(), actualDomain));
    }

    private Ptp4lSnapshot observe() {
        Ptp4lSnapshot ptp = Ptp4lSnapshot.read(ptp4l);
        evidence.line("Host PTP: " + ptp.summary());
        evidence.attachJson("ptp4l datasets", ptp);
        return ptp;
    }
}
