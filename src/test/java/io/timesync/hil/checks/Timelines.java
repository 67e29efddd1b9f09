package io.timesync.hil.checks;

import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.time.Timeline;

import java.util.List;

/** Grandmaster watch timelines written by hand, for the checks' tests. */
final class Timelines {
    static final long INTERVAL_NS = 250_000_000L;
    static final GrandmasterState HELD = new GrandmasterState(true, true, "role=Grandmaster, gmClockID=02005e.fffe.000001");
    static final GrandmasterState SLAVE = new GrandmasterState(true, false, "role=Slave, gmClockID=02005e.fffe.0000aa");

    /** Held at every sample from 1970 to far beyond any test's times. */
    static final Timeline<GrandmasterState> HELD_THROUGHOUT = new Timeline<>(INTERVAL_NS,
            List.of(new Timeline.Stretch<>(HELD, 0, Long.MAX_VALUE / 2, 2, 0)));

    private Timelines() {
    }

    /** One stretch per state, sampled every interval from {@code fromNs}, each lasting its number of samples. */
    static Timeline<GrandmasterState> sampled(long fromNs, Object... statesAndSamples) {
        List<Timeline.Stretch<GrandmasterState>> stretches = new java.util.ArrayList<>();
        long atNs = fromNs;
        for (int i = 0; i < statesAndSamples.length; i += 2) {
            GrandmasterState state = (GrandmasterState) statesAndSamples[i];
            int samples = (Integer) statesAndSamples[i + 1];
            stretches.add(new Timeline.Stretch<>(state, atNs, atNs + (samples - 1) * INTERVAL_NS, samples,
                    samples > 1 ? INTERVAL_NS : 0));
            atNs += samples * INTERVAL_NS;
        }
        return new Timeline<>(INTERVAL_NS, stretches);
    }
}
