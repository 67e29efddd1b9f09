package io.timesync.hil.checks;

import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.Timeline;

import java.util.ArrayList;
import java.util.List;

/** The grandmaster requirement's checks: pure functions of what ptp4l answered, once and over the run. */
public final class GrandmasterChecks {
    private GrandmasterChecks() {
    }

    /** CURRENT_DATA_SET.stepsRemoved is 0: no clock between this one and the grandmaster. */
    public static Finding stepsRemovedIsZero(Ptp4lSnapshot ptp) {
        int stepsRemoved = ptp.currentDataSet().stepsRemoved();
        String measured = "stepsRemoved " + stepsRemoved + " (role " + ptp.role() + ")";
        if (stepsRemoved == 0) {
            return Finding.passed("stepsRemoved 0", measured);
        }
        return Finding.failed("stepsRemoved 0", measured, "CURRENT_DATA_SET.stepsRemoved is " + stepsRemoved
                + " (0 when this clock is the grandmaster; role: " + ptp.role() + ", grandmaster "
                + ptp.parentDataSet().grandmasterIdentity() + ")\nexpected: 0\n but was: " + stepsRemoved);
    }

    /** PARENT_DATA_SET.grandmasterIdentity is the host's own DEFAULT_DATA_SET.clockIdentity. */
    public static Finding grandmasterIsHostClock(Ptp4lSnapshot ptp) {
        String own = ptp.defaultDataSet().clockIdentity().toString();
        String grandmaster = ptp.parentDataSet().grandmasterIdentity().toString();
        String required = "grandmasterIdentity " + own + " (the host's clockIdentity)";
        String measured = "grandmasterIdentity " + grandmaster;
        if (own.equals(grandmaster)) {
            return Finding.passed(required, measured);
        }
        return Finding.failed(required, measured, "PARENT_DATA_SET.grandmasterIdentity is another clock than the "
                + "host's DEFAULT_DATA_SET.clockIdentity: the host follows a foreign grandmaster\nexpected: " + own
                + "\n but was: " + grandmaster);
    }

    /** ptp4l's port on the bench interface reached MASTER within the settle timeout. */
    public static Finding benchPortReachesMaster(PortStateWatch.Observation port, Ptp4lSnapshot ptp,
                                                 long settleTimeoutNs) {
        String required = "port on " + port.interfaceName() + " MASTER within " + DurationText.format(settleTimeoutNs);
        if (port.portNumber().isEmpty()) {
            String measured = "no port on " + port.interfaceName();
            return Finding.failed(required, measured, "ptp4l has no port on " + port.interfaceName() + " ("
                    + ptp.portMappingNote() + ")\nexpected: a port on " + port.interfaceName() + "\n but was: ptp4l's "
                    + "interfaces " + ptp.interfaces());
        }
        String measured = "port " + port.portNumber().get() + " " + port.states().lastState().map(String::valueOf)
                .orElse("(no state)") + " after " + DurationText.formatToMs(port.states().elapsedNs());
        if (port.states().reached()) {
            return Finding.passed(required, measured);
        }
        return Finding.failed(required, measured, "ptp4l's port " + port.portNumber().get() + " on "
                + port.interfaceName() + " did not reach MASTER within " + DurationText.format(settleTimeoutNs)
                + "\nexpected: MASTER\n but was: " + port.states().lastState().orElse(null) + " (states seen: "
                + port.states().statesSeen() + ")");
    }

    /** ptp4l's domainNumber is the configured one. */
    public static Finding domainIsConfigured(int configuredDomain, int actualDomain) {
        String required = "domainNumber " + configuredDomain;
        String measured = "domainNumber " + actualDomain;
        if (configuredDomain == actualDomain) {
            return Finding.passed(required, measured);
        }
        return Finding.failed(required, measured, "ptp4l runs in another PTP domain than the bench's\nexpected: "
                + configuredDomain + "\n but was: " + actualDomain);
    }

    /**
     * From the first sample at which the host held the bench's grandmaster role (before it, ptp4l was settling:
     * the port check judges that) to the end of the run, every sample of the grandmaster watch saw it held, and
     * no two samples were further apart than {@link GrandmasterHeld#maxGapNs}.
     *
     * @param runEndNs host clock when the last measuring check finished
     */
    public static Finding heldForTheWholeRun(Timeline<GrandmasterState> timeline, long runEndNs) {
        List<Timeline.Stretch<GrandmasterState>> stretches = timeline.stretches();
        String every = DurationText.format(timeline.intervalNs());
        String required = "the bench's grandmaster at every sample of the watch (ptp4l asked every " + every
                + ") to the end of the run";
        if (stretches.isEmpty()) {
            return Finding.inconclusive(required, "no sample", "the grandmaster watch",
                    "it did not ask ptp4l once before the run ended");
        }
        int firstHeld = 0;
        while (firstHeld < stretches.size() && !stretches.get(firstHeld).state().held()) {
            firstHeld++;
        }
        Timeline.Stretch<GrandmasterState> lastSeen = stretches.get(stretches.size() - 1);
        if (firstHeld == stretches.size()) {
            String measured = "never held in " + timeline.samples() + " samples; last: " + lastSeen.state().description();
            if (stretches.stream().noneMatch(s -> s.state().reachable())) {
                return Finding.broken(required, measured, new BenchPartUnreachableException("ptp4l",
                        lastSeen.state().description(), "see the grandmaster checks' hints"));
            }
            return Finding.failed(required, measured, "the host never held the bench's grandmaster role while it "
                    + "was watched\nexpected: grandmaster\n but was: " + lastSeen.state().description());
        }
        long fromNs = stretches.get(firstHeld).firstNs();
        List<String> losses = new ArrayList<>();
        for (int i = firstHeld + 1; i < stretches.size(); i++) {
            Timeline.Stretch<GrandmasterState> lost = stretches.get(i);
            if (lost.state().held()) {
                continue;
            }
            int until = i;
            while (until + 1 < stretches.size() && !stretches.get(until + 1).state().held()) {
                until++;
            }
            long heldBeforeNs = stretches.get(i - 1).lastNs();
            String end = until + 1 < stretches.size()
                    ? "held again at " + GrandmasterHeld.time(stretches.get(until + 1).firstNs()) + " (lost for at most "
                    + DurationText.formatToMs(stretches.get(until + 1).firstNs() - heldBeforeNs) + ")"
                    : "not held again to the end of the run";
            StringBuilder states = new StringBuilder();
            for (int k = i; k <= until; k++) {
                states.append(k > i ? ", then " : "").append(stretches.get(k).state().description());
            }
            losses.add("lost after " + GrandmasterHeld.time(heldBeforeNs) + " (" + DurationText.formatToMs(heldBeforeNs
                    - fromNs) + " into the run): " + states + "; " + end);
            i = until;
        }
        String measured = timeline.samples() + " samples from " + GrandmasterHeld.time(stretches.get(0).firstNs())
                + " to " + GrandmasterHeld.time(lastSeen.lastNs()) + (losses.isEmpty() ? "; held throughout"
                : "; lost " + losses.size() + " time(s)");
        if (!losses.isEmpty()) {
            Timeline.Stretch<GrandmasterState> firstLoss = stretches.stream().skip(firstHeld).filter(st -> !st.state().held())
                    .findFirst().orElseThrow();
            return Finding.failed(required, measured, "the host lost the bench's grandmaster role during the run:\n"
                    + String.join("\n", losses) + "\nexpected: grandmaster to the end of the run\n but was: "
                    + firstLoss.state().description() + " from " + GrandmasterHeld.time(firstLoss.firstNs()));
        }
        long maxGapNs = GrandmasterHeld.maxGapNs(timeline.intervalNs());
        for (int i = firstHeld; i < stretches.size(); i++) {
            Timeline.Stretch<GrandmasterState> stretch = stretches.get(i);
            long gapNs = GrandmasterHeld.longestGapNs(stretches, firstHeld, i);
            if (gapNs > maxGapNs) {
                return Finding.inconclusive(required, measured, "the grandmaster watch", "it went "
                        + DurationText.formatToMs(gapNs) + " without a sample (in the stretch from "
                        + GrandmasterHeld.time(stretch.firstNs()) + "): what happened between is not known");
            }
        }
        if (runEndNs - lastSeen.lastNs() > maxGapNs) {
            return Finding.inconclusive(required, measured, "the grandmaster watch", "its last sample was "
                    + DurationText.formatToMs(runEndNs - lastSeen.lastNs()) + " before the end of the run");
        }
        return Finding.passed(required, measured);
    }
}
