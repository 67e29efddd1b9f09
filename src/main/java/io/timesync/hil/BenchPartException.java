package io.timesync.hil;

/**
 * A bench part (ptp4l, a camera, a sensor) could not be used, so a requirement could not be judged:
 * the test is <em>broken</em>, not failed. The message names the part, the problem and how to fix it;
 * its first words are what the report's categories match on.
 */
public abstract class BenchPartException extends RuntimeException {
    private final String problem;

    protected BenchPartException(String kind, String part, String problem, String hint, Throwable cause) {
        super(kind + ": " + part + ": " + problem + "\nHint: " + hint, cause);
        this.problem = problem;
    }

    /** What went wrong, without the part's name and the hint. */
    public String problem() {
        return problem;
    }
}
