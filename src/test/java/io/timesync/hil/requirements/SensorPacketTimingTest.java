package io.timesync.hil.requirements;

import io.timesync.hil.checks.SensorChecks;
import io.timesync.hil.checks.StreamAnalysis;
import io.timesync.hil.junit.EachSensorStream;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.ptp.GrandmasterWatch;
import io.timesync.hil.report.DeltaChart;
import io.timesync.hil.report.Evidence;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.StreamId;
import io.timesync.hil.sensor.StreamRecord;
import io.timesync.hil.time.DurationText;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static io.timesync.hil.junit.Verdicts.require;
import static io.timesync.hil.time.DurationText.ms;
import static org.awaitility.Awaitility.await;

/**
 * Requirement 3: every lidar and IMU packet arrives within 10 ms (configurable) of its sensor timestamp,
 * judged per stream against the kernel's receive time, the sensor's TAI converted to UTC with ptp4l's
 * offset, while the host held the grandmaster role; packets keep arriving and none is lost. Broken = the stream
 * could not be captured or judged (no packets, malformed packets, packets the host dropped, a window taken while
 * the host was not grandmaster).
 */
@HilRequirement
@Order(3)
@DisplayName("Sensor packet diff under 10 ms: each packet arrives within the bound of its sensor timestamp")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SensorPacketTimingTest {
    private final SensorCaptures sensors;
    private final GrandmasterWatch watch;
    private final Evidence evidence;

    public SensorPacketTimingTest(SensorCaptures sensors, GrandmasterWatch watch, Evidence evidence) {
        this.sensors = sensors;
        this.watch = watch;
        this.evidence = evidence;
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @DisplayName("the stream's packets arrive and keep arriving")
    @ArgumentsSource(EachSensorStream.class)
    void packetsKeepArriving(StreamId stream) {
        requireSensors();
        sensors.start(); // not inside the awaited condition: a start takes its own time, and must not be interrupted
        long timeoutNs = sensors.settings().arrivalTimeoutNs();
        long startNanoTime = System.nanoTime();
        OptionalLong firstArrivalNs;
        try {
            await().atMost(Duration.ofNanos(timeoutNs)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sensors.hasPackets(stream));
            firstArrivalNs = OptionalLong.of(System.nanoTime() - startNanoTime);
            evidence.line(stream + ": packets arriving on " + sensors.socketOf(stream));
        } catch (ConditionTimeoutException e) {
            firstArrivalNs = OptionalLong.empty();
        }
        StreamRecord record = recorded(stream);
        require(evidence, SensorChecks.packetsKeepArriving(record, firstArrivalNs, timeoutNs,
                SensorChecks.silenceBoundNs(record, sensors.settings().maxSilenceNs())));
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @DisplayName("every packet arrives within the bound of its sensor timestamp, none from the future")
    @ArgumentsSource(EachSensorStream.class)
    void everyPacketWithinBound(StreamId stream) {
        requireSensors();
        StreamRecord record = recorded(stream);
        CaptureSettings settings = sensors.settings();
        StreamAnalysis.Timing timing = StreamAnalysis.timing(record, settings.maxDiffNs(), settings.futureToleranceNs());
        evidence.attachJson("statistics", timing.statistics());
        evidence.attachPng("diff over time", DeltaChart.png(stream + ": receive - sensor time", stream.toString(),
                "seconds since the judged window started", "receive - sensor", points(timing),
                -settings.futureToleranceNs(), settings.maxDiffNs()));
        require(evidence, SensorChecks.everyPacketWithinWindow(record, settings.maxDiffNs(),
                settings.futureToleranceNs(), watch.timelineThrough(record.window().hostJudgedUntilNs())));
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @DisplayName("no packet is lost on the way")
    @ArgumentsSource(EachSensorStream.class)
    void noPacketLost(StreamId stream) {
        requireSensors();
        require(evidence, SensorChecks.noPacketLost(recorded(stream)));
    }

    private void requireSensors() {
        Assumptions.assumeFalse(sensors.streams().isEmpty(), "this bench has no sensors (no sensors: section)");
    }

    /** The stream's capture (awaited), with its numbers and packet log in the report. */
    private StreamRecord recorded(StreamId stream) {
        StreamRecord record = sensors.record(stream);
        CaptureSettings settings = sensors.settings();
        StreamAnalysis.Timing timing = StreamAnalysis.timing(record, settings.maxDiffNs(), settings.futureToleranceNs());
        StreamAnalysis.Continuity continuity = StreamAnalysis.continuity(record);
        evidence.parameter("packets", record.datagrams() + " received, " + timing.judged() + " judged after the warm-up, "
                + record.malformed() + " malformed, " + record.kernelDrops() + " dropped by the kernel");
        evidence.line(stream + ": " + record.datagrams() + " packets, " + timing.judged() + " judged after a "
                + DurationText.format(settings.warmUpNs()) + " warm-up; diff mean " + ms(timing.statistics().meanNs())
                + " ms, p50 " + ms(timing.statistics().p50Ns()) + " ms, p99 " + ms(timing.statistics().p99Ns())
                + " ms, max " + ms(timing.statistics().maxNs()) + " ms, min " + ms(timing.statistics().minNs())
                + " ms; lost " + continuity.lost() + ", reordered " + continuity.reordered() + ", malformed "
                + record.malformed() + ", dropped by the kernel " + record.kernelDrops() + ", from other sources "
                + record.fromOtherSources());
        evidence.line("sensor time converted from TAI with " + sensors.utcOffset().source());
        record.firstMalformed().ifPresent(first -> evidence.attachText("first malformed packet (hex)", first));
        evidence.attachEvidenceText("packets (JSON lines)", record.log());
        return record;
    }

    private static List<DeltaChart.Point> points(StreamAnalysis.Timing timing) {
        List<DeltaChart.Point> points = new ArrayList<>(timing.judged());
        for (int i = 0; i < timing.judged(); i++) {
            points.add(new DeltaChart.Point(timing.judgedAtNs()[i] / 1e9, timing.diffsNs()[i], 0));
        }
        return points;
    }
}
