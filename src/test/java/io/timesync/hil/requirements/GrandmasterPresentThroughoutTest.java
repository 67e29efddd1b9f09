package io.timesync.hil.requirements;

import io.timesync.hil.checks.GrandmasterChecks;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.GrandmasterWatch;
import io.timesync.hil.report.Evidence;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.Timeline;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static io.timesync.hil.junit.Verdicts.require;

/**
 * Requirement 1 over time: the grandmaster watch asked ptp4l from the bench's opening, through every check, and
 * the host held the bench's grandmaster role at every sample. Runs after every measuring check (class order).
 * Failed = the role was lost (when, to what, for how long); inconclusive = the watch could not keep its rate.
 */
@HilRequirement
@Order(Integer.MAX_VALUE)
@DisplayName("Grandmaster present for the whole run: the host stayed the bench's grandmaster")
public class GrandmasterPresentThroughoutTest {
    private final GrandmasterWatch watch;
    private final Evidence evidence;

    public GrandmasterPresentThroughoutTest(GrandmasterWatch watch, Evidence evidence) {
        this.watch = watch;
        this.evidence = evidence;
    }

    @Test
    @DisplayName("the host held the grandmaster role at every sample of the grandmaster watch, to the last check")
    void heldForTheWholeRun() {
        long nowNs = HostClock.SYSTEM.nowNs();
        Timeline<GrandmasterState> timeline = watch.timelineThrough(nowNs);
        timeline.stretches().forEach(stretch -> evidence.line(stretch.samples() + " sample(s) " + (stretch.state().held()
                ? "held" : "NOT held") + ": " + stretch.state().description()));
        evidence.attachRunEvidence("grandmaster watch (every change, as seen)", "text/csv", watch.logFile());
        evidence.attachJson("grandmaster watch timeline", timeline);
        require(evidence, GrandmasterChecks.heldForTheWholeRun(timeline, nowNs));
    }
}
