package io.timesync.hil.sensor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One stream's capture as recorded, unjudged: every packet from the sensor with its kernel receive time, its
 * sensor timestamp and what tells its place in the sensor's sequence, plus what could not be recorded.
 *
 * @param socket            the socket it arrived on, for messages
 * @param nominalPeriodNs   how often the sensor sends one, from the configured profile and mode
 * @param utcOffsetNs       subtracted from sensor time (TAI) before comparing with the receive time (0 when the
 *                          receive clock itself runs TAI)
 * @param arrivalNs         the receive time of every datagram from the sensor that carried one, decodable or not
 * @param receiveNs         each decoded packet's receive time, in arrival order
 * @param sensorNs          its sensor timestamp, {@link #NO_TIMESTAMP} when the packet carried no valid one
 * @param continuityScale   PACKET_COUNTER: the counter's modulus; SENSOR_TIMESTAMP: ns between two measurements;
 *                          MONOTONIC_CLOCK: unused (0)
 * @param continuity        what orders the packets: see {@link Continuity}; {@link #NO_TIMESTAMP} when absent
 * @param initIds           lidar: the sensor's init id per packet (a restart starts a new sequence); else empty
 * @param datagrams         datagrams from the sensor on the stream's socket
 * @param malformed         datagrams whose size does not fit the configured profile; the first in hex
 * @param fromOtherSources  datagrams from other addresses than the sensor's, ignored; the first source
 * @param withoutTimestamp  datagrams without the receive timestamp asked for
 * @param kernelDrops       datagrams this host's kernel dropped (receive buffer full), never seen by the capture
 * @param log               every packet as a JSON line, written as it arrived
 */
public record StreamRecord(
        StreamId stream,
        String socket,
        CaptureWindow window,
        long nominalPeriodNs,
        long utcOffsetNs,
        Continuity continuityKind,
        long continuityScale,
        long[] arrivalNs,
        long[] receiveNs,
        long[] sensorNs,
        long[] continuity,
        int[] initIds,
        long datagrams,
        long malformed,
        Optional<String> firstMalformed,
        long fromOtherSources,
        Optional<String> firstOtherSource,
        long withoutTimestamp,
        long kernelDrops,
        Path log) {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /** What tells a packet's place in the sensor's sequence, so that a missing one can be found. */
    public enum Continuity {
        /** lidar: frame id × packets per frame + the first column's measurement id / 16, modulo {@code continuityScale} */
        PACKET_COUNTER,
        /** LEGACY IMU: the sensor's monotonic sampling clock (sys_ts), one nominal period apart */
        MONOTONIC_CLOCK,
        /**
         * ACCEL32_GYRO32_NMEA IMU: the oldest valid measurement's timestamp (the newest is {@code sensorNs}); a packet's
         * oldest measurement follows the one before's newest by one measurement ({@code continuityScale} ns)
         */
        SENSOR_TIMESTAMP
    }

    public int packets() {
        return receiveNs.length;
    }
}
