package io.timesync.hil.checks;

import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.Timeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Whether the host held the bench's grandmaster role over a span of the run, as far as the grandmaster watch's
 * samples prove it: held only when every sample from the last one before the span to the first one after it
 * saw it held, none further apart than {@link #maxGapNs}.
 */
public record GrandmasterHeld(Kind kind, String why) {
    private static final DateTimeFormatter UTC_MS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public enum Kind {
        /** every sample around and inside the span saw the host hold it */
        HELD,
        /** a sample around or inside the span saw the host not hold it */
        NOT_HELD,
        /** the watch has no samples close enough around the span to tell */
        UNKNOWN
    }

    /** Samples further apart than this prove nothing about the time between them. */
    public static long maxGapNs(long intervalNs) {
        return 5 * intervalNs;
    }

    public boolean held() {
        return kind == Kind.HELD;
    }

    public static GrandmasterHeld during(Timeline<GrandmasterState> timeline, long fromNs, long untilNs) {
        List<Timeline.Stretch<GrandmasterState>> stretches = timeline.stretches();
        long maxGapNs = maxGapNs(timeline.intervalNs());
        int first = -1;
        for (int i = 0; i < stretches.size() && stretches.get(i).firstNs() <= fromNs; i++) {
            first = i;
        }
        if (first < 0) {
            return new GrandmasterHeld(Kind.UNKNOWN, "the grandmaster watch had not asked ptp4l yet");
        }
        int last = first;
        while (last < stretches.size() && stretches.get(last).lastNs() < untilNs) {
            last++;
        }
        for (int i = first; i <= Math.min(last, stretches.size() - 1); i++) {
            Timeline.Stretch<GrandmasterState> stretch = stretches.get(i);
            if (!stretch.state().held()) {
                return new GrandmasterHeld(Kind.NOT_HELD, "the host was not the bench's grandmaster: "
                        + stretch.state().description() + " (seen from " + time(stretch.firstNs()) + ")");
            }
        }
        if (last == stretches.size()) {
            return new GrandmasterHeld(Kind.UNKNOWN, "the grandmaster watch has not asked ptp4l since "
                    + time(timeline.lastSampleNs()));
        }
        for (int i = first; i <= last; i++) {
            long gapNs = longestGapNs(stretches, first, i);
            if (gapNs > maxGapNs) {
                return new GrandmasterHeld(Kind.UNKNOWN, "the grandmaster watch went " + DurationText.formatToMs(gapNs)
                        + " without a sample (it asks every " + DurationText.format(timeline.intervalNs()) + ")");
            }
        }
        return new GrandmasterHeld(Kind.HELD, "held");
    }

    /** The longest time between two samples inside stretch {@code i}, or from stretch {@code i - 1} into it. */
    static long longestGapNs(List<Timeline.Stretch<GrandmasterState>> stretches, int first, int i) {
        Timeline.Stretch<GrandmasterState> stretch = stretches.get(i);
        return Math.max(stretch.longestGapNs(), i > first ? stretch.firstNs() - stretches.get(i - 1).lastNs() : 0);
    }

    /** UTC to the ms: what a bench engineer compares with ptp4l's log. */
    static String time(long hostNs) {
        return UTC_MS.format(Instant.ofEpochSecond(0, hostNs));
    }
}
