package io.timesync.hil;

/** A bench part is missing, not running, not permitted or not answering. */
public class BenchPartUnreachableException extends BenchPartException {
    public static final String KIND = "Bench part unreachable";

    public BenchPartUnreachableException(String part, String problem, String hint) {
        this(part, problem, hint, null);
    }

    public BenchPartUnreachableException(String part, String problem, String hint, Throwable cause) {
        super(KIND, part, problem, hint, cause);
    }
}
