package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortState;

import java.util.List;
import java.util.Optional;

/** Awaits the state of ptp4l's port on a given interface. */
public final class PortStateWatch {
    private PortStateWatch() {
    }

    /** @param portNumber empty when ptp4l has no port on the interface (nothing was awaited) */
    public record Observation(String interfaceName, Optional<Integer> portNumber,
                              StateWatch.Observation<PortState> states) {
    }

    public static Observation awaitState(PtpManagementClient ptp4l, String interfaceName, PortState wanted,
                                         long timeoutNs) {
        Optional<Integer> portNumber = Ptp4lSnapshot.read(ptp4l).portOn(interfaceName);
        StateWatch.Observation<PortState> states = portNumber
                .map(port -> StateWatch.awaitState(() -> stateOf(ptp4l, port), wanted, timeoutNs))
                .orElseGet(() -> new StateWatch.Observation<>(wanted, List.of(), false, 0));
        return new Observation(interfaceName, portNumber, states);
    }

    private static PortState stateOf(PtpManagementClient ptp4l, int portNumber) {
        return ptp4l.getFromEveryPort(PortDataSet.ID).stream()
                .filter(port -> port.portIdentity().portNumber() == portNumber)
                .map(PortDataSet::portState).findFirst()
                .orElseThrow(() -> new BenchPartMisbehavingException(ptp4l.toString(),
                        "port " + portNumber + " vanished from PORT_DATA_SET", "check ptp4l's log"));
    }
}
