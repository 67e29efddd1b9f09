package io.timesync.hil.checks;

import io.timesync.hil.sensor.StreamRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis' numbers, exactly: each is what a check's verdict and message are made of. */
class StreamAnalysisTest {
    private static final long MS = 1_000_000;
    private static final long SECOND = 1_000 * MS;
    private static final long IMU_PERIOD_NS = 10 * MS;

    @Test
    void timingJudgesThePacketsInTheWindowWithTheirOffsetsFromItsStart() {
        StreamRecord record = Streams.lidar(100 * MS, SECOND).packet(50 * MS, 99 * MS, 0)
                .packet(101 * MS, 2 * MS, 1).packet(103 * MS, -MS / 2, 2).untimed(104 * MS, 3).record();

        StreamAnalysis.Timing timing = StreamAnalysis.timing(record, 10 * MS, MS);

        assertThat(timing.judgedAtNs()).containsExactly(MS, 3 * MS);
        assertThat(timing.diffsNs()).containsExactly(2 * MS, -MS / 2);
        assertThat(timing.late()).isZero();
        assertThat(timing.fromTheFuture()).isZero();
        assertThat(timing.worstNs()).isEmpty();
    }

    /** The worst is the packet farthest outside the window, whichever side; of equals, the first. */
    @Test
    void theWorstIsFarthestOutsideTheWindow() {
        // 2 ms late beats 1.5 ms early (beyond -1 ms); then a later 1.5 ms early ties and does not replace it
        StreamRecord record = Streams.lidar(0, SECOND).packet(MS, 12 * MS, 0).packet(2 * MS, -5 * MS / 2, 1)
                .packet(3 * MS, -3 * MS, 2).packet(4 * MS, 12 * MS, 3).record();

        StreamAnalysis.Timing timing = StreamAnalysis.timing(record, 10 * MS, MS);

        assertThat(timing.late()).isEqualTo(2);
        assertThat(timing.fromTheFuture()).isEqualTo(2);
        assertThat(timing.worstNs()).contains(12 * MS);
        assertThat(StreamAnalysis.timing(Streams.lidar(0, SECOND).packet(MS, 12 * MS, 0).packet(2 * MS, -3 * MS, 1)
                .record(), 10 * MS, MS).worstNs()).as("a tie keeps the first").contains(12 * MS);
        assertThat(StreamAnalysis.timing(Streams.lidar(0, SECOND).packet(MS, 11 * MS, 0).packet(2 * MS, -3 * MS, 1)
                .record(), 10 * MS, MS).worstNs()).contains(-3 * MS);
    }

    @Test
    void imuGapsOfMoreThanOneAndAHalfPeriodsAreMissingPackets() {
        assertThat(imuLost(0, 15 * MS)).as("1.5 periods").isZero();
        assertThat(imuLost(0, 15 * MS + 1)).as("just over 1.5 periods").isEqualTo(1);
        assertThat(imuLost(0, 30 * MS)).as("3 periods").isEqualTo(2);
        assertThat(imuLost(0, 10 * MS, 44 * MS)).as("3.4 periods round to 3").isEqualTo(2);
    }

    @Test
    void imuReorderedAndDuplicatedPacketsAreCountedApartFromLost() {
        StreamRecord record = Streams.legacyImu(0, SECOND).packet(0, MS, 1_000 * MS).packet(10 * MS, MS, 1_020 * MS)
                .packet(20 * MS, MS, 1_010 * MS).packet(30 * MS, MS, 1_020 * MS).packet(40 * MS, MS, 1_030 * MS)
                .packet(50 * MS, MS, StreamRecord.NO_TIMESTAMP).packet(60 * MS, MS, 1_040 * MS).record();

        StreamAnalysis.Continuity continuity = StreamAnalysis.continuity(record);

        assertThat(continuity.lost()).isZero();
        assertThat(continuity.reordered()).as("1010 after 1020; the repeated 1020 is a duplicate, not reordered")
                .isEqualTo(1);
        assertThat(continuity.duplicates()).isEqualTo(1);
        assertThat(continuity.evidence()).isEqualTo("gaps in the sensor's monotonic IMU clock (sys_ts)");
    }

    /**
     * A measurement packet follows the one before when its oldest measurement is the next after that one's newest:
     * a packet missing leaves a gap of its eight measurements; a late sender packing what it owes into one
     * packet leaves none.
     */
    @Test
    void measurementPacketsAreContinuousMeasurementByMeasurement() {
        long step = 1_250_000;
        StreamRecord lost = Streams.measurementImu(0, SECOND).measurements(10 * MS, 0, 7 * step)
                .measurements(20 * MS, 8 * step, 15 * step).measurements(40 * MS, 24 * step, 31 * step).record();
        StreamRecord packedLate = Streams.measurementImu(0, SECOND).measurements(10 * MS, 0, 7 * step)
                .measurements(45 * MS, 8 * step, 35 * MS).measurements(50 * MS, 35 * MS + step, 35 * MS + 8 * step)
                .record();
        StreamRecord repeated = Streams.measurementImu(0, SECOND).measurements(10 * MS, 0, 7 * step)
                .measurements(20 * MS, 0, 7 * step).measurements(30 * MS, 8 * step, 15 * step).record();

        assertThat(StreamAnalysis.continuity(lost)).extracting(StreamAnalysis.Continuity::lost,
                StreamAnalysis.Continuity::evidence).containsExactly(1L, "gaps in the IMU measurement timestamps");
        assertThat(StreamAnalysis.continuity(packedLate).lost()).isZero();
        assertThat(StreamAnalysis.continuity(repeated)).extracting(StreamAnalysis.Continuity::lost,
                StreamAnalysis.Continuity::duplicates, StreamAnalysis.Continuity::reordered).containsExactly(0L, 1L, 0L);
    }

    @Test
    void theLongestSilenceAndWhenItBeganAreMeasuredInTheJudgedWindow() {
        StreamAnalysis.Arrival middle = StreamAnalysis.arrival(Streams.lidar(100 * MS, 100 * MS)
                .packet(50 * MS, MS, 0).packet(110 * MS, MS, 1).packet(150 * MS, MS, 2).packet(190 * MS, MS, 3)
                .record());
        StreamAnalysis.Arrival atTheStart = StreamAnalysis.arrival(Streams.lidar(100 * MS, 100 * MS)
                .packet(150 * MS, MS, 0).packet(190 * MS, MS, 1).record());
        StreamAnalysis.Arrival atTheEnd = StreamAnalysis.arrival(Streams.lidar(100 * MS, 100 * MS)
                .packet(100 * MS, MS, 0).packet(130 * MS, MS, 1).record());
        StreamAnalysis.Arrival ties = StreamAnalysis.arrival(Streams.lidar(100 * MS, 100 * MS)
                .packet(120 * MS, MS, 0).packet(140 * MS, MS, 1).packet(160 * MS, MS, 2).packet(180 * MS, MS, 3)
                .record());

        assertThat(middle).isEqualTo(new StreamAnalysis.Arrival(3, 64, 40 * MS, 10 * MS));
        assertThat(atTheStart).isEqualTo(new StreamAnalysis.Arrival(2, 64, 50 * MS, 0));
        assertThat(atTheEnd).isEqualTo(new StreamAnalysis.Arrival(2, 64, 70 * MS, 30 * MS));
        assertThat(ties).as("of equal silences, the first").isEqualTo(new StreamAnalysis.Arrival(4, 64, 20 * MS, 0));
    }

    private static long imuLost(long... sysTimesNs) {
        Streams stream = Streams.legacyImu(0, SECOND);
        for (int i = 0; i < sysTimesNs.length; i++) {
            stream.packet(i * IMU_PERIOD_NS, MS, 1_000 * MS + sysTimesNs[i]);
        }
        return StreamAnalysis.continuity(stream.record()).lost();
    }
}
