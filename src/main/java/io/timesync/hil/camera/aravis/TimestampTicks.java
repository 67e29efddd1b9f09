package io.timesync.hil.camera.aravis;

import java.math.BigInteger;

/** Device timestamp ticks to nanoseconds, exact in 64-bit integers (no double: 1.8e18 ns needs 61 bits). */
final class TimestampTicks {
    static final long NS_PER_SECOND = 1_000_000_000L;
    /** Largest remainder (below the frequency) whose product with 1e9 still fits in a long. */
    private static final long MAX_EXACT_REMAINDER = Long.MAX_VALUE / NS_PER_SECOND;

    private TimestampTicks() {
    }

    /**
     * {@code floor(ticks × 1e9 / frequencyHz)}: whole seconds and the remainder are scaled separately, so the
     * product never overflows; the result is below the exact value by less than 1 ns.
     *
     * @throws ArithmeticException when the result does not fit in a long
     */
    static long toNs(long ticks, long frequencyHz) {
        if (frequencyHz <= 0) {
            throw new IllegalArgumentException("tick frequency must be positive, was " + frequencyHz + " Hz");
        }
        if (frequencyHz == NS_PER_SECOND) {
            return ticks;
        }
        long seconds = Math.floorDiv(ticks, frequencyHz);
        long remainderTicks = Math.floorMod(ticks, frequencyHz);
        long fractionNs = remainderTicks <= MAX_EXACT_REMAINDER
                ? remainderTicks * NS_PER_SECOND / frequencyHz
                // only for frequencies above ~9.2 GHz: no camera clock ticks that fast, but stay exact anyway
                : BigInteger.valueOf(remainderTicks).multiply(BigInteger.valueOf(NS_PER_SECOND))
                .divide(BigInteger.valueOf(frequencyHz)).longValueExact();
        return Math.addExact(Math.multiplyExact(seconds, NS_PER_SECOND), fractionNs);
    }
}
