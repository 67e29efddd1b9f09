package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.ptp.protocol.ManagementErrorId;
import io.timesync.hil.ptp.protocol.ManagementErrorStatus;
import io.timesync.hil.ptp.protocol.ManagementId;

/** ptp4l answered a request with MANAGEMENT_ERROR_STATUS; {@link #errorName()} is e.g. NOT_SUPPORTED. */
public class ManagementErrorException extends BenchPartMisbehavingException {
    private final ManagementErrorStatus status;

    ManagementErrorException(String part, String request, ManagementErrorStatus status, int sourcePort) {
        super(part, "answered " + request + " with MANAGEMENT_ERROR_STATUS " + status.errorName()
                + " (from port " + sourcePort + ")", hintFor(status));
        this.status = status;
    }

    public String errorName() {
        return status.errorName();
    }

    public boolean is(ManagementErrorId id) {
        return status.errorId() == id.code();
    }

    private static String hintFor(ManagementErrorStatus status) {
        String id = ManagementId.describe(status.managementId());
        if (status.errorId() == ManagementErrorId.NOT_SUPPORTED.code()) {
            return "this ptp4l does not serve " + id + " on this socket; linuxptp 4's read-only socket "
                    + "(/var/run/ptp4lro) refuses PORT_PROPERTIES_NP: use the read-write socket "
                    + "(ptp4l.socket: /var/run/ptp4l) with a user in its group";
        }
        if (status.errorId() == ManagementErrorId.NO_SUCH_ID.code()) {
            return "this ptp4l does not know " + id + "; check `ptp4l -v` (linuxptp 3.1 or newer is needed)";
        }
        if (status.errorId() == ManagementErrorId.WRONG_VALUE.code()) {
            return "the target port does not exist on this ptp4l; check the interfaces ptp4l was started with";
        }
        return "see ptp4l's log for why it rejected " + id;
    }
}
