package io.timesync.hil.checks;

import io.timesync.hil.sensor.StreamRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a stream's record shows, computed from the packets alone: timing, continuity and arrival. */
public final class StreamAnalysis {
    /** A gap in a sensor clock of more than 1.5 nominal periods is a packet missing. */
    private static final double MISSING_AFTER_PERIODS = 1.5;

    private StreamAnalysis() {
    }

    /**
     * receive - sensor time of every judged packet (received in the judged window, with a sensor timestamp).
     *
     * @param judgedAtNs receive time of each judged packet since the judged window started (for the chart)
     * @param worstNs    the diff farthest outside the allowed window, if any is outside
     */
    public record Timing(long[] judgedAtNs, long[] diffsNs, long late, long fromTheFuture, Optional<Long> worstNs,
                        DiffStatistics statistics) {
        public int judged() {
            return diffsNs.length;
        }
    }

    public static Timing timing(StreamRecord record, long maxDiffNs, long futureToleranceNs) {
        int judged = 0;
        long[] atNs = new long[record.packets()];
        long[] diffsNs = new long[record.packets()];
        long late = 0;
        long future = 0;
        Long worstNs = null;
        long worstBeyondNs = 0;
        for (int i = 0; i < record.packets(); i++) {
            long receiveNs = record.receiveNs()[i];
            long sensorNs = record.sensorNs()[i];
            if (sensorNs == StreamRecord.NO_TIMESTAMP || !record.window().judges(receiveNs)) {
                continue;
            }
            long diffNs = receiveNs - (sensorNs - record.utcOffsetNs());
            atNs[judged] = receiveNs - record.window().judgedFromNs();
            diffsNs[judged++] = diffNs;
            long beyondNs = diffNs > maxDiffNs ? diffNs - maxDiffNs
                    : diffNs < -futureToleranceNs ? -futureToleranceNs - diffNs : 0;
            if (beyondNs > 0) {
                if (diffNs > 0) {
                    late++;
                } else {
                    future++;
                }
                if (beyondNs > worstBeyondNs) {
                    worstBeyondNs = beyondNs;
                    worstNs = diffNs;
                }
            }
        }
        long[] diffs = Arrays.copyOf(diffsNs, judged);
        return new Timing(Arrays.copyOf(atNs, judged), diffs, late, future, Optional.ofNullable(worstNs),
                DiffStatistics.of(diffs));
    }

    /**
     * Packets the sensor sent that never arrived by the end of the capture, and packets that arrived out of
     * order (a reordered packet is not lost) or twice.
     */
    public record Continuity(long lost, long reordered, long duplicates, String evidence) {
    }

    public static Continuity continuity(StreamRecord record) {
        return record.continuityKind() == StreamRecord.Continuity.PACKET_COUNTER ? counted(record) : clocked(record);
    }

    /** Lidar: per init id (a restart begins anew), the counter's range minus the distinct values seen. */
    private static Continuity counted(StreamRecord record) {
        long modulus = record.continuityScale();
        Map<Integer, Set<Long>> seen = new HashMap<>();
        Map<Integer, long[]> range = new HashMap<>(); // init id -> {min, max} of the unwrapped counter
        Map<Integer, Long> previous = new HashMap<>();
        long reordered = 0;
        long duplicates = 0;
        for (int i = 0; i < record.continuity().length; i++) {
            int initId = record.initIds()[i];
            long raw = record.continuity()[i];
            Long last = previous.get(initId);
            long unwrapped = raw;
            if (last != null) {
                long step = Math.floorMod(raw - Math.floorMod(last, modulus), modulus);
                unwrapped = last + (step > modulus / 2 ? step - modulus : step); // a late packet steps back
            }
            previous.put(initId, Math.max(unwrapped, last == null ? unwrapped : last));
            long[] minMax = range.computeIfAbsent(initId, id -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            if (unwrapped < minMax[1]) {
                reordered++;
            }
            minMax[0] = Math.min(minMax[0], unwrapped);
            minMax[1] = Math.max(minMax[1], unwrapped);
            if (!seen.computeIfAbsent(initId, id -> new HashSet<>()).add(unwrapped)) {
                duplicates++;
            }
        }
        long lost = 0;
        for (Map.Entry<Integer, Set<Long>> entry : seen.entrySet()) {
            long[] minMax = range.get(entry.getKey());
            lost += minMax[1] - minMax[0] + 1 - entry.getValue().size();
        }
        return new Continuity(lost, reordered, duplicates, "gaps in frame and measurement ids");
    }

    /**
     * IMU: gaps of more than 1.5 steps in the sensor's clock over the distinct values seen; LEGACY steps one packet
     * period (sys_ts), a measurement packet one measurement (from the one before's newest to its oldest).
     */
    private static Continuity clocked(StreamRecord record) {
        boolean measurements = record.continuityKind() == StreamRecord.Continuity.SENSOR_TIMESTAMP;
        long stepNs = measurements ? record.continuityScale() : record.nominalPeriodNs();
        List<long[]> packets = new ArrayList<>(); // {first, last} in the sensor's clock
        for (int i = 0; i < record.continuity().length; i++) {
            long first = record.continuity()[i];
            if (first != StreamRecord.NO_TIMESTAMP) {
                packets.add(new long[] {first, measurements ? record.sensorNs()[i] : first});
            }
        }
        long reordered = 0;
        long highest = Long.MIN_VALUE;
        for (long[] packet : packets) {
            if (packet[0] < highest) {
                reordered++;
            }
            highest = Math.max(highest, packet[0]);
        }
        List<long[]> distinct = new ArrayList<>(); // a repeated packet is a duplicate, not another packet
        for (long[] packet : packets.stream().sorted(Comparator.comparingLong(p -> p[0])).toList()) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1)[0] != packet[0]) {
                distinct.add(packet);
            }
        }
        long lostSteps = 0;
        for (int i = 1; i < distinct.size(); i++) {
            long gapNs = distinct.get(i)[0] - distinct.get(i - 1)[1];
            if (gapNs > MISSING_AFTER_PERIODS * stepNs) {
                lostSteps += Math.round((double) gapNs / stepNs) - 1;
            }
        }
        long lost = measurements ? Math.round((double) lostSteps * stepNs / record.nominalPeriodNs()) : lostSteps;
        String clock = measurements ? "the IMU measurement timestamps" : "the sensor's monotonic IMU clock (sys_ts)";
        return new Continuity(lost, reordered, packets.size() - distinct.size(), "gaps in " + clock);
    }

    /**
     * How the datagrams (decodable or not) arrived in the judged window: how many against how many the sensor's rate promises, and the
     * longest silence (also before the first and after the last packet).
     *
     * @param silenceStartNs when the longest silence began, since the judged window started
     */
    public record Arrival(long received, long expected, long longestSilenceNs, long silenceStartNs) {
    }

    public static Arrival arrival(StreamRecord record) {
        long fromNs = record.window().judgedFromNs();
        long untilNs = record.window().judgedUntilNs();
        long[] inWindow = Arrays.stream(record.arrivalNs()).filter(record.window()::judges).sorted().toArray();
        long previousNs = fromNs;
        long longestNs = 0;
        long startNs = 0;
        for (long receiveNs : inWindow) {
            if (receiveNs - previousNs > longestNs) {
                longestNs = receiveNs - previousNs;
                startNs = previousNs - fromNs;
            }
            previousNs = receiveNs;
        }
        if (untilNs - previousNs > longestNs) {
            longestNs = untilNs - previousNs;
            startNs = previousNs - fromNs;
        }
        return new Arrival(inWindow.length, record.window().durationNs() / record.nominalPeriodNs(), longestNs,
                startNs);
    }
}
