package io.timesync.hil.sim;

/**
 * Where inside its latch call a simulated camera latches. A real camera latches when the command reaches it:
 * after the request's share of the round trip, which nothing on the host can see. The suite's bound must hold
 * for every position; only {@link #MIDPOINT} is what a symmetric network gives.
 */
public enum LatchPosition {
    /** halfway through the call, give or take a few µs of path asymmetry: a symmetric round trip */
    MIDPOINT,
    /** at the very start of the call: an instant request, the whole round trip on the reply */
    START,
    /** at the very end: the whole round trip on the request */
    END,
    /** anywhere in the call, uniformly */
    UNIFORM,
    /** at 10/11 of the call: a request path ten times slower than the reply path (300 µs vs 30 µs) */
    ASYMMETRIC;

    static final long ASYMMETRY_SIGMA_NS = 2_000;

    /**
     * The latch instant within [{@code startNs}, {@code endNs}], never outside it.
     *
     * @param gaussian a standard normal draw, made before the call (draws cost CPU time inside the bracket)
     * @param uniform  a uniform draw in [0, 1), likewise
     */
    long instant(long startNs, long endNs, double gaussian, double uniform) {
        long spanNs = endNs - startNs;
        long instantNs = switch (this) {
            case MIDPOINT -> startNs + spanNs / 2 + Math.round(gaussian * ASYMMETRY_SIGMA_NS);
            case START -> startNs;
            case END -> endNs;
            case UNIFORM -> startNs + Math.round(uniform * spanNs);
            case ASYMMETRIC -> startNs + spanNs * 10 / 11;
        };
        return Math.max(startNs, Math.min(endNs, instantNs));
    }
}
