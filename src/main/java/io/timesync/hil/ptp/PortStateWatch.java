package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortState;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** Awaits a port state: ptp4l passes LISTENING (and PRE_MASTER) before MASTER, so one reading is not enough. */
public final class PortStateWatch {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private PortStateWatch() {
    }

    /**
     * Observation of the port on one interface while waiting for a state.
     *
     * @param portNumber empty when ptp4l has no port on the interface
     * @param statesSeen each state the port was seen in, in order, without repeats
     */
    public record Observation(String interfaceName, Optional<Integer> portNumber, PortState wanted,
                              List<PortState> statesSeen, boolean reached, long elapsedNs) {

        public Optional<PortState> lastState() {
            return statesSeen.isEmpty() ? Optional.empty() : Optional.of(statesSeen.get(statesSeen.size() - 1));
        }
    }

    public static Observation awaitState(PtpManagementClient ptp4l, String interfaceName, PortState wanted,
                                    long timeoutNs) {
        Optional<Integer> portNumber = Ptp4lSnapshot.read(ptp4l).portOn(interfaceName);
        long startNs = System.nanoTime();
        if (portNumber.isEmpty()) {
            return new Observation(interfaceName, portNumber, wanted, List.of(), false, 0);
        }
        List<PortState> seen = new ArrayList<>();
        boolean reached;
        try {
            await().atMost(Duration.ofNanos(timeoutNs)).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .until(() -> record(seen, stateOf(ptp4l, portNumber.get())) == wanted);
            reached = true;
        } catch (ConditionTimeoutException e) {
            reached = false;
        }
        return new Observation(interfaceName, portNumber, wanted, List.copyOf(seen), reached,
                System.nanoTime() - startNs);
    }

    private static PortState stateOf(PtpManagementClient ptp4l, int portNumber) {
        return ptp4l.getFromEveryPort(PortDataSet.ID).stream()
                .filter(port -> port.portIdentity().portNumber() == portNumber)
                .map(PortDataSet::portState).findFirst()
                .orElseThrow(() -> new BenchPartMisbehavingException(ptp4l.toString(),
                        "port " + portNumber + " vanished from PORT_DATA_SET", "check ptp4l's log"));
    }

    private static PortState record(List<PortState> seen, PortState state) {
        if (seen.isEmpty() || seen.get(seen.size() - 1) != state) {
            seen.add(state);
        }
        return state;
    }
}
