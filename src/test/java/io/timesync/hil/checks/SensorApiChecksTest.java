package io.timesync.hil.checks;

import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.api.ActiveConfig;
import io.timesync.hil.sensor.api.ApiGeneration;
import io.timesync.hil.sensor.api.FirmwareVersion;
import io.timesync.hil.sensor.api.OusterApiReading;
import io.timesync.hil.sensor.api.SensorApis;
import io.timesync.hil.sensor.api.SensorDataFormat;
import io.timesync.hil.sensor.api.SensorIdentity;
import io.timesync.hil.sensor.api.SensorPtpState;
import io.timesync.hil.sensor.api.TimestampMode;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SensorApiChecksTest {
    private static final String HOST = "02005e.fffe.000001";
    private static final String FOREIGN = "02005e.fffe.0000aa";
    private static final long MS = 1_000_000;
    private static final long INTERVAL_NS = 500 * MS;
    private static final Timeline<GrandmasterState> HELD = new Timeline<>(250 * MS, List.of(new Timeline.Stretch<>(
            new GrandmasterState(true, true, "held"), 0, 100_000 * MS, 400, 250 * MS)));
    private static final SensorCaptures.Ports PORTS = new SensorCaptures.Ports(7502, 7503);

    @Test
    void stampsPtpTimeOnlyWithThePtpTimestampMode() {
        assertThat(SensorApiChecks.stampsPtpTime("os-1", answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1",
                slave(HOST, 12))).status()).isEqualTo(Finding.Status.PASSED);

        Finding internal = SensorApiChecks.stampsPtpTime("os-1", answer(TimestampMode.TIME_FROM_INTERNAL_OSC,
                "10.0.0.1", slave(HOST, 12)));
        assertThat(internal.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(internal.measured()).isEqualTo("timestamp_mode TIME_FROM_INTERNAL_OSC (OS-1-64 992211000101, "
                + "firmware 3.2.0)");
        assertThat(internal.message()).contains("its internal oscillator", "expected: TIME_FROM_PTP_1588",
                "but was: TIME_FROM_INTERNAL_OSC");
        assertThat(SensorApiChecks.stampsPtpTime("os-1", answer(TimestampMode.TIME_FROM_SYNC_PULSE_IN, "10.0.0.1",
                slave(HOST, 12))).message()).contains("SYNC_PULSE_IN counts");
    }

    @Test
    void everyApiCheckIsBrokenWhenTheApiDidNotAnswer() {
        SensorApis.Answer silent = SensorApis.Answer.failed(new BenchPartUnreachableException("sensor os-1",
                "connection refused", "start it"));

        assertThat(List.of(SensorApiChecks.stampsPtpTime("os-1", silent),
                SensorApiChecks.followsThisHostsGrandmaster("os-1", silent, Optional.empty(), HOST, MS),
                SensorApiChecks.sendsToThisHost("os-1", silent, Set.of("10.0.0.1"), "0.0.0.0", PORTS)))
                .allSatisfy(finding -> {
                    assertThat(finding.status()).isEqualTo(Finding.Status.BROKEN);
                    assertThat(finding.message()).contains("connection refused");
                });
    }

    @Test
    void followsThisHostsGrandmasterWhenItsPortReachesSlaveToIt() {
        SensorApis.Answer answer = answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1", slave(HOST, 12));
        String wanted = "SLAVE to " + HOST;

        Finding reached = SensorApiChecks.followsThisHostsGrandmaster("os-1", answer, Optional.of(
                new StateWatch.Observation<>(wanted, List.of("LISTENING to 0000", wanted), true, 40 * MS)), HOST,
                MS);
        assertThat(reached.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(reached.measured()).isEqualTo("PTP port SLAVE to " + HOST + " after 40ms (seen: LISTENING to "
                + "0000 -> SLAVE to " + HOST + ")");

        Finding foreign = SensorApiChecks.followsThisHostsGrandmaster("os-1", answer, Optional.of(
                new StateWatch.Observation<>(wanted, List.of("SLAVE to " + FOREIGN), false, MS)), HOST, MS);
        assertThat(foreign.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(foreign.message()).contains("follows another grandmaster", "expected: " + wanted,
                "but was: SLAVE to " + FOREIGN);

        Finding listening = SensorApiChecks.followsThisHostsGrandmaster("os-1", answer, Optional.of(
                new StateWatch.Observation<>(wanted, List.of("LISTENING to " + FOREIGN), false, MS)), HOST, MS);
        assertThat(listening.message()).contains("never became a PTP slave: its port stayed LISTENING");
    }

    @Test
    void sendsToThisHostWhenItsDestinationAndPortsAreTheCapturesOnly() {
        assertThat(SensorApiChecks.sendsToThisHost("os-1", answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1",
                slave(HOST, 0)), Set.of("127.0.0.1", "10.0.0.1"), "0.0.0.0", PORTS).status())
                .isEqualTo(Finding.Status.PASSED);

        Finding elsewhere = SensorApiChecks.sendsToThisHost("os-1", answer(TimestampMode.TIME_FROM_PTP_1588,
                "192.0.2.99", slave(HOST, 0)), Set.of("10.0.0.1"), "0.0.0.0", new SensorCaptures.Ports(7600, 7503));
        assertThat(elsewhere.status()).isEqualTo(Finding.Status.BROKEN);
        assertThat(elsewhere.message()).contains("udp_dest 192.0.2.99 is not an address of this host [10.0.0.1]",
                "udp_port_lidar 7502, the capture listens on 7600").doesNotContain("udp_port_imu");

        Finding otherBind = SensorApiChecks.sendsToThisHost("os-1", answer(TimestampMode.TIME_FROM_PTP_1588,
                "10.0.0.1", slave(HOST, 0)), Set.of("10.0.0.1", "10.0.1.1"), "10.0.1.1", PORTS);
        assertThat(otherBind.message()).contains("is not the capture's bind address 10.0.1.1");

        Finding nowhere = SensorApiChecks.sendsToThisHost("os-1", answer(TimestampMode.TIME_FROM_PTP_1588, "",
                slave(HOST, 0)), Set.of("10.0.0.1"), "0.0.0.0", new SensorCaptures.Ports(7502, 7600));
        assertThat(nowhere.message()).contains("udp_dest is empty", "udp_port_imu 7503, the capture listens on 7600");
    }

    @Test
    void theServoHoldsWhenEveryReadingInTheWindowIsSlaveWithinTheThreshold() {
        Timeline<SensorApis.PtpSample> ptp = timeline(readings(0, 10, slave(HOST, 40)));

        Finding held = SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", ptp, 200 * MS, 4_200 * MS, 1_000,
                HELD);

        assertThat(held.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(held.measured()).isEqualTo("largest |offset_from_master| 40 ns; port SLAVE; at most 500ms "
                + "between readings in the 4s window");
    }

    @Test
    void theServoFailsOnABigOffsetOrAPortNotSlaveInsideTheWindowOnly() {
        List<Sample> readings = readings(0, 10, slave(HOST, 40));
        readings.set(5, new Sample(readings.get(5).atNs(), Optional.of(slave(HOST, -1_001)), ""));
        Finding offset = SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(readings), 200 * MS,
                4_200 * MS, 1_000, HELD);
        assertThat(offset.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(offset.message()).contains("expected: SLAVE, |offset_from_master| <= 1000 ns",
                "but was: SLAVE offset -1001 ns (1 reading(s))");

        // the same reading after the window is not judged
        Finding after = SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(readings), 0, 2_400 * MS,
                1_000, HELD);
        assertThat(after.status()).isEqualTo(Finding.Status.PASSED);

        List<Sample> listening = readings(0, 10, slave(HOST, 0));
        listening.set(3, new Sample(listening.get(3).atNs(), Optional.of(state(PortState.LISTENING, HOST, 0)), ""));
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(listening), 0, 4_500 * MS,
                1_000, HELD).message()).contains("but was: LISTENING offset 0 ns");
    }

    @Test
    void theServoIsNotJudgedWhereItWasNotRead() {
        Finding none = SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(readings(0, 3,
                slave(HOST, 0))), 5_000 * MS, 6_000 * MS, 1_000, HELD);
        assertThat(none.status()).isEqualTo(Finding.Status.BROKEN);
        assertThat(none.measured()).isEqualTo("no reading in the window");

        List<Sample> unread = readings(0, 10, slave(HOST, 0));
        unread.set(4, new Sample(unread.get(4).atNs(), Optional.empty(), "connection refused"));
        Finding some = SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(unread), 0, 4_500 * MS,
                1_000, HELD);
        assertThat(some.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(some.message()).contains("could not be read at every reading during the window: connection refused");

        List<Sample> gap = new ArrayList<>(readings(0, 2, slave(HOST, 0)));
        gap.addAll(readings(8, 10, slave(HOST, 0)));
        Finding sparse = SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(gap), 0, 4_500 * MS,
                1_000, HELD);
        assertThat(sparse.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(sparse.message()).contains("went unread for 3500ms of the window");

        Timeline<GrandmasterState> lost = new Timeline<>(250 * MS, List.of(new Timeline.Stretch<>(
                new GrandmasterState(true, false, "slave"), 0, 100_000 * MS, 400, 250 * MS)));
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(readings(0, 10,
                slave(HOST, 0))), 0, 4_500 * MS, 1_000, lost).status()).isEqualTo(Finding.Status.INCONCLUSIVE);
    }

    /**
     * The largest unread part of the window, against brute force over random reading times: never less than the
     * truth, and the truth itself when every reading differs from the one before (no stretch merges readings).
     */
    @Test
    void theLargestGapBoundsTheLongestTimeWithoutAReading() {
        Random random = new Random(7);
        for (int trial = 0; trial < 4_000; trial++) {
            boolean distinct = random.nextBoolean();
            List<Sample> samples = new ArrayList<>();
            long atNs = random.nextInt(1_000);
            for (int i = 0; i < 1 + random.nextInt(12); i++) {
                samples.add(new Sample(atNs, Optional.of(slave(HOST, distinct ? i : random.nextInt(2))), ""));
                atNs += 1 + random.nextInt(400);
            }
            long fromNs = random.nextInt(2_000);
            long untilNs = fromNs + random.nextInt(3_000);
            List<Timeline.Stretch<SensorApis.PtpSample>> inWindow = timeline(samples).stretches().stream()
                    .filter(stretch -> stretch.lastNs() >= fromNs && stretch.firstNs() <= untilNs).toList();
            if (inWindow.isEmpty()) {
                continue;
            }
            long truthNs = 0;
            long previousNs = fromNs;
            for (Sample sample : samples) {
                if (sample.atNs() > fromNs && sample.atNs() <= untilNs) {
                    truthNs = Math.max(truthNs, sample.atNs() - previousNs);
                }
                if (sample.atNs() <= untilNs) {
                    previousNs = Math.max(previousNs, sample.atNs());
                }
            }
            truthNs = Math.max(truthNs, untilNs - previousNs);
            long boundNs = SensorApiChecks.largestGapNs(inWindow, fromNs, untilNs);
            String trialText = "trial " + trial + ": " + samples.stream().map(Sample::atNs).toList() + " in ["
                    + fromNs + ", " + untilNs + "]";
            assertThat(boundNs).as(trialText).isGreaterThanOrEqualTo(truthNs);
            if (distinct && samples.get(0).atNs() >= fromNs && samples.get(samples.size() - 1).atNs() <= untilNs) {
                assertThat(boundNs).as(trialText).isEqualTo(truthNs);
            }
        }
    }

    /** The edges, each on the side the check states: a reading on a window edge is in it; the threshold is allowed. */
    @Test
    void theServoCheckKeepsItsEdges() {
        List<Sample> readings = readings(0, 10, slave(HOST, 1_000));
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(readings), 0, 4_500 * MS,
                1_000, HELD).status()).as("|offset| equal to the threshold").isEqualTo(Finding.Status.PASSED);

        List<Sample> badFirst = readings(0, 10, slave(HOST, 0));
        badFirst.set(2, new Sample(badFirst.get(2).atNs(), Optional.of(slave(HOST, 5_000)), ""));
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(badFirst), 1_000 * MS,
                1_500 * MS, 1_000, HELD).status()).as("a bad reading on the window's first instant")
                .isEqualTo(Finding.Status.FAILED);
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(badFirst), 0,
                1_000 * MS, 1_000, HELD).status()).as("a bad reading on the window's last instant")
                .isEqualTo(Finding.Status.FAILED);

        // exactly MAX_MISSED_READINGS intervals unread is still covered
        List<Sample> gap = new ArrayList<>(readings(0, 1, slave(HOST, 0)));
        gap.add(new Sample(SensorApiChecks.MAX_MISSED_READINGS * INTERVAL_NS, Optional.of(slave(HOST, 1)), ""));
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(gap), 0,
                SensorApiChecks.MAX_MISSED_READINGS * INTERVAL_NS, 1_000, HELD).status())
                .isEqualTo(Finding.Status.PASSED);
    }

    @Test
    void aServoOutOftenListsTheFirstFiveReadingsAndSaysThereAreMore() {
        List<Sample> many = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            many.add(new Sample(i * INTERVAL_NS, Optional.of(slave(HOST, 2_000 + i)), ""));
        }
        String message = SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(many), 0, 3_000 * MS,
                1_000, HELD).message();
        assertThat(message).contains("offset 2004 ns").doesNotContain("offset 2005 ns").endsWith(", ...");
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(many.subList(0, 5)), 0,
                2_000 * MS, 1_000, HELD).message()).doesNotContain("...");
    }

    @Test
    void whatTheChecksStateOfThemselves() {
        assertThat(slave(HOST, 0).portAndGrandmaster()).isEqualTo("SLAVE to " + HOST);
        assertThat(SensorApiChecks.sendsToThisHost("os-1", answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.1.1",
                slave(HOST, 0)), Set.of("10.0.1.1"), "10.0.1.1", PORTS).required()).isEqualTo("udp_dest 10.0.1.1 "
                + "(the capture's bind address), udp_port_lidar 7502 and udp_port_imu 7503 (the capture's ports)");
        List<Sample> unread = List.of(new Sample(0, Optional.empty(), "connection refused"));
        assertThat(SensorApiChecks.servoHoldsItWithinOffsetThreshold("os-1", timeline(unread), 0, MS, 1_000, HELD)
                .message()).contains("its PTP page was not read during the capture window: connection refused");
        SensorApis.Answer answered = answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1", slave(HOST, 0));
        assertThatThrownBy(() -> SensorApiChecks.followsThisHostsGrandmaster("os-1", answered, Optional.empty(),
                HOST, MS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theApiExplainsAPacketFindingWhereItCan() {
        assertThat(SensorApiChecks.explanation(answer(TimestampMode.TIME_FROM_INTERNAL_OSC, "10.0.0.1",
                slave(HOST, 0)), Optional.of(HOST), false)).contains("The sensor's API explains it: internal "
                + "oscillator: see the sensor's timestamp_mode (TIME_FROM_INTERNAL_OSC)");
        assertThat(SensorApiChecks.explanation(answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1",
                slave(FOREIGN, 0)), Optional.of(HOST), false).orElseThrow()).contains("follows grandmaster "
                + FOREIGN + ", not this host's " + HOST);
        assertThat(SensorApiChecks.explanation(answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1",
                state(PortState.LISTENING, HOST, 0)), Optional.of(HOST), false).orElseThrow())
                .contains("PTP port is LISTENING");
        assertThat(SensorApiChecks.explanation(answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1",
                slave(HOST, 0)), Optional.of(HOST), true).orElseThrow()).contains("the packets do not fit the format "
                + "the sensor's API states (RNG19_RFL8_SIG16_NIR16, 64 beams, 1024x10, IMU LEGACY)");
        assertThat(SensorApiChecks.explanation(answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1",
                slave(FOREIGN, 0)), Optional.empty(), false)).isEmpty();
        assertThat(SensorApiChecks.explanation(answer(TimestampMode.TIME_FROM_PTP_1588, "10.0.0.1",
                slave(HOST, 0)), Optional.of(HOST), false)).isEmpty();
    }

    @Test
    void anExplanationFollowsTheMessageOfAFindingNotPassed() {
        Finding failed = Finding.failed("r", "m", "late\nexpected: x\n but was: y");
        assertThat(failed.explainedBy(Optional.of("why")).message()).isEqualTo("late\nexpected: x\n but was: y\nwhy");
        Finding broken = Finding.broken("r", "m", new BenchPartUnreachableException("sensor os-1", "gone", "fix"));
        assertThat(broken.explainedBy(Optional.of("why")).cause().orElseThrow().getMessage()).endsWith("fix\nwhy");
        Finding passed = Finding.passed("r", "m");
        assertThat(passed.explainedBy(Optional.of("why"))).isSameAs(passed);
        assertThat(failed.explainedBy(Optional.empty())).isSameAs(failed);
    }

    private record Sample(long atNs, Optional<SensorPtpState> state, String problem) {
    }

    private static List<Sample> readings(int first, int last, SensorPtpState state) {
        List<Sample> samples = new ArrayList<>();
        for (int i = first; i < last; i++) {
            samples.add(new Sample(i * INTERVAL_NS, Optional.of(state), ""));
        }
        return samples;
    }

    /** The watch's timeline of these readings: equal neighbours in one stretch, as {@link Timeline} keeps them. */
    private static Timeline<SensorApis.PtpSample> timeline(List<Sample> samples) {
        List<Timeline.Stretch<SensorApis.PtpSample>> stretches = new ArrayList<>();
        for (Sample sample : samples) {
            SensorApis.PtpSample state = new SensorApis.PtpSample(sample.state(), sample.problem());
            int last = stretches.size() - 1;
            if (last >= 0 && stretches.get(last).state().equals(state)) {
                Timeline.Stretch<SensorApis.PtpSample> stretch = stretches.get(last);
                stretches.set(last, new Timeline.Stretch<>(state, stretch.firstNs(), sample.atNs(),
                        stretch.samples() + 1, Math.max(stretch.longestGapNs(), sample.atNs() - stretch.lastNs())));
            } else {
                stretches.add(new Timeline.Stretch<>(state, sample.atNs(), sample.atNs(), 1, 0));
            }
        }
        return new Timeline<>(INTERVAL_NS, stretches);
    }

    private static SensorPtpState slave(String grandmaster, long offsetNs) {
        return state(PortState.SLAVE, grandmaster, offsetNs);
    }

    private static SensorPtpState state(PortState port, String grandmaster, long offsetNs) {
        ClockIdentity gm = ClockIdentity.parse(grandmaster);
        return new SensorPtpState(port, gm, new PortIdentity(gm, 1), offsetNs, offsetNs, true, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static SensorApis.Answer answer(TimestampMode mode, String udpDest, SensorPtpState ptp) {
        return SensorApis.Answer.of(new OusterApiReading(new SensorIdentity("OS-1-64", "992211000101",
                "ousteros-image-prod-aries-v3.2.0+20240611201015", FirmwareVersion.parse("3.2.0"), "RUNNING"),
                ApiGeneration.FW_3_1, new SensorDataFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024, 10,
                ImuProfile.LEGACY, 0), new ActiveConfig(mode, udpDest, 7502, 7503, "1024x10"), ptp, List.of()));
    }
}
