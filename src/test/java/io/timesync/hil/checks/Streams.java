package io.timesync.hil.checks;

import io.timesync.hil.sensor.CaptureWindow;
import io.timesync.hil.sensor.StreamId;
import io.timesync.hil.sensor.StreamKind;
import io.timesync.hil.sensor.StreamRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stream records written by hand, packet by packet, for the checks' tests. */
final class Streams {
    static final long START_NS = 1_795_000_000_000_000_000L;
    static final long TAI_NS = 37_000_000_000L;
    /** 1024x10: 64 packets per frame, one every 1.5625 ms. */
    static final long LIDAR_PERIOD_NS = 1_562_500;
    static final int PACKETS_PER_FRAME = 64;

    private final StreamId stream;
    private final StreamRecord.Continuity continuity;
    private final long periodNs;
    private final CaptureWindow window;
    private final List<long[]> packets = new ArrayList<>(); // receive, sensor, continuity, init id
    private long kernelDrops;
    private long malformed;
    private long withoutTimestamp;
    private long fromOtherSources;

    private Streams(StreamKind kind, StreamRecord.Continuity continuity, long periodNs, long warmUpNs, long durationNs) {
        this.stream = new StreamId("os-1", kind);
        this.continuity = continuity;
        this.periodNs = periodNs;
        this.window = new CaptureWindow(START_NS, warmUpNs, durationNs);
    }

    static Streams lidar(long warmUpNs, long durationNs) {
        return new Streams(StreamKind.LIDAR, StreamRecord.Continuity.PACKET_COUNTER, LIDAR_PERIOD_NS, warmUpNs,
                durationNs);
    }

    static Streams legacyImu(long warmUpNs, long durationNs) {
        return new Streams(StreamKind.IMU_ACCEL, StreamRecord.Continuity.MONOTONIC_CLOCK, 10_000_000, warmUpNs,
                durationNs);
    }

    /** ACCEL32_GYRO32_NMEA: 8 measurements per packet, 100 packets/s: one measurement every 1.25 ms. */
    static Streams measurementImu(long warmUpNs, long durationNs) {
        return new Streams(StreamKind.IMU, StreamRecord.Continuity.SENSOR_TIMESTAMP, 10_000_000, warmUpNs,
                durationNs);
    }

    /** A measurement packet received at {@code atNs} whose measurements span {@code firstNs..lastNs} (sensor UTC). */
    Streams measurements(long atNs, long firstNs, long lastNs) {
        long receiveNs = START_NS + atNs;
        packets.add(new long[] {receiveNs, START_NS + lastNs + TAI_NS, START_NS + firstNs + TAI_NS, 0});
        return this;
    }

    /** A packet received {@code atNs} after the capture started, stamped {@code diffNs} before it arrived. */
    Streams packet(long atNs, long diffNs, long sequence) {
        return packet(atNs, diffNs, sequence, 0);
    }

    Streams packet(long atNs, long diffNs, long sequence, int initId) {
        long receiveNs = START_NS + atNs;
        packets.add(new long[] {receiveNs, receiveNs - diffNs + TAI_NS, sequence, initId});
        return this;
    }

    /** A lidar packet whose columns were all invalid: no sensor timestamp. */
    Streams untimed(long atNs, long sequence) {
        packets.add(new long[] {START_NS + atNs, StreamRecord.NO_TIMESTAMP, sequence, 0});
        return this;
    }

    /** One packet per nominal period from {@code fromNs} to {@code untilNs}, each {@code diffNs} late. */
    Streams steady(long fromNs, long untilNs, long diffNs) {
        long sequence = packets.isEmpty() ? 0 : packets.get(packets.size() - 1)[2] + 1;
        for (long atNs = fromNs; atNs < untilNs; atNs += periodNs) {
            packet(atNs, diffNs, continuity == StreamRecord.Continuity.PACKET_COUNTER ? sequence++
                    : 120_000_000_000L + atNs);
        }
        return this;
    }

    Streams kernelDrops(long drops) {
        this.kernelDrops = drops;
        return this;
    }

    Streams malformed(long count) {
        this.malformed = count;
        return this;
    }

    /** Datagrams from the sensor that came without the receive timestamp asked for. */
    Streams withoutReceiveTimestamp(long count) {
        this.withoutTimestamp = count;
        return this;
    }

    Streams fromOtherSources(long count) {
        this.fromOtherSources = count;
        return this;
    }

    StreamRecord record() {
        long[] receive = packets.stream().mapToLong(p -> p[0]).toArray();
        long[] sensor = packets.stream().mapToLong(p -> p[1]).toArray();
        long[] order = packets.stream().mapToLong(p -> p[2]).toArray();
        int[] inits = continuity == StreamRecord.Continuity.PACKET_COUNTER
                ? packets.stream().mapToInt(p -> (int) p[3]).toArray() : new int[0];
        long scale = continuity == StreamRecord.Continuity.PACKET_COUNTER ? 65536L * PACKETS_PER_FRAME
                : continuity == StreamRecord.Continuity.SENSOR_TIMESTAMP ? periodNs / 8 : 0;
        return new StreamRecord(stream, "UDP 0.0.0.0:7502 from 192.168.1.21", window, periodNs, TAI_NS, continuity,
                scale, receive, receive, sensor, order, inits,
                packets.size() + malformed + withoutTimestamp, malformed,
                malformed > 0 ? Optional.of("lidar packet of 12551 bytes does not fit ...") : Optional.empty(),
                fromOtherSources, fromOtherSources > 0 ? Optional.of("10.0.0.9:7502") : Optional.empty(),
                withoutTimestamp, kernelDrops, Path.of("os-1-lidar.jsonl"));
    }
}
