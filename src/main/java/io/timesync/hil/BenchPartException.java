package io.timesync.hil;

/**
 * A bench part (ptp4l, a camera, a sensor) could not be used, so a requirement could not be judged:
 * the test is <em>broken</em>, not failed. The message names the part, the problem and how to fix it;
 * its first words are what the report's categories match on.
 */
public abstract class BenchPartException extends RuntimeException {
    private final String part;
    private final String problem;
    private final String hint;

    protected BenchPartException(String kind, String part, String problem, String hint, Throwable cause) {
        super(kind + ": " + part + ": " + problem + "\nHint: " + hint, cause);
        this.part = part;
        this.problem = problem;
        this.hint = hint;
    }

    public String part() {
        return part;
    }

    public String problem() {
        return problem;
    }

    public String hint() {
        return hint;
    }
}
