package io.timesync.hil.fidelity;

import io.timesync.hil.checks.Finding;
import io.timesync.hil.checks.SensorChecks;
import io.timesync.hil.checks.StreamAnalysis;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorCapture;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sensor.StreamKind;
import io.timesync.hil.sensor.StreamRecord;
import io.timesync.hil.sim.OusterPacketWriter;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.Timeline;
import io.timesync.hil.time.UtcOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sensor checks against captures whose truth the sender knows: 200 short lidar captures over loopback, packets
 * stamped late or early around the window's edges, silences around the bound, packets left out and packets
 * overtaking others. The sender records when each packet really left (the kernel stamps its receive time inside
 * that send), so each packet's true diff lies in [stamped delay, stamped delay + send time] and each silence is known;
 * a verdict the truth contradicts fails, a truth that sits on an edge is not counted either way.
 */
class SensorVerdictFidelityTest {
    static final int RUNS = Integer.getInteger("fidelity.sensorRuns", 200);
    private static final long MS = 1_000_000;
    private static final long TAI_NS = 37_000_000_000L;
    private static final long MAX_DIFF_NS = 10 * MS;
    private static final long FUTURE_NS = MS;
    private static final long WINDOW_NS = 150 * MS;
    private static final long SILENCE_BOUND_NS = 20 * MS;
    private static final LidarPacketFormat LIDAR = new LidarPacketFormat(LidarProfile.RNG15_RFL8_NIR8, 16, 1024);
    private static final ImuPacketFormat IMU = new ImuPacketFormat(ImuProfile.LEGACY, 8);

    @TempDir
    Path directory;

    /** What the sender did with packet {@code sequence}: sent between two clock reads, or left out. */
    record Sent(long sequence, long stampDelayNs, long startNs, long endNs) {
    }

    /** The simulated benches keep their grandmaster: held at every sample of the watch, throughout. */
    private static final Timeline<GrandmasterState> GRANDMASTER_HELD = new Timeline<>(250_000_000L, List.of(
            new Timeline.Stretch<>(new GrandmasterState(true, true, "simulated grandmaster"), 0,
                    Long.MAX_VALUE / 2, 2, 0)));

    @Test
    void everyVerdictHoldsAgainstTheSendersTruth() throws IOException {
        Random random = new Random(1588);
        List<String> wrong = new ArrayList<>();
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        for (int run = 0; run < RUNS; run++) {
            runOnce(run, random, wrong, outcomes);
        }
        System.out.println(RUNS + " captures; outcomes " + outcomes + "; wrong: " + wrong.size());
        assertThat(wrong).as("wrong verdicts:%n%s", String.join("\n", wrong)).isEmpty();
        assertThat(outcomes).containsKeys("timing FAILED", "timing PASSED", "lost FAILED", "lost PASSED",
                "arriving FAILED", "arriving PASSED");
    }

    private void runOnce(int run, Random random, List<String> wrong, TreeMap<String, Integer> outcomes)
            throws IOException {
        SensorSettings sensor = new SensorSettings("fidelity", "127.0.0.1", 0, 0, LIDAR, 10, IMU, 100);
        CaptureSettings settings = new CaptureSettings("127.0.0.1", Optional.empty(), 8 << 20, false, MAX_DIFF_NS,
                FUTURE_NS, 0, WINDOW_NS, TimeUnit.SECONDS.toNanos(1), OptionalLong.of(SILENCE_BOUND_NS));
        Plan plan = Plan.random(random);
        List<Sent> sent = new ArrayList<>();
        StreamRecord record;
        long periodNs = 1_000_000_000L / (10L * LIDAR.packetsPerFrame());
        try (SensorCapture capture = SensorCapture.start(sensor, settings, new UtcOffset(TAI_NS, "fidelity"),
                directory.resolve("run-" + run), HostClock.SYSTEM);
             DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", capture.lidarPort());
            OusterPacketWriter writer = new OusterPacketWriter(LIDAR, IMU, 1, 2);
            long startNanoTime = System.nanoTime();
            long[] columns = new long[LidarPacketFormat.COLUMNS_PER_PACKET];
            long pauseNs = 0;
            for (int sequence = 0; ; sequence++) {
                if (sequence == plan.pauseAt()) {
                    pauseNs = plan.pauseNs();
                }
                long dueNanoTime = startNanoTime + 2 * MS + sequence * periodNs + pauseNs;
                if (dueNanoTime > startNanoTime + WINDOW_NS - 3 * MS) {
                    break;
                }
                for (long waitNs = dueNanoTime - System.nanoTime(); waitNs > 0; waitNs = dueNanoTime - System.nanoTime()) {
                    LockSupport.parkNanos(waitNs);
                }
                int order = plan.swapAt() < 0 ? sequence : plan.swapAt() == sequence ? sequence + 1
                        : plan.swapAt() + 1 == sequence ? sequence - 1 : sequence;
                if (plan.skipped().contains(order)) {
                    continue;
                }
                long delayNs = plan.delayNs(order, random);
                var packet = writer.lidarPacket(order / LIDAR.packetsPerFrame(),
                        order % LIDAR.packetsPerFrame() * LidarPacketFormat.COLUMNS_PER_PACKET);
                long beforeNs = HostClock.SYSTEM.nowNs();
                long firstColumnNs = beforeNs - delayNs + TAI_NS;
                for (int column = 0; column < columns.length; column++) {
                    columns[column] = firstColumnNs + column;
                }
                channel.send(writer.stamp(packet, columns), target);
                sent.add(new Sent(order, delayNs, beforeNs, HostClock.SYSTEM.nowNs()));
            }
            record = capture.records(TimeUnit.SECONDS.toNanos(5)).stream()
                    .filter(r -> r.stream().kind() == StreamKind.LIDAR).findFirst().orElseThrow();
        }
        String where = "run " + run + " (" + plan + ")";
        judgeTiming(where, record, sent, wrong, outcomes);
        judgeLoss(where, record, sent, plan, wrong, outcomes);
        judgeArrival(where, record, sent, wrong, outcomes);
    }

    private static void judgeTiming(String where, StreamRecord record, List<Sent> sent, List<String> wrong,
                                    TreeMap<String, Integer> outcomes) {
        boolean surelyOutside = false;
        boolean surelyInside = true;
        for (Sent packet : sent) {
            if (!record.window().judges(packet.startNs()) || !record.window().judges(packet.endNs())) {
                surelyInside = false; // whether it was judged depends on where in its send the kernel stamped it
                continue;
            }
            long leastNs = packet.stampDelayNs();
            long mostNs = packet.stampDelayNs() + (packet.endNs() - packet.startNs());
            surelyOutside |= leastNs > MAX_DIFF_NS || mostNs < -FUTURE_NS;
            surelyInside &= leastNs >= -FUTURE_NS && mostNs <= MAX_DIFF_NS;
        }
        Finding finding = SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, GRANDMASTER_HELD);
        outcomes.merge("timing " + finding.status(), 1, Integer::sum);
        if (finding.status() == Finding.Status.PASSED && surelyOutside
                || finding.status() == Finding.Status.FAILED && surelyInside) {
            wrong.add(where + ": timing " + finding.status() + ": " + finding.measured());
        }
    }

    private static void judgeLoss(String where, StreamRecord record, List<Sent> sent, Plan plan, List<String> wrong,
                                  TreeMap<String, Integer> outcomes) {
        long first = sent.stream().mapToLong(Sent::sequence).min().orElse(0);
        long last = sent.stream().mapToLong(Sent::sequence).max().orElse(0);
        // a sender descheduled at the window's end may send a packet, overtaken or not, whose receive time may fall
        // after the capture closed: unless it is the last in order, the capture cannot tell it from a lost one, and
        // the truth does not say which it is (the kernel stamps a packet somewhere inside its send)
        if (sent.stream().anyMatch(packet -> !(record.window().judges(packet.startNs())
                && record.window().judges(packet.endNs())) && packet.sequence() < last)) {
            outcomes.merge("lost undecided", 1, Integer::sum);
            return;
        }
        long trulyLost = plan.skipped().stream().filter(skipped -> skipped > first && skipped < last).count();
        StreamAnalysis.Continuity continuity = StreamAnalysis.continuity(record);
        Finding finding = SensorChecks.noPacketLost(record);
        outcomes.merge("lost " + finding.status(), 1, Integer::sum);
        if (continuity.lost() != trulyLost || (finding.status() == Finding.Status.PASSED) != (trulyLost == 0)) {
            wrong.add(where + ": " + continuity + " but truly " + trulyLost + " lost");
        }
        if (plan.swapAt() >= 0 && !plan.skipped().contains(plan.swapAt()) && !plan.skipped().contains(plan.swapAt() + 1)
                && continuity.reordered() != 1) {
            wrong.add(where + ": one packet overtook another, but " + continuity.reordered() + " counted reordered");
        }
    }

    private static void judgeArrival(String where, StreamRecord record, List<Sent> sent, List<String> wrong,
                                     TreeMap<String, Integer> outcomes) {
        // the longest silence the sends allow: between the latest and the earliest moment each could be stamped
        long fromNs = record.window().judgedFromNs();
        long untilNs = record.window().judgedUntilNs();
        long leastNs = 0;
        long mostNs = 0;
        long previousStartNs = fromNs;
        long previousEndNs = fromNs;
        for (Sent packet : sent) {
            leastNs = Math.max(leastNs, packet.startNs() - previousEndNs);
            mostNs = Math.max(mostNs, packet.endNs() - previousStartNs);
            previousStartNs = packet.startNs();
            previousEndNs = packet.endNs();
        }
        leastNs = Math.max(leastNs, untilNs - previousEndNs);
        mostNs = Math.max(mostNs, untilNs - previousStartNs);
        Finding finding = SensorChecks.packetsKeepArriving(record, OptionalLong.of(MS), TimeUnit.SECONDS.toNanos(1),
                SILENCE_BOUND_NS);
        outcomes.merge("arriving " + finding.status(), 1, Integer::sum);
        if (finding.status() == Finding.Status.PASSED && leastNs > SILENCE_BOUND_NS
                || finding.status() == Finding.Status.FAILED && mostNs <= SILENCE_BOUND_NS) {
            wrong.add(where + ": arriving " + finding.status() + " (" + finding.measured() + ") but the silence was truly "
                    + leastNs + " to " + mostNs + " ns");
        }
    }

    /**
     * What a run does: most packets stamped 1-3 ms before they leave; some around the late edge (9-11 ms) or the
     * early one (-0.5 to -1.5 ms); perhaps a pause of 5-40 ms; perhaps packets left out; perhaps two swapped.
     */
    record Plan(int lateKind, int pauseAt, long pauseNs, List<Integer> skipped, int swapAt) {
        static Plan random(Random random) {
            List<Integer> skipped = new ArrayList<>();
            int skips = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
            for (int i = 0; i < skips; i++) {
                skipped.add(3 + random.nextInt(80));
            }
            boolean pause = random.nextInt(3) == 0;
            return new Plan(random.nextInt(3), pause ? 5 + random.nextInt(60) : -1,
                    pause ? (5 + random.nextInt(36)) * MS : 0, skipped, random.nextInt(4) == 0 ? 5 + random.nextInt(60)
                    : -1);
        }

        long delayNs(int sequence, Random random) {
            if (sequence % 17 == 5 && lateKind == 1) {
                return MAX_DIFF_NS - MS + random.nextInt(2 * (int) MS); // 9 to 11 ms
            }
            if (sequence % 17 == 5 && lateKind == 2) {
                return -FUTURE_NS - MS / 2 + random.nextInt((int) MS); // -1.5 to -0.5 ms
            }
            return MS + random.nextInt(2 * (int) MS);
        }
    }
}
