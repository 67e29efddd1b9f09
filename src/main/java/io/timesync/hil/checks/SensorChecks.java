package io.timesync.hil.checks;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.sensor.StreamRecord;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.Timeline;

import java.util.Optional;
import java.util.OptionalLong;

import static io.timesync.hil.time.DurationText.ms;

/** The sensor requirement's checks: pure functions from a stream's record to a finding. */
public final class SensorChecks {
    /** Without a configured bound, silence longer than this many nominal packet periods fails... */
    public static final int SILENT_PERIODS = 10;
    /** ...but never less than this: a bench network may hold a burst back for a few ms. */
    public static final long MIN_SILENCE_NS = 20_000_000;

    private SensorChecks() {
    }

    /** The bound on silence: the configured one, else {@value #SILENT_PERIODS} nominal periods (at least 20 ms). */
    public static long silenceBoundNs(StreamRecord record, OptionalLong configuredNs) {
        return configuredNs.orElse(Math.max(MIN_SILENCE_NS, SILENT_PERIODS * record.nominalPeriodNs()));
    }

    /**
     * Packets arrive (the first within the arrival timeout), and keep arriving: no silence longer than the bound
     * anywhere in the judged window.
     *
     * @param firstArrivalNs how long the first packet took to arrive; empty when none came within the timeout
     */
    public static Finding packetsKeepArriving(StreamRecord record, OptionalLong firstArrivalNs, long arrivalTimeoutNs,
                                              long maxSilenceNs) {
        String stream = record.stream().toString();
        String required = "a first packet within " + DurationText.format(arrivalTimeoutNs) + ", then no silence over "
                + DurationText.format(maxSilenceNs) + " in the judged window";
        if (firstArrivalNs.isEmpty()) {
            return Finding.broken(required, "no packet within " + DurationText.format(arrivalTimeoutNs),
                    new BenchPartUnreachableException("sensor stream " + stream, "no packet on " + record.socket()
                            + " within " + DurationText.format(arrivalTimeoutNs) + record.firstOtherSource()
                            .map(other -> " (" + record.fromOtherSources() + " from other sources, the first from "
                                    + other + ")").orElse(""), "check the sensor's udp_dest (this host's address) and "
                            + "its udp_port_lidar/udp_port_imu, the firewall (iptables/ufw), and that the sensor is "
                            + "on the bench interface's network"));
        }
        if (record.withoutTimestamp() > 0) {
            return undecodable(record, required, "first after " + DurationText.formatToMs(firstArrivalNs.getAsLong()))
                    .orElseThrow();
        }
        StreamAnalysis.Arrival arrival = StreamAnalysis.arrival(record);
        String measured = "first after " + DurationText.formatToMs(firstArrivalNs.getAsLong()) + "; " + arrival.received()
                + " of ~" + arrival.expected() + " expected packets in the judged window; longest silence "
                + ms(arrival.longestSilenceNs()) + " ms";
        if (arrival.longestSilenceNs() <= maxSilenceNs) {
            return Finding.passed(required, measured);
        }
        String silence = "silent for " + ms(arrival.longestSilenceNs()) + " ms from " + ms(arrival.silenceStartNs())
                + " ms into the judged window (" + arrival.received() + " of ~" + arrival.expected()
                + " expected packets arrived)";
        if (record.kernelDrops() > 0) {
            return Finding.inconclusive(required, measured, stream, silence + ", but this host's kernel dropped "
                    + record.kernelDrops() + " packets: the silence may be drops (raise packetTiming.receiveBuffer)");
        }
        return Finding.failed(required, measured, stream + ": the sensor stopped sending: " + silence
                + "\nexpected: no silence over " + DurationText.format(maxSilenceNs) + " (one packet every "
                + DurationText.format(record.nominalPeriodNs()) + " nominally)\n but was: " + ms(arrival.longestSilenceNs())
                + " ms");
    }

    /**
     * Every judged packet's receive - sensor time lies in [-futureTolerance, maxDiff], while the host held the
     * bench's grandmaster role.
     */
    public static Finding everyPacketWithinWindow(StreamRecord record, long maxDiffNs, long futureToleranceNs,
                                                  Timeline<GrandmasterState> grandmaster) {
        String stream = record.stream().toString();
        String window = "-" + DurationText.format(futureToleranceNs) + " <= receive - sensor time <= "
                + DurationText.format(maxDiffNs);
        StreamAnalysis.Timing timing = StreamAnalysis.timing(record, maxDiffNs, futureToleranceNs);
        String measured = timing.judged() == 0 ? "no packet judged"
                : "receive - sensor time from " + ms(timing.statistics().minNs()) + " to " + ms(timing.statistics().maxNs())
                + " ms (p99 " + ms(timing.statistics().p99Ns()) + " ms); " + (timing.late() + timing.fromTheFuture())
                + " of " + timing.judged() + " packets outside";
        Optional<Finding> undecodable = undecodable(record, window, measured);
        if (undecodable.isPresent()) {
            return undecodable.get();
        }
        if (timing.late() + timing.fromTheFuture() > 0) {
            long worstNs = timing.worstNs().orElseThrow();
            return Finding.failed(window, measured, stream + ": " + (timing.late() + timing.fromTheFuture()) + " of "
                    + timing.judged() + " judged packets outside the allowed window (" + timing.late() + " late, "
                    + timing.fromTheFuture() + " from the future)\nexpected: " + window + "\n but was: " + ms(worstNs)
                    + " ms at worst" + TimestampDiagnosis.explain(worstNs, record.utcOffsetNs())
                    .map(diagnosis -> "\n" + diagnosis).orElse(""));
        }
        if (timing.judged() == 0) {
            return Finding.inconclusive(window, measured, stream, "no packet to judge after the warm-up ("
                    + record.datagrams() + " arrived in all)");
        }
        GrandmasterHeld held = GrandmasterHeld.during(grandmaster, record.window().hostJudgedFromNs(),
                record.window().hostJudgedUntilNs());
        if (!held.held()) {
            return Finding.inconclusive(window, measured, stream, "the judged window was captured while the host was "
                    + "not proven the bench's grandmaster, so it proves nothing: " + held.why());
        }
        if (record.kernelDrops() > 0) {
            return Finding.inconclusive(window, measured, stream, record.kernelDrops() + " packets were dropped by this "
                    + "host's kernel before the capture read them, so they were not judged: raise packetTiming."
                    + "receiveBuffer (and net.core.rmem_max), or lighten the host's load");
        }
        return Finding.passed(window, measured);
    }

    /** No packet the sensor sent went missing by the end of the capture (reordered ones are not lost). */
    public static Finding noPacketLost(StreamRecord record) {
        String stream = record.stream().toString();
        StreamAnalysis.Continuity continuity = StreamAnalysis.continuity(record);
        String measured = continuity.lost() + " packets lost, " + continuity.reordered() + " reordered, "
                + continuity.duplicates() + " duplicated";
        Optional<Finding> undecodable = undecodable(record, "0 packets lost", measured);
        if (undecodable.isPresent()) {
            return undecodable.get();
        }
        if (continuity.lost() > 0) {
            return Finding.failed("0 packets lost", measured, stream + ": " + continuity.lost() + " packets lost between "
                    + "the sensor and this host (" + continuity.evidence() + "; " + continuity.reordered()
                    + " arrived out of order, not lost)\nexpected: 0\n but was: " + continuity.lost());
        }
        if (record.kernelDrops() > 0) {
            return Finding.inconclusive("0 packets lost", measured, stream, record.kernelDrops() + " packets were "
                    + "dropped by this host's kernel (receive buffer full): whether the network lost any cannot be told");
        }
        return Finding.passed("0 packets lost", measured);
    }

    /** A stream whose packets do not fit the profile, or came without the receive timestamp, cannot be judged. */
    private static Optional<Finding> undecodable(StreamRecord record, String required, String measured) {
        String part = "sensor stream " + record.stream();
        if (record.datagrams() == 0) {
            return Optional.of(Finding.broken(required, measured, new BenchPartUnreachableException(part,
                    "no packet arrived on " + record.socket(), "see the stream's 'packets keep arriving' check")));
        }
        if (record.malformed() > 0) {
            return Optional.of(Finding.broken(required, measured, new BenchPartMisbehavingException(part,
                    record.malformed() + " packets do not fit the configured profile; the first: "
                            + record.firstMalformed().orElseThrow(), "leave sensors.<name>.lidarProfile / beams / mode / "
                            + "imuProfile auto to read them from the sensor's API, or check them against its "
                            + "udp_profile_lidar, lidar_mode and udp_profile_imu; was it reconfigured while sending?")));
        }
        if (record.withoutTimestamp() > 0) {
            return Optional.of(Finding.broken(required, measured, new BenchPartMisbehavingException(part,
                    record.withoutTimestamp() + " packets came without the receive timestamp asked for",
                    "hardware receive timestamps need the NIC to stamp every packet: hwstamp_ctl -i <interface> -r 1; "
                            + "or use packetTiming.receiveTimestamps: software")));
        }
        return Optional.empty();
    }
}
