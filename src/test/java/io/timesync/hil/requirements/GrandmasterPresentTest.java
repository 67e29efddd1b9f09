package io.timesync.hil.requirements;

import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.DurationText;
import io.timesync.hil.junit.BenchInterfaces;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lNoReplyException;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.report.Evidence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requirement 1: the host's ptp4l is the bench's PTP grandmaster, asked over its management socket.
 * Failed = ptp4l is in the wrong PTP state; broken = ptp4l cannot be asked (see the hint in the message).
 */
@HilRequirement
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
        Ptp4lSnapshot ptp = observe();
        evidence.parameter("required", "stepsRemoved 0");
        evidence.parameter("measured", "stepsRemoved " + ptp.currentDataSet().stepsRemoved() + " (role "
                + ptp.role() + ")");

        assertThat(ptp.currentDataSet().stepsRemoved())
                .as("CURRENT_DATA_SET.stepsRemoved of %s (0 when this clock is the grandmaster; role: %s)", ptp4l, ptp.role())
                .isZero();
    }

    @Test
    @DisplayName("the grandmaster is the host clock: grandmasterIdentity equals the host's clockIdentity")
    void grandmasterIsHostClock() {
        Ptp4lSnapshot ptp = observe();
        evidence.parameter("required", "grandmasterIdentity " + ptp.defaultDataSet().clockIdentity()
                + " (the host's clockIdentity)");
        evidence.parameter("measured", "grandmasterIdentity " + ptp.parentDataSet().grandmasterIdentity());

        assertThat(ptp.parentDataSet().grandmasterIdentity())
                .as("PARENT_DATA_SET.grandmasterIdentity of %s, vs its own DEFAULT_DATA_SET.clockIdentity", ptp4l)
                .isEqualTo(ptp.defaultDataSet().clockIdentity());
    }

    @ParameterizedTest(name = "on {0}, within the settle timeout")
    @DisplayName("ptp4l's bench port reaches MASTER")
    @ArgumentsSource(BenchInterfaces.class)
    void benchPortReachesMaster(String benchInterface) {
        long settleTimeoutNs = bench.ptp4l().settleTimeoutNs();
        evidence.parameter("required", "port on " + benchInterface + " MASTER within "
                + DurationText.format(settleTimeoutNs));

        PortStateWatch.Observation port = PortStateWatch.awaitState(ptp4l, benchInterface, PortState.MASTER,
                settleTimeoutNs);
        evidence.parameter("measured", port.portNumber().map(number -> "port " + number + " "
                + port.states().lastState().map(String::valueOf).orElse("(no state)") + " after "
                + DurationText.formatToMs(port.states().elapsedNs())).orElse("no port on " + benchInterface));
        Ptp4lSnapshot ptp = observe();
        evidence.attachJson("port observation", port);
        evidence.line(port.portNumber().isEmpty() ? "ptp4l has no port on " + benchInterface
                : "port " + port.portNumber().get() + " on " + benchInterface + ": states seen "
                + port.states().statesSeen() + " in " + DurationText.formatToMs(port.states().elapsedNs()));

        assertThat(port.portNumber())
                .as("the port ptp4l runs on %s (ptp4l's interfaces: %s; %s)", benchInterface, ptp.interfaces(),
                        ptp.portMappingNote())
                .isPresent();
        assertThat(port.states().reached())
                .withFailMessage("ptp4l's port %d on %s did not reach MASTER within %s%nexpected: MASTER%n but was: %s"
                                + " (states seen: %s)", port.portNumber().get(), benchInterface,
                        DurationText.format(settleTimeoutNs), port.states().lastState().orElse(null),
                        port.states().statesSeen())
                .isTrue();
    }

    @Test
    @DisplayName("ptp4l runs in the configured PTP domain")
    void domainIsConfigured() {
        int configuredDomain = bench.ptp4l().domain();
        evidence.parameter("required", "domainNumber " + configuredDomain);
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
        evidence.parameter("measured", "domainNumber " + actualDomain);

        assertThat(actualDomain).as("domainNumber of %s", ptp4l.socket()).isEqualTo(configuredDomain);
    }

    private Ptp4lSnapshot observe() {
        Ptp4lSnapshot ptp = Ptp4lSnapshot.read(ptp4l);
        evidence.line("Host PTP: " + ptp.summary());
        evidence.attachJson("ptp4l datasets", ptp);
        return ptp;
    }
}
