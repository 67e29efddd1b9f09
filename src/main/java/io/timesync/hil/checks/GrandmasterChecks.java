package io.timesync.hil.checks;

import io.timesync.hil.ptp.PortStateWatch;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.time.DurationText;

/** The grandmaster requirement's checks: pure functions of what ptp4l answered. */
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
}
