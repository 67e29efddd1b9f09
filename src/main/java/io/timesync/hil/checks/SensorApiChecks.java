package io.timesync.hil.checks;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.api.ActiveConfig;
import io.timesync.hil.sensor.api.OusterApiReading;
import io.timesync.hil.sensor.api.SensorApis;
import io.timesync.hil.sensor.api.SensorPtpState;
import io.timesync.hil.sensor.api.TimestampMode;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sensor's own view, from its HTTP API: pure functions from what the sensor said to a finding. What a sensor
 * says about itself is its own claim; the packet checks measure what it does.
 */
public final class SensorApiChecks {
    /** A reading of the sensor's PTP page later than this many watch intervals leaves the window uncovered. */
    static final int MAX_MISSED_READINGS = 4;
    private static final int LISTED = 5;

    private SensorApiChecks() {
    }

    /** {@code timestamp_mode} is TIME_FROM_PTP_1588: only then do its packet timestamps count PTP time. */
    public static Finding stampsPtpTime(String sensor, SensorApis.Answer answer) {
        String required = "timestamp_mode " + TimestampMode.TIME_FROM_PTP_1588 + " (the sensor's active config)";
        if (answer.failure().isPresent()) {
            return Finding.broken(required, "not read", answer.failure().get());
        }
        OusterApiReading reading = answer.reading().orElseThrow();
        TimestampMode mode = reading.config().timestampMode();
        String measured = "timestamp_mode " + mode + " (" + identity(reading) + ")";
        if (mode == TimestampMode.TIME_FROM_PTP_1588) {
            return Finding.passed(required, measured);
        }
        return Finding.failed(required, measured, "sensor " + sensor + " stamps its packets with "
                + (mode == TimestampMode.TIME_FROM_INTERNAL_OSC ? "its internal oscillator (seconds since power-up)"
                : "SYNC_PULSE_IN counts") + ", not PTP time: its timestamps agree with no host clock. Set "
                + "timestamp_mode to " + TimestampMode.TIME_FROM_PTP_1588 + " in its configuration\nexpected: "
                + TimestampMode.TIME_FROM_PTP_1588 + "\n but was: " + mode);
    }

    /**
     * Within the settle timeout the sensor's PTP port is SLAVE to this host's grandmaster (its
     * {@code parent_data_set.grandmaster_identity} is the host ptp4l's clockIdentity).
     *
     * @param observed {@link SensorPtpState#portAndGrandmaster} states awaited; empty when the API did not answer
     */
    public static Finding followsThisHostsGrandmaster(String sensor, SensorApis.Answer answer,
                                                      Optional<StateWatch.Observation<String>> observed,
                                                      String hostClockIdentity, long settleTimeoutNs) {
        String wanted = PortState.SLAVE + " to " + hostClockIdentity;
        String required = "PTP port " + wanted + " (this host's clockIdentity) within "
                + DurationText.format(settleTimeoutNs) + ", as the sensor reports it";
        if (answer.failure().isPresent()) {
            return Finding.broken(required, "not read", answer.failure().get());
        }
        StateWatch.Observation<String> seen = observed.orElseThrow(() -> new IllegalArgumentException(
                "a sensor whose API answered is observed"));
        String last = seen.lastState().orElse("(none)");
        String measured = "PTP port " + last + " after " + DurationText.formatToMs(seen.elapsedNs()) + " (seen: "
                + String.join(" -> ", seen.statesSeen()) + ")";
        if (seen.reached()) {
            return Finding.passed(required, measured);
        }
        String why = last.startsWith(PortState.SLAVE + " ")
                ? "follows another grandmaster than this host's ptp4l (a switch, another host or a camera won the best "
                + "master election, or the sensor is on another PTP domain or segment)"
                : "never became a PTP slave: its port stayed " + last.split(" ")[0] + " (it hears no grandmaster: "
                + "check its PTP profile and domain, and that this host's ptp4l serves its network)";
        return Finding.failed(required, measured, "sensor " + sensor + " " + why + "\nexpected: " + wanted
                + "\n but was: " + last);
    }

    /**
     * In every reading of the sensor's PTP page during the capture window, its port is SLAVE and
     * |{@code current_data_set.offset_from_master}| is within the threshold. The sensor's own servo is read at
     * the watch's interval: between readings it is not known, and the finding claims no more than the readings.
     */
    public static Finding servoHoldsItWithinOffsetThreshold(String sensor, Timeline<SensorApis.PtpSample> ptp,
                                                            long fromNs, long untilNs, long thresholdNs,
                                                            Timeline<GrandmasterState> grandmaster) {
        String required = "PTP port " + PortState.SLAVE + " and |offset_from_master| <= "
                + DurationText.format(thresholdNs) + " in every reading of its PTP page during the capture window "
                + "(read every " + DurationText.format(ptp.intervalNs()) + "), as the sensor reports it";
        List<Timeline.Stretch<SensorApis.PtpSample>> inWindow = ptp.stretches().stream()
                .filter(stretch -> stretch.lastNs() >= fromNs && stretch.firstNs() <= untilNs).toList();
        List<SensorPtpState> read = inWindow.stream().flatMap(stretch -> stretch.state().state().stream()).toList();
        long largestNs = read.stream().mapToLong(state -> Math.abs(state.offsetFromMasterNs())).max().orElse(0);
        long gapNs = largestGapNs(inWindow, fromNs, untilNs);
        String measured = read.isEmpty() ? "no reading in the window" : "largest |offset_from_master| " + largestNs
                + " ns; port " + read.stream().map(state -> state.portState().toString()).distinct()
                .collect(Collectors.joining(", ")) + "; at most " + DurationText.formatToMs(gapNs)
                + " between readings in the " + DurationText.formatToMs(untilNs - fromNs) + " window";
        List<String> out = new ArrayList<>();
        for (Timeline.Stretch<SensorApis.PtpSample> stretch : inWindow) {
            stretch.state().state().ifPresent(state -> {
                if (state.portState() != PortState.SLAVE || Math.abs(state.offsetFromMasterNs()) > thresholdNs) {
                    out.add(state.portState() + " offset " + state.offsetFromMasterNs() + " ns (" + stretch.samples()
                            + " reading(s))");
                }
            });
        }
        if (!out.isEmpty()) {
            return Finding.failed(required, measured, "sensor " + sensor + "'s own PTP servo does not hold it within "
                    + DurationText.format(thresholdNs) + " of its master\nexpected: " + PortState.SLAVE
                    + ", |offset_from_master| <= " + thresholdNs + " ns\n but was: " + out.stream().limit(LISTED)
                    .collect(Collectors.joining(", ")) + (out.size() > LISTED ? ", ..." : ""));
        }
        Optional<String> problem = inWindow.stream().map(stretch -> stretch.state().problem())
                .filter(text -> !text.isEmpty()).findFirst();
        if (read.isEmpty()) {
            return Finding.broken(required, measured, new BenchPartUnreachableException("sensor " + sensor,
                    "its PTP page was not read during the capture window" + problem.map(p -> ": " + p).orElse(""),
                    "is its HTTP API up (curl http://<sensor>/api/v1/time/ptp)? See its other checks"));
        }
        if (problem.isPresent()) {
            return Finding.inconclusive(required, measured, "sensor " + sensor, "its PTP page could not be read "
                    + "at every reading during the window: " + problem.get());
        }
        if (gapNs > MAX_MISSED_READINGS * ptp.intervalNs()) {
            return Finding.inconclusive(required, measured, "sensor " + sensor, "its PTP page went unread for "
                    + DurationText.formatToMs(gapNs) + " of the window (the watch reads it every "
                    + DurationText.format(ptp.intervalNs()) + "): the servo is not known there");
        }
        if (!GrandmasterHeld.during(grandmaster, fromNs, untilNs).held()) {
            return Finding.inconclusive(required, measured, "sensor " + sensor, "the window was taken while the host "
                    + "was not proven the bench's grandmaster, so the sensor's lock proves nothing");
        }
        return Finding.passed(required, measured);
    }

    /**
     * A bound on the longest part of [from, until] without a reading: before the first, between, after the last.
     * A stretch keeps only its longest gap, not where it was, so a stretch reaching into the window counts its
     * longest gap whole: never less than the truth, equal to it when no readings are merged.
     */
    static long largestGapNs(List<? extends Timeline.Stretch<?>> inWindow, long fromNs, long untilNs) {
        long largestNs = 0;
        long previousNs = fromNs;
        for (Timeline.Stretch<?> stretch : inWindow) {
            largestNs = Math.max(largestNs, Math.max(stretch.longestGapNs(), stretch.firstNs() - previousNs));
            previousNs = Math.max(previousNs, stretch.lastNs());
        }
        return Math.max(largestNs, untilNs - previousNs);
    }

    /**
     * The sensor sends to this host: its {@code udp_dest} is one of this host's addresses (the capture's bind
     * address when it binds one; the capture joins no multicast group) and its ports are the capture's.
     * Otherwise the packet checks measure nothing the sensor sends: broken, with the fix.
     */
    public static Finding sendsToThisHost(String sensor, SensorApis.Answer answer, Set<String> hostAddresses,
                                          String bindAddress, SensorCaptures.Ports capture) {
        String required = "udp_dest " + (bindAddress.equals("0.0.0.0") ? "one of this host's addresses"
                : bindAddress + " (the capture's bind address)") + ", udp_port_lidar " + capture.lidarPort()
                + " and udp_port_imu " + capture.imuPort() + " (the capture's ports)";
        if (answer.failure().isPresent()) {
            return Finding.broken(required, "not read", answer.failure().get());
        }
        ActiveConfig config = answer.reading().orElseThrow().config();
        String measured = "udp_dest " + config.udpDest() + ", udp_port_lidar " + config.udpPortLidar()
                + ", udp_port_imu " + config.udpPortImu();
        List<String> wrong = new ArrayList<>();
        boolean toThisHost = bindAddress.equals("0.0.0.0") ? hostAddresses.contains(config.udpDest())
                : bindAddress.equals(config.udpDest());
        if (!toThisHost) {
            wrong.add("udp_dest " + (config.udpDest().isEmpty() ? "is empty (the sensor sends nowhere)"
                    : config.udpDest() + " is not " + (bindAddress.equals("0.0.0.0") ? "an address of this host "
                    + hostAddresses.stream().sorted().toList() : "the capture's bind address " + bindAddress)));
        }
        if (config.udpPortLidar() != capture.lidarPort()) {
            wrong.add("udp_port_lidar " + config.udpPortLidar() + ", the capture listens on " + capture.lidarPort());
        }
        if (config.udpPortImu() != capture.imuPort()) {
            wrong.add("udp_port_imu " + config.udpPortImu() + ", the capture listens on " + capture.imuPort());
        }
        if (wrong.isEmpty()) {
            return Finding.passed(required, measured);
        }
        return Finding.broken(required, measured, new BenchPartMisbehavingException("sensor " + sensor,
                "it does not send to this host's capture: " + String.join("; ", wrong),
                "set the sensor's udp_dest to this host's address on the sensor network and its ports to the "
                        + "capture's (POST /api/v1/sensor/config), or the bench file's ports to the sensor's"));
    }

    /**
     * What the sensor's API says that explains a packet finding, for its message: the cause is usually there.
     *
     * @param malformed whether the stream had malformed packets
     */
    public static Optional<String> explanation(SensorApis.Answer answer, Optional<String> hostClockIdentity,
                                               boolean malformed) {
        if (answer.reading().isEmpty()) {
            return Optional.empty();
        }
        OusterApiReading reading = answer.reading().get();
        List<String> causes = new ArrayList<>();
        TimestampMode mode = reading.config().timestampMode();
        if (mode != TimestampMode.TIME_FROM_PTP_1588) {
            causes.add((mode == TimestampMode.TIME_FROM_INTERNAL_OSC ? "internal oscillator" : "sync pulse")
                    + ": see the sensor's timestamp_mode (" + mode + ")");
        }
        SensorPtpState ptp = reading.ptp();
        if (ptp.portState() != PortState.SLAVE) {
            causes.add("the sensor's PTP port is " + ptp.portState() + ": see whether it follows this host's "
                    + "grandmaster");
        } else if (hostClockIdentity.filter(host -> !ptp.grandmasterIdentity().toString().equals(host)).isPresent()) {
            causes.add("the sensor follows grandmaster " + ptp.grandmasterIdentity() + ", not this host's "
                    + hostClockIdentity.get() + ": see whether it follows this host's grandmaster");
        }
        if (malformed) {
            causes.add("the packets do not fit the format the sensor's API states (" + reading.dataFormat()
                    .lidarProfile() + ", " + reading.dataFormat().beams() + " beams, " + reading.dataFormat()
                    .lidarMode() + ", IMU " + reading.dataFormat().imuProfile() + "): was the sensor reconfigured "
                    + "while sending?");
        }
        return causes.isEmpty() ? Optional.empty() : Optional.of("The sensor's API explains it: "
                + String.join("; ", causes));
    }

    private static String identity(OusterApiReading reading) {
        return reading.identity().productLine() + " " + reading.identity().serialNumber() + ", firmware "
                + reading.identity().firmware();
    }
}
