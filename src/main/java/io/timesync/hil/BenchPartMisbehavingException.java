package io.timesync.hil;

/** A bench part answered, but with malformed data or an error. */
public class BenchPartMisbehavingException extends BenchPartException {
    public static final String KIND = "Bench part misbehaving";

    public BenchPartMisbehavingException(String part, String problem, String hint) {
        this(part, problem, hint, null);
    }

    public BenchPartMisbehavingException(String part, String problem, String hint, Throwable cause) {
        super(KIND, part, problem, hint, cause);
    }
}
