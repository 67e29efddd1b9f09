package io.timesync.hil.checks;

/** A measured magnitude against its threshold, judged on where the true value certainly lies. */
public enum Verdict {
    /** within the threshold wherever the true value lies */
    OK,
    /** the bound straddles the threshold: this measurement proves nothing */
    INCONCLUSIVE,
    /** beyond the threshold wherever the true value lies */
    OUT_OF_TOLERANCE;

    /** |true value| <= threshold? */
    public static Verdict of(Interval value, long thresholdNs) {
        return ofMagnitude(value.minAbsNs(), value.maxAbsNs(), thresholdNs);
    }

    /** A magnitude known to lie in [{@code leastNs}, {@code mostNs}] against {@code thresholdNs}. */
    public static Verdict ofMagnitude(long leastNs, long mostNs, long thresholdNs) {
        if (mostNs <= thresholdNs) {
            return OK;
        }
        return leastNs > thresholdNs ? OUT_OF_TOLERANCE : INCONCLUSIVE;
    }

    /** The worse of two verdicts: out of tolerance over inconclusive over OK (declaration order). */
    public Verdict worse(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
