package io.timesync.hil.sim.net;

import io.timesync.hil.time.DurationText;

/**
 * The delay one direction of a {@link UdpDelayRelay} puts on each datagram: {@code baseNs} plus a uniformly
 * random extra of 0..{@code jitterNs}, so {@code baseNs} is a lower bound.
 */
public record PathDelay(long baseNs, long jitterNs) {
    public static final PathDelay NONE = new PathDelay(0, 0);

    public PathDelay {
        if (baseNs < 0 || jitterNs < 0) {
            throw new IllegalArgumentException("delays are not negative: base " + baseNs + " ns, jitter " + jitterNs
                    + " ns");
        }
    }

    /** {@code 300us} or {@code 300us+50us} (base + jitter). */
    public static PathDelay parse(String text) {
        String[] parts = text.strip().split("\\+", 2);
        return new PathDelay(DurationText.parseNs(parts[0], false),
                parts.length == 2 ? DurationText.parseNs(parts[1], false) : 0);
    }

    @Override
    public String toString() {
        return DurationText.format(baseNs) + (jitterNs > 0 ? "+" + DurationText.format(jitterNs) : "");
    }
}
