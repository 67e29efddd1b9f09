package io.timesync.hil.camera.ic4;

import io.timesync.hil.BenchPartMisbehavingException;

/** An IC4 call failed; carries IC4's error code name and its own message. */
public class Ic4Exception extends BenchPartMisbehavingException {
    private final Ic4Error error;

    Ic4Exception(String part, Ic4Error error, String hint) {
        super(part, error.toString(), hint);
        this.error = error;
    }

    public Ic4Error error() {
        return error;
    }
}
