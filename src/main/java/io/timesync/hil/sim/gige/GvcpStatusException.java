package io.timesync.hil.sim.gige;

/** A command the device refuses: the acknowledge carries {@link #status()} (a {@code Gvcp.STATUS_*} code). */
final class GvcpStatusException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    GvcpStatusException(int status, String reason) {
        super(Gvcp.statusName(status) + ": " + reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
