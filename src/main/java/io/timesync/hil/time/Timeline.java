package io.timesync.hil.time;

import java.util.List;

/**
 * What a {@link PeriodicWatch} saw, as stretches of equal samples: the state is known at each sample; between
 * the last sample of one stretch and the first of the next it changed at some unknown instant.
 *
 * @param intervalNs how often the watch samples
 * @param stretches  in time order; times are the host clock (UTC, ns) when each sample began
 */
public record Timeline<S>(long intervalNs, List<Stretch<S>> stretches) {
    public Timeline {
        stretches = List.copyOf(stretches);
    }

    /** @param longestGapNs the longest time between two consecutive samples inside the stretch */
    public record Stretch<S>(S state, long firstNs, long lastNs, long samples, long longestGapNs) {
        Stretch<S> extendedTo(long sampleNs) {
            return new Stretch<>(state, firstNs, sampleNs, samples + 1, Math.max(longestGapNs, sampleNs - lastNs));
        }
    }

    public long samples() {
        return stretches.stream().mapToLong(Stretch::samples).sum();
    }

    /** When the watch last sampled, or Long.MIN_VALUE before its first sample. */
    public long lastSampleNs() {
        return stretches.isEmpty() ? Long.MIN_VALUE : stretches.get(stretches.size() - 1).lastNs();
    }
}
