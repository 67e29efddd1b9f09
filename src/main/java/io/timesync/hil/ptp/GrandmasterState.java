package io.timesync.hil.ptp;

import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortState;

import java.util.List;

/**
 * What one sample of the grandmaster watch saw: whether the host held the bench's grandmaster role (its own
 * grandmaster, stepsRemoved 0, the bench's domain, its port on every bench interface MASTER), and ptp4l's
 * summary line (the reference tool's {@code role=…, gmClockID=…} line) or why ptp4l could not be asked. Two
 * samples that saw the same are equal, so the watch's timeline merges them.
 */
public record GrandmasterState(boolean reachable, boolean held, String description) {

    public static GrandmasterState of(Ptp4lSnapshot ptp, List<String> benchInterfaces, int benchDomain) {
        boolean portsMaster = benchInterfaces.stream().allMatch(name -> ptp.portOn(name)
                .flatMap(port -> ptp.portDataSets().stream().filter(data -> data.portIdentity().portNumber() == port)
                        .map(PortDataSet::portState).findFirst())
                .filter(state -> state == PortState.MASTER).isPresent());
        int domain = ptp.defaultDataSet().domainNumber();
        return new GrandmasterState(true, ptp.isGrandmaster() && portsMaster && domain == benchDomain, ptp.summary()
                + (domain == benchDomain ? "" : " (the bench's domain is " + benchDomain + ")"));
    }

    /** ptp4l could not be asked: not held, whatever it is doing. */
    public static GrandmasterState unreachable(String problem) {
        return new GrandmasterState(false, false, "unavailable (" + problem + ")");
    }
}
