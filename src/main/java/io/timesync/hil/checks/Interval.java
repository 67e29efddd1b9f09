package io.timesync.hil.checks;

/**
 * Where a true value certainly lies, {@code lowNs <= value <= highNs}: every bound the checks report is one
 * of these, derived from host-clock brackets, never from an assumption about where inside a call something
 * happened.
 */
public record Interval(long lowNs, long highNs) {
    public Interval {
        if (lowNs > highNs) {
            throw new IllegalArgumentException("empty interval [" + lowNs + ", " + highNs + "]");
        }
    }

    public static Interval of(long valueNs) {
        return new Interval(valueNs, valueNs);
    }

    /** {@code this - other}: every difference of a value in this and a value in other. */
    public Interval minus(Interval other) {
        return new Interval(lowNs - other.highNs, highNs - other.lowNs);
    }

    public Interval minus(long ns) {
        return new Interval(lowNs - ns, highNs - ns);
    }

    public boolean contains(long valueNs) {
        return lowNs <= valueNs && valueNs <= highNs;
    }

    /** The smallest |value| the true value can have. */
    public long minAbsNs() {
        return lowNs > 0 ? lowNs : highNs < 0 ? -highNs : 0;
    }

    /** The largest |value| the true value can have. */
    public long maxAbsNs() {
        return Math.max(Math.abs(lowNs), Math.abs(highNs));
    }

    /** The midpoint: the estimate shown, never the basis of a verdict. */
    public long midNs() {
        return lowNs + (highNs - lowNs) / 2;
    }

    /** Half the width: how far the midpoint can be from the true value. */
    public long halfWidthNs() {
        return (highNs - lowNs + 1) / 2;
    }
}
