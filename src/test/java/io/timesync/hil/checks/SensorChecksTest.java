package io.timesync.hil.checks;

import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.sensor.StreamRecord;
import io.timesync.hil.time.Timeline;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static io.timesync.hil.checks.Streams.LIDAR_PERIOD_NS;
import static org.assertj.core.api.Assertions.assertThat;

class SensorChecksTest {
    private static final long MS = 1_000_000;
    private static final long SECOND = 1_000 * MS;
    private static final long MAX_DIFF_NS = 10 * MS;
    private static final long FUTURE_NS = MS;

    /** The case: stopped 1 s into a 3.5 s capture, no loss, nothing late: it must not pass. */
    @Test
    void aSensorThatGoesSilentMidWindowFails() {
        StreamRecord record = Streams.lidar(500 * MS, 3 * SECOND).steady(0, SECOND, 2 * MS).record();

        Finding arriving = SensorChecks.packetsKeepArriving(record, OptionalLong.of(MS), 5 * SECOND,
                SensorChecks.silenceBoundNs(record, OptionalLong.empty()));

        assertThat(arriving.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(arriving.message()).contains("os-1 lidar: the sensor stopped sending: silent for 2501.562500 ms "
                + "from 498.437500 ms into the judged window (320 of ~1920 expected packets arrived)",
                "expected: no silence over 20ms");
        assertThat(SensorChecks.noPacketLost(record).status()).isEqualTo(Finding.Status.PASSED);
        assertThat(SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT).status())
                .isEqualTo(Finding.Status.PASSED);
    }

    @Test
    void aSteadyStreamKeepsArriving() {
        StreamRecord record = Streams.lidar(500 * MS, SECOND).steady(0, 1_600 * MS, 2 * MS).record();

        Finding arriving = SensorChecks.packetsKeepArriving(record, OptionalLong.of(MS), 5 * SECOND, 20 * MS);

        assertThat(arriving.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(arriving.measured()).contains("640 of ~640 expected packets");
    }

    @Test
    void silenceIsMeasuredUpToTheEndOfTheWindowAndTheBoundIsInclusive() {
        StreamRecord record = Streams.lidar(0, 100 * MS).steady(0, 80 * MS, MS).record();
        long lastNs = (80 * MS - 1) / LIDAR_PERIOD_NS * LIDAR_PERIOD_NS;
        long tailNs = 100 * MS - lastNs;

        assertThat(SensorChecks.packetsKeepArriving(record, OptionalLong.of(MS), SECOND, tailNs).status())
                .isEqualTo(Finding.Status.PASSED);
        assertThat(SensorChecks.packetsKeepArriving(record, OptionalLong.of(MS), SECOND, tailNs - 1).status())
                .isEqualTo(Finding.Status.FAILED);
    }

    @Test
    void noPacketWithinTheArrivalTimeoutIsUnreachableWithTheHint() {
        Finding arriving = SensorChecks.packetsKeepArriving(Streams.lidar(0, SECOND).record(), OptionalLong.empty(),
                5 * SECOND, 20 * MS);

        assertThat(arriving.status()).isEqualTo(Finding.Status.BROKEN);
        assertThat(arriving.message()).contains("Bench part unreachable: sensor stream os-1 lidar: no packet on UDP "
                + "0.0.0.0:7502 from 192.168.1.21 within 5s", "Hint: check the sensor's udp_dest");
    }

    /** The case: order 0,1,2,4,3,5 is one packet reordered, none lost. */
    @Test
    void aReorderedPacketIsNotLost() {
        StreamRecord record = Streams.lidar(0, SECOND).packet(0, MS, 0).packet(MS, MS, 1).packet(2 * MS, MS, 2)
                .packet(3 * MS, MS, 4).packet(4 * MS, MS, 3).packet(5 * MS, MS, 5).record();

        Finding lost = SensorChecks.noPacketLost(record);

        assertThat(lost.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(lost.measured()).isEqualTo("0 packets lost, 1 reordered, 0 duplicated");
    }

    @Test
    void aPacketNeverSeenIsLost() {
        StreamRecord record = Streams.lidar(0, SECOND).packet(0, MS, 0).packet(MS, MS, 1).packet(2 * MS, MS, 4)
                .packet(3 * MS, MS, 5).record();

        Finding lost = SensorChecks.noPacketLost(record);

        assertThat(lost.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(lost.message()).contains("os-1 lidar: 2 packets lost between the sensor and this host (gaps in frame "
                + "and measurement ids; 0 arrived out of order, not lost)", "expected: 0", "but was: 2");
    }

    @Test
    void theFrameCounterWrapsAndARestartBeginsANewSequence() {
        long modulus = 65536L * Streams.PACKETS_PER_FRAME;
        StreamRecord wrapped = Streams.lidar(0, SECOND).packet(0, MS, modulus - 2).packet(MS, MS, modulus - 1)
                .packet(2 * MS, MS, 0).packet(3 * MS, MS, 1).record();
        StreamRecord restarted = Streams.lidar(0, SECOND).packet(0, MS, 500, 7).packet(MS, MS, 501, 7)
                .packet(2 * MS, MS, 0, 8).packet(3 * MS, MS, 1, 8).record();

        assertThat(SensorChecks.noPacketLost(wrapped).measured()).startsWith("0 packets lost, 0 reordered");
        assertThat(SensorChecks.noPacketLost(restarted).measured()).startsWith("0 packets lost, 0 reordered");
    }

    @Test
    void aDuplicateIsCountedNotLost() {
        StreamRecord record = Streams.lidar(0, SECOND).packet(0, MS, 0).packet(MS, MS, 1).packet(2 * MS, MS, 1)
                .packet(3 * MS, MS, 2).record();

        assertThat(SensorChecks.noPacketLost(record).measured()).isEqualTo("0 packets lost, 0 reordered, 1 duplicated");
    }

    @Test
    void imuLossIsReadFromTheSensorsMonotonicClockNotItsPtpTime() {
        // sys_ts steps 10 ms except one 30 ms gap: two packets lost; their PTP stamps are irregular but that is timing
        StreamRecord record = Streams.legacyImu(0, SECOND).packet(0, 3 * MS, 1_000 * MS).packet(10 * MS, MS, 1_010 * MS)
                .packet(20 * MS, 2 * MS, 1_020 * MS).packet(50 * MS, MS, 1_050 * MS).packet(60 * MS, 4 * MS, 1_060 * MS)
                .record();

        Finding lost = SensorChecks.noPacketLost(record);

        assertThat(lost.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(lost.message()).contains("2 packets lost", "gaps in the sensor's monotonic IMU clock (sys_ts)");
    }

    /** The window's edges belong to it: exactly 10 ms late passes, a nanosecond more fails; likewise the future. */
    @Test
    void theWindowsEdgesAreExact() {
        assertThat(window(MAX_DIFF_NS)).isEqualTo(Finding.Status.PASSED);
        assertThat(window(MAX_DIFF_NS + 1)).isEqualTo(Finding.Status.FAILED);
        assertThat(window(-FUTURE_NS)).isEqualTo(Finding.Status.PASSED);
        assertThat(window(-FUTURE_NS - 1)).isEqualTo(Finding.Status.FAILED);
    }

    @Test
    void aLateOrFuturePacketFailsAndTheWorstIsShown() {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 100 * MS, 2 * MS).packet(150 * MS, 21 * MS, 200)
                .packet(160 * MS, -3 * MS, 201).packet(170 * MS, 15 * MS, 202).record();

        Finding timing = SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT);

        assertThat(timing.status()).isEqualTo(Finding.Status.FAILED);
        assertThat(timing.message()).contains("os-1 lidar: 3 of 67 judged packets outside the allowed window (2 late, "
                + "1 from the future)", "expected: -1ms <= receive - sensor time <= 10ms", "but was: 21.000000 ms at worst");
    }

    @Test
    void packetsInTheWarmUpAreNotJudged() {
        StreamRecord record = Streams.lidar(100 * MS, SECOND).packet(0, 50 * MS, 0).packet(99 * MS, -50 * MS, 1)
                .steady(100 * MS, 200 * MS, 2 * MS).record();

        Finding timing = SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT);

        assertThat(timing.status()).isEqualTo(Finding.Status.PASSED);
        assertThat(timing.measured()).endsWith("0 of 64 packets outside");
    }

    @Test
    void packetsWithoutASensorTimestampAreNotJudged() {
        StreamRecord record = Streams.lidar(0, SECOND).untimed(0, 0).packet(MS, MS, 1).record();

        assertThat(SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT).measured())
                .endsWith("0 of 1 packets outside");
    }

    @Test
    void kernelDropsLeaveTimingAndLossUndecided() {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 100 * MS, 2 * MS).kernelDrops(3).record();

        Finding timing = SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT);
        Finding lost = SensorChecks.noPacketLost(record);

        assertThat(timing.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(timing.message()).startsWith("Measurement inconclusive: os-1 lidar: 3 packets were dropped by this "
                + "host's kernel");
        assertThat(lost.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
    }

    @Test
    void malformedPacketsBreakTheStream() {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 100 * MS, 2 * MS).malformed(2).record();

        Finding timing = SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT);

        assertThat(timing.status()).isEqualTo(Finding.Status.BROKEN);
        assertThat(timing.message()).startsWith("Bench part misbehaving: sensor stream os-1 lidar: 2 packets do not "
                + "fit the configured profile");
    }

    @Test
    void nothingJudgedIsInconclusive() {
        StreamRecord record = Streams.lidar(SECOND, SECOND).steady(0, 100 * MS, 2 * MS).record();

        Finding timing = SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT);

        assertThat(timing.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(timing.message()).contains("no packet to judge after the warm-up (64 arrived in all)");
    }

    @Test
    void theSilenceBoundIsTenPeriodsAndAtLeast20ms() {
        assertThat(SensorChecks.silenceBoundNs(Streams.lidar(0, SECOND).record(), OptionalLong.empty()))
                .isEqualTo(20 * MS);
        assertThat(SensorChecks.silenceBoundNs(Streams.legacyImu(0, SECOND).record(), OptionalLong.empty()))
                .isEqualTo(100 * MS);
        assertThat(SensorChecks.silenceBoundNs(Streams.legacyImu(0, SECOND).record(), OptionalLong.of(7 * MS)))
                .isEqualTo(7 * MS);
    }

    @Test
    void packetsFromOtherSourcesAreNamedWhenTheSensorsNeverCame() {
        Finding arriving = SensorChecks.packetsKeepArriving(Streams.lidar(0, SECOND).fromOtherSources(2).record(),
                OptionalLong.empty(), 5 * SECOND, 20 * MS);

        assertThat(arriving.message()).contains("within 5s (2 from other sources, the first from 10.0.0.9:7502)");
    }

    /** Without the receive timestamps asked for, no check can judge the stream: each says why. */
    @Test
    void packetsWithoutReceiveTimestampsBreakEveryCheck() {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 100 * MS, 2 * MS).withoutReceiveTimestamp(5).record();

        List<Finding> findings = List.of(
                SensorChecks.packetsKeepArriving(record, OptionalLong.of(MS), SECOND, 20 * MS),
                SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT),
                SensorChecks.noPacketLost(record));

        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(Finding.Status.BROKEN);
            assertThat(finding.message()).contains("5 packets came without the receive timestamp asked for",
                    "hwstamp_ctl -i <interface> -r 1");
        });
        assertThat(findings.get(0).measured()).isEqualTo("first after 1ms");
    }

    @Test
    void withNoDatagramTheTimingAndLossChecksPointToTheArrivalCheck() {
        StreamRecord record = Streams.lidar(0, SECOND).record();

        assertThat(List.of(SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT),
                SensorChecks.noPacketLost(record))).allSatisfy(finding -> {
                    assertThat(finding.status()).isEqualTo(Finding.Status.BROKEN);
                    assertThat(finding.message()).contains("no packet arrived on UDP 0.0.0.0:7502 from 192.168.1.21",
                            "see the stream's 'packets keep arriving' check");
                });
    }

    /** A silence while the kernel dropped packets may be the drops: it proves nothing either way. */
    @Test
    void aSilenceWithKernelDropsIsInconclusive() {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 500 * MS, 2 * MS).kernelDrops(40).record();

        Finding arriving = SensorChecks.packetsKeepArriving(record, OptionalLong.of(MS), SECOND, 20 * MS);

        assertThat(arriving.status()).isEqualTo(Finding.Status.INCONCLUSIVE);
        assertThat(arriving.message()).contains("this host's kernel dropped 40 packets: the silence may be drops");
    }

    @Test
    void theTimingMeasurementCountsLateAndFuturePackets() {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 10 * MS, 2 * MS).packet(20 * MS, 11 * MS, 100)
                .packet(21 * MS, -2 * MS, 101).record();

        Finding timing = SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT);

        assertThat(timing.measured()).isEqualTo("receive - sensor time from -2.000000 to 11.000000 ms (p99 11.000000 "
                + "ms); 2 of 9 packets outside");
        assertThat(timing.message()).contains("2 of 9 judged packets outside the allowed window (1 late, 1 from the "
                + "future)");
    }

    @Test
    void aFailureExplainsAFarOffClock() {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 10 * MS, 2 * MS)
                .packet(20 * MS, Streams.TAI_NS + 2 * MS, 100).record();

        assertThat(SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT).message())
                .endsWith("\nthe diff is about the TAI - UTC offset (37 s): the sensor or the grandmaster mixes up TAI "
                        + "and UTC (check ptp4l's currentUtcOffset and ptpTimescale)");
    }

    /** The judged window must lie where the watch saw the host hold the grandmaster role; a late packet fails anyway. */
    @Test
    void aWindowCapturedWhileTheHostWasNotGrandmasterProvesNothing() {
        // held for the first 750 ms of the capture, SLAVE from 1 s
        Timeline<GrandmasterState> lost = Timelines.sampled(Streams.START_NS, Timelines.HELD, 4,
                Timelines.SLAVE, 8);
        StreamRecord early = Streams.lidar(0, 500 * MS).steady(0, 500 * MS, 2 * MS).record();
        StreamRecord whole = Streams.lidar(0, SECOND).steady(0, SECOND, 2 * MS).record();
        StreamRecord late = Streams.lidar(0, SECOND).steady(0, SECOND, 2 * MS).packet(990 * MS, 30 * MS, 9_999).record();

        assertThat(SensorChecks.everyPacketWithinWindow(early, MAX_DIFF_NS, FUTURE_NS, lost).status())
                .isEqualTo(Finding.Status.PASSED);
        assertThat(SensorChecks.everyPacketWithinWindow(whole, MAX_DIFF_NS, FUTURE_NS, lost).message())
                .startsWith("Measurement inconclusive: os-1 lidar: the judged window was captured while the host was "
                        + "not proven the bench's grandmaster, so it proves nothing: the host was not the bench's "
                        + "grandmaster: role=Slave");
        assertThat(SensorChecks.everyPacketWithinWindow(late, MAX_DIFF_NS, FUTURE_NS, lost).status())
                .isEqualTo(Finding.Status.FAILED);
    }

    private static Finding.Status window(long diffNs) {
        StreamRecord record = Streams.lidar(0, SECOND).steady(0, 10 * MS, 2 * MS).packet(20 * MS, diffNs, 100).record();
        return SensorChecks.everyPacketWithinWindow(record, MAX_DIFF_NS, FUTURE_NS, Timelines.HELD_THROUGHOUT).status();
    }
}
