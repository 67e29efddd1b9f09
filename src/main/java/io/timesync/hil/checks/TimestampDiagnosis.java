package io.timesync.hil.checks;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What a far-off sensor timestamp usually means, for the failure message. */
public final class TimestampDiagnosis {
    private static final long DAY_NS = TimeUnit.DAYS.toNanos(1);
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private TimestampDiagnosis() {
    }

    /** @param diffNs receive - sensor time of the worst packet */
    public static Optional<String> explain(long diffNs, long utcOffsetNs) {
        if (Math.abs(diffNs) > DAY_NS) {
            return Optional.of("the sensor's timestamps are " + Math.abs(diffNs) / DAY_NS + " days off: it is not "
                    + "stamping PTP time but counting from its power-up (timestamp_mode TIME_FROM_INTERNAL_OSC, or PTP "
                    + "not locked): set timestamp_mode TIME_FROM_PTP_1588 and check the sensor follows this grandmaster");
        }
        if (utcOffsetNs > 0 && Math.abs(Math.abs(diffNs) - utcOffsetNs) < SECOND_NS) {
            return Optional.of("the diff is about the TAI - UTC offset (" + utcOffsetNs / SECOND_NS + " s): the sensor "
                    + "or the grandmaster mixes up TAI and UTC (check ptp4l's currentUtcOffset and ptpTimescale)");
        }
        if (Math.abs(diffNs) > SECOND_NS) {
            return Optional.of("whole seconds off: the sensor follows another clock than this host's grandmaster");
        }
        return Optional.empty();
    }
}
