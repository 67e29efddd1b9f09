package io.timesync.hil.camera.aravis;

import io.timesync.hil.BenchPartMisbehavingException;

/** An Aravis call failed on a camera that answers; carries Aravis' error domain, code and own message. */
public class AravisException extends BenchPartMisbehavingException {
    private final AravisError error;

    AravisException(String part, AravisError error, String hint) {
        super(part, error.toString(), hint);
        this.error = error;
    }

    public AravisError error() {
        return error;
    }
}
