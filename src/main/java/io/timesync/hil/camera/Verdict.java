package io.timesync.hil.camera;

/** A measured value against its threshold, taking the measurement's uncertainty into account. */
public enum Verdict {
    /** within the threshold even at the worst edge of the uncertainty */
    OK,
    /** beyond the threshold even at the best edge of the uncertainty */
    OUT_OF_TOLERANCE,
    /** the uncertainty straddles the threshold: this sample proves nothing */
    INCONCLUSIVE;

    public static Verdict judge(long valueNs, long uncertaintyNs, long thresholdNs) {
        long magnitudeNs = Math.abs(valueNs);
        if (magnitudeNs + uncertaintyNs <= thresholdNs) {
            return OK;
        }
        return magnitudeNs - uncertaintyNs > thresholdNs ? OUT_OF_TOLERANCE : INCONCLUSIVE;
    }

    /** The worse of two verdicts: out of tolerance over inconclusive over OK. */
    public Verdict worse(Verdict other) {
        if (this == OUT_OF_TOLERANCE || other == OUT_OF_TOLERANCE) {
            return OUT_OF_TOLERANCE;
        }
        return this == INCONCLUSIVE || other == INCONCLUSIVE ? INCONCLUSIVE : OK;
    }
}
