package io.timesync.hil.checks;

import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.time.Timeline;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.timesync.hil.checks.Timelines.HELD;
import static io.timesync.hil.checks.Timelines.INTERVAL_NS;
import static io.timesync.hil.checks.Timelines.SLAVE;
import static org.assertj.core.api.Assertions.assertThat;

/** A span of the run is held only when the watch's samples around and inside it all saw the grandmaster held. */
class GrandmasterHeldTest {
    private static final long T0 = 1_795_000_000_000_000_000L;
    private static final long MS = 1_000_000;

    @Test
    void aSpanInsideAHeldStretchIsHeld() {
        Timeline<GrandmasterState> timeline = Timelines.sampled(T0, HELD, 20);

        assertThat(GrandmasterHeld.during(timeline, T0, T0 + 19 * INTERVAL_NS).held()).isTrue();
        assertThat(GrandmasterHeld.during(timeline, T0 + 100 * MS, T0 + 120 * MS).held()).isTrue();
    }

    /** The change happened somewhere between the last held and the first slave sample: a span there is not held. */
    @Test
    void aSpanTouchingTheChangeOrAfterItIsNotHeld() {
        Timeline<GrandmasterState> timeline = Timelines.sampled(T0, HELD, 4, SLAVE, 4); // held to +750 ms, slave from +1 s

        GrandmasterHeld inTransition = GrandmasterHeld.during(timeline, T0 + 800 * MS, T0 + 900 * MS);
        GrandmasterHeld after = GrandmasterHeld.during(timeline, T0 + 1_200 * MS, T0 + 1_300 * MS);

        assertThat(inTransition.kind()).isEqualTo(GrandmasterHeld.Kind.NOT_HELD);
        assertThat(inTransition.why()).isEqualTo("the host was not the bench's grandmaster: role=Slave, "
                + "gmClockID=02005e.fffe.0000aa (seen from 2026-11-18T11:06:41.000Z)");
        assertThat(after.kind()).isEqualTo(GrandmasterHeld.Kind.NOT_HELD);
        assertThat(GrandmasterHeld.during(timeline, T0, T0 + 700 * MS).held()).isTrue();
    }

    @Test
    void whatTheWatchDidNotSeeIsUnknown() {
        Timeline<GrandmasterState> timeline = Timelines.sampled(T0, HELD, 4);

        assertThat(GrandmasterHeld.during(timeline, T0 - MS, T0 + MS).why())
                .isEqualTo("the grandmaster watch had not asked ptp4l yet");
        assertThat(GrandmasterHeld.during(timeline, T0 + 700 * MS, T0 + 751 * MS).why())
                .isEqualTo("the grandmaster watch has not asked ptp4l since 2026-11-18T11:06:40.750Z");
        assertThat(GrandmasterHeld.during(new Timeline<>(INTERVAL_NS, List.of()), T0, T0).kind())
                .isEqualTo(GrandmasterHeld.Kind.UNKNOWN);
    }

    /** Five intervals without a sample prove nothing about the time between; exactly five still do. */
    @Test
    void aWatchThatFellBehindProvesNothing() {
        Timeline<GrandmasterState> stalled = new Timeline<>(INTERVAL_NS, List.of(
                new Timeline.Stretch<>(HELD, T0, T0 + 10 * INTERVAL_NS, 6, 5 * INTERVAL_NS + 1)));
        Timeline<GrandmasterState> slow = new Timeline<>(INTERVAL_NS, List.of(
                new Timeline.Stretch<>(HELD, T0, T0 + 10 * INTERVAL_NS, 3, 5 * INTERVAL_NS)));

        assertThat(GrandmasterHeld.during(stalled, T0 + MS, T0 + 2 * MS).why())
                .isEqualTo("the grandmaster watch went 1250ms without a sample (it asks every 250ms)");
        assertThat(GrandmasterHeld.during(slow, T0 + MS, T0 + 2 * MS).held()).isTrue();
    }

    /** Two held states in a row (a port renumbered) are held throughout; the gap between them counts too. */
    @Test
    void consecutiveHeldStretchesAreHeld() {
        GrandmasterState alsoHeld = new GrandmasterState(true, true, "role=Grandmaster, ports=[2 eth0 MASTER]");

        assertThat(GrandmasterHeld.during(Timelines.sampled(T0, HELD, 2, alsoHeld, 2), T0, T0 + 3 * INTERVAL_NS)
                .held()).isTrue();
        Timeline<GrandmasterState> gap = new Timeline<>(INTERVAL_NS, List.of(
                new Timeline.Stretch<>(HELD, T0, T0, 1, 0),
                new Timeline.Stretch<>(alsoHeld, T0 + 6 * INTERVAL_NS, T0 + 6 * INTERVAL_NS, 1, 0)));
        assertThat(GrandmasterHeld.during(gap, T0, T0 + 6 * INTERVAL_NS).kind()).isEqualTo(GrandmasterHeld.Kind.UNKNOWN);
    }
}
