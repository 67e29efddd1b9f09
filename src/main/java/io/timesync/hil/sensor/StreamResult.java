package io.timesync.hil.sensor;

import io.timesync.hil.DurationText;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One stream's capture, summarized for judging and reporting.
 *
 * @param datagrams       datagrams from the sensor on the stream's socket (judged or not)
 * @param judged          sensor timestamps judged (after the warm-up)
 * @param late            judged timestamps more than maxDiff before their packet arrived
 * @param fromTheFuture   judged timestamps more than the future tolerance after their packet arrived
 * @param worstNs         the judged diff farthest outside the allowed window, if any is outside
 * @param lost            packets the sensor sent that never arrived: gaps in frame/measurement ids (lidar)
 *                        or in the timestamps (IMU)
 * @param kernelDrops     datagrams this host's kernel dropped (receive buffer full), never seen by the capture
 * @param malformed       datagrams whose size does not fit the configured profile; the first in hex
 * @param fromOtherSources datagrams from other addresses than the sensor's, ignored; the first source
 * @param withoutTimestamp datagrams without the receive timestamp asked for (hardware timestamps the NIC did
 *                        not give), not judged
 * @param judgedAtNs      receive time of each judged timestamp, ns since the capture started (for the chart)
 * @param judgedDiffsNs   receive - sensor time of each judged timestamp
 */
public record StreamResult(
        String sensor,
        StreamKind stream,
        String socket,
        long datagrams,
        long judged,
        long warmUp,
        DiffStatistics statistics,
        long late,
        long fromTheFuture,
        Optional<Long> worstNs,
        long lost,
        long outOfOrder,
        long kernelDrops,
        long malformed,
        Optional<String> firstMalformed,
        long fromOtherSources,
        Optional<String> firstOtherSource,
        long withoutTimestamp,
        long[] judgedAtNs,
        long[] judgedDiffsNs,
        Path log) {

    public String name() {
        return sensor + " " + stream.label();
    }

    /** The stream in one line: what arrived, what was judged, the diff statistics, what went missing. */
    public String summary(long warmUpNs) {
        return name() + ": " + datagrams + " packets, " + judged + " judged after a " + DurationText.format(warmUpNs)
                + " warm-up; diff mean " + DurationText.ms(statistics.meanNs()) + " ms, p50 " + DurationText.ms(statistics.p50Ns()) + " ms, p99 "
                + DurationText.ms(statistics.p99Ns()) + " ms, max " + DurationText.ms(statistics.maxNs()) + " ms, min " + DurationText.ms(statistics.minNs())
                + " ms; lost " + lost + ", malformed " + malformed + ", dropped by the kernel " + kernelDrops
                + ", from other sources " + fromOtherSources;
    }
}
