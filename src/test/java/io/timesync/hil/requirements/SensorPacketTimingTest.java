package io.timesync.hil.requirements;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.checks.SensorApiChecks;
import io.timesync.hil.checks.SensorChecks;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.SensorSpec;
import io.timesync.hil.junit.EachSensor;
import io.timesync.hil.checks.StreamAnalysis;
import io.timesync.hil.junit.EachSensorStream;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.ptp.GrandmasterWatch;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.report.DeltaChart;
import io.timesync.hil.report.Evidence;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.CaptureWindow;
import io.timesync.hil.sensor.HostAddresses;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.StreamId;
import io.timesync.hil.sensor.StreamKind;
import io.timesync.hil.sensor.StreamRecord;
import io.timesync.hil.sensor.api.SensorApis;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;
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
import java.util.Optional;
import java.util.OptionalLong;

import static io.timesync.hil.junit.Verdicts.require;
import static io.timesync.hil.time.DurationText.ms;
import static org.awaitility.Awaitility.await;

/**
 * Requirement 3: every lidar and IMU packet arrives within 10 ms (configurable) of its sensor timestamp,
 * judged per stream against the kernel's receive time, the sensor's TAI converted to UTC with ptp4l's
 * offset, while the host held the grandmaster role; packets keep arriving and none is lost. The sensor itself says,
 * over its HTTP API, that it stamps PTP time, follows this host's grandmaster, sends here, and that its servo held
 * it during the capture. Broken = the stream could not be captured or judged (no packets, malformed packets,
 * packets the host dropped, a window taken while the host was not grandmaster), or the sensor's API did not answer.
 */
@HilRequirement
@Order(3)
@DisplayName("Sensor packet diff under 10 ms: each packet arrives within the bound of its sensor timestamp")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SensorPacketTimingTest {
    private final SensorCaptures sensors;
    private final SensorApis apis;
    private final BenchConfig bench;
    private final PtpManagementClient ptp4l;
    private final GrandmasterWatch watch;
    private final Evidence evidence;

    public SensorPacketTimingTest(SensorCaptures sensors, SensorApis apis, BenchConfig bench, PtpManagementClient ptp4l,
                                  GrandmasterWatch watch, Evidence evidence) {
        this.sensors = sensors;
        this.apis = apis;
        this.bench = bench;
        this.ptp4l = ptp4l;
        this.watch = watch;
        this.evidence = evidence;
    }

    @Order(1)
    @ParameterizedTest(name = "sensor {0}")
    @DisplayName("the sensor stamps its packets with PTP time (its timestamp_mode)")
    @ArgumentsSource(EachSensor.class)
    void stampsPtpTime(String sensor) {
        require(evidence, SensorApiChecks.stampsPtpTime(sensor, asked(sensor)));
    }

    @Order(2)
    @ParameterizedTest(name = "sensor {0}")
    @DisplayName("the sensor follows this host's grandmaster (its PTP port and grandmaster_identity)")
    @ArgumentsSource(EachSensor.class)
    void followsThisHostsGrandmaster(String sensor) {
        SensorApis.Answer answer = asked(sensor);
        String host = ptp4l.get(DefaultDataSet.ID).clockIdentity().toString();
        long settleTimeoutNs = spec(sensor).settleTimeoutNs();
        Optional<StateWatch.Observation<String>> observed = apis.awaitFollowing(sensor, host, settleTimeoutNs);
        observed.ifPresent(seen -> evidence.line("sensor " + sensor + " PTP port: " + String.join(" -> ",
                seen.statesSeen()) + " in " + DurationText.formatToMs(seen.elapsedNs())));
        require(evidence, SensorApiChecks.followsThisHostsGrandmaster(sensor, answer, observed, host, settleTimeoutNs));
    }

    @Order(3)
    @ParameterizedTest(name = "sensor {0}")
    @DisplayName("the sensor sends to this host's capture (its udp_dest and ports)")
    @ArgumentsSource(EachSensor.class)
    void sendsToThisHost(String sensor) {
        SensorApis.Answer answer = asked(sensor);
        SensorCaptures.Ports ports = answer.failure().isPresent() ? new SensorCaptures.Ports(0, 0)
                : sensors.portsOf(sensor);
        require(evidence, SensorApiChecks.sendsToThisHost(sensor, answer, HostAddresses.all(),
                sensors.settings().bindAddress(), ports));
    }

    @Order(4)
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
                SensorChecks.silenceBoundNs(record, sensors.settings().maxSilenceNs())).explainedBy(explanation(record)));
    }

    @Order(5)
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
                settings.futureToleranceNs(), watch.timelineThrough(record.window().hostJudgedUntilNs()))
                .explainedBy(explanation(record)));
    }

    @Order(6)
    @ParameterizedTest(name = "{0}")
    @DisplayName("no packet is lost on the way")
    @ArgumentsSource(EachSensorStream.class)
    void noPacketLost(StreamId stream) {
        requireSensors();
        StreamRecord record = recorded(stream);
        require(evidence, SensorChecks.noPacketLost(record).explainedBy(explanation(record)));
    }

    @Order(7)
    @ParameterizedTest(name = "sensor {0}")
    @DisplayName("the sensor's own PTP servo holds it within the offset threshold during the capture (as it reports it)")
    @ArgumentsSource(EachSensor.class)
    void servoHoldsItWithinOffsetThreshold(String sensor) {
        asked(sensor);
        CaptureWindow window = sensors.record(new StreamId(sensor, StreamKind.LIDAR)).window();
        Timeline<SensorApis.PtpSample> ptp = apis.ptpTimelineThrough(sensor, window.hostJudgedUntilNs());
        evidence.attachEvidenceText("PTP page readings (CSV)", apis.ptpLog(sensor));
        require(evidence, SensorApiChecks.servoHoldsItWithinOffsetThreshold(sensor, ptp, window.hostJudgedFromNs(),
                window.hostJudgedUntilNs(), spec(sensor).ptpOffsetThresholdNs(),
                watch.timelineThrough(window.hostJudgedUntilNs())));
    }

    /** What the sensor's API said when the bench opened, its answers attached; skipped for a sensor not asked. */
    private SensorApis.Answer asked(String sensor) {
        Assumptions.assumeFalse(bench.sensors().isEmpty(), "this bench has no sensors (no sensors: section)");
        Assumptions.assumeTrue(apis.asks(sensor), "sensor " + sensor + " is not asked over its HTTP API (sensors."
                + sensor + ".api: false): only its packets are judged");
        evidence.attachEvidenceText("the sensor's API answers (JSON, as read)", apis.answersFile(sensor));
        return apis.answer(sensor);
    }

    private SensorSpec spec(String sensor) {
        return bench.sensors().stream().filter(spec -> spec.name().equals(sensor)).findFirst().orElseThrow();
    }

    /** What the sensor's API says that explains a packet finding about the stream, if it was asked. */
    private Optional<String> explanation(StreamRecord record) {
        String sensor = record.stream().sensor();
        if (!apis.asks(sensor)) {
            return Optional.empty();
        }
        Optional<String> host;
        try {
            host = Optional.of(ptp4l.get(DefaultDataSet.ID).clockIdentity().toString());
        } catch (BenchPartException e) {
            host = Optional.empty();
        }
        return SensorApiChecks.explanation(apis.answer(sensor), host, record.malformed() > 0);
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
