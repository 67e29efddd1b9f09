package io.timesync.hil.ptp.protocol;

/** One PTP management message, as sent to and received from ptp4l's management socket. */
public record ManagementMessage(
        int domainNumber,
        PortIdentity sourcePortIdentity,
        int sequenceId,
        PortIdentity targetPortIdentity,
        int startingBoundaryHops,
        int boundaryHops,
        Action action,
        ManagementPayload payload) {

    /**
     * A request to the local ptp4l only: boundary hops 0, so ptp4l does not forward it to the network
     * (pmc's default of 1 would also fetch answers from remote clocks).
     */
    public static ManagementMessage request(int domainNumber, PortIdentity source, int sequenceId,
                                            PortIdentity target, Action action, ManagementPayload payload) {
        return new ManagementMessage(domainNumber, source, sequenceId, target, 0, 0, action, payload);
    }

    /** ptp4l's answer to this request: from {@code source}, addressed to the requester, same sequenceId. */
    public ManagementMessage response(PortIdentity source, ManagementPayload responsePayload) {
        int hops = startingBoundaryHops - boundaryHops;
        return new ManagementMessage(domainNumber, source, sequenceId, sourcePortIdentity, hops, hops,
                Action.RESPONSE, responsePayload);
    }
}
