package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.ptp.protocol.TimePropertiesDataSet;
import io.timesync.hil.time.UtcOffset;

/** The UTC offset the host's ptp4l announces: its currentUtcOffset when it marks it valid, else the configured value. */
public final class Ptp4lUtcOffset {
    private static final long NS_PER_S = 1_000_000_000L;

    private Ptp4lUtcOffset() {
    }

    public static UtcOffset read(PtpManagementClient ptp4l, long configuredNs) {
        String configured = "configured ptp4l.utcOffset " + configuredNs / NS_PER_S + " s";
        try {
            TimePropertiesDataSet time = ptp4l.get(TimePropertiesDataSet.ID);
            if (time.currentUtcOffsetValid()) {
                return new UtcOffset(time.currentUtcOffset() * NS_PER_S,
                        "ptp4l TIME_PROPERTIES_DATA_SET currentUtcOffset " + time.currentUtcOffset() + " s (valid)");
            }
            return new UtcOffset(configuredNs, configured + " (ptp4l's currentUtcOffset " + time.currentUtcOffset()
                    + " s is not marked valid)");
        } catch (BenchPartException e) {
            return new UtcOffset(configuredNs, configured + " (ptp4l could not be asked: " + e.problem() + ")");
        }
    }
}
