package io.timesync.hil.requirements;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.DurationText;
import io.timesync.hil.MeasurementInconclusiveException;
import io.timesync.hil.junit.BenchStreams;
import io.timesync.hil.junit.HilRequirement;
import io.timesync.hil.report.DeltaChart;
import io.timesync.hil.report.Evidence;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.SensorBench;
import io.timesync.hil.sensor.StreamResult;
import io.timesync.hil.sensor.TimestampDiagnosis;
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

import static io.timesync.hil.DurationText.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requirement 3: every lidar and IMU packet arrives within 10 ms (configurable) of its sensor timestamp,
 * judged per stream against the kernel's receive time, the sensor's TAI converted to UTC with ptp4l's
 * offset. A packet stamped after it arrived (from the future) fails too. Broken = the stream could not be
 * captured or judged (no packets, malformed packets, packets the host dropped).
 */
@HilRequirement
@DisplayName("Sensor packet diff under 10 ms: each packet arrives within the bound of its sensor timestamp")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SensorPacketTimingTest {
    private final SensorBench sensors;
    private final Evidence evidence;

    public SensorPacketTimingTest(SensorBench sensors, Evidence evidence) {
        this.sensors = sensors;
        this.evidence = evidence;
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @DisplayName("the stream's packets arrive")
    @ArgumentsSource(BenchStreams.class)
    void packetsArrive(String stream) {
        Assumptions.assumeFalse(sensors.streams().isEmpty(), "this bench has no sensors (no sensors: section)");
        long timeoutNs = sensors.settings().arrivalTimeoutNs();
        evidence.parameter("required", "packets within " + DurationText.format(timeoutNs));
        long startNanoTime = System.nanoTime();
        try {
            await().atMost(Duration.ofNanos(timeoutNs)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sensors.hasPackets(stream));
            evidence.parameter("measured", "packets within " + DurationText.formatToMs(System.nanoTime() - startNanoTime));
        } catch (ConditionTimeoutException e) {
            evidence.parameter("measured", "no packet within " + DurationText.format(timeoutNs));
            StreamResult result = sensors.result(stream);
            throw new BenchPartUnreachableException("sensor stream " + stream, "no packet on " + sensors.socketOf(stream)
                    + " within " + DurationText.format(timeoutNs) + result.firstOtherSource()
                    .map(other -> " (" + result.fromOtherSources() + " from other sources, the first from " + other + ")")
                    .orElse(""), "check the sensor's udp_dest (this host's address) and its udp_port_lidar/"
                    + "udp_port_imu, the firewall (iptables/ufw), and that the sensor is on the bench interface's network");
        }
        evidence.line(stream + ": packets arriving on " + sensors.socketOf(stream));
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @DisplayName("every packet arrives within the bound of its sensor timestamp, none from the future")
    @ArgumentsSource(BenchStreams.class)
    void everyPacketWithinBound(String stream) {
        StreamResult result = capturedResult(stream);
        CaptureSettings settings = sensors.settings();
        String window = "-" + DurationText.format(settings.futureToleranceNs()) + " <= receive - sensor time <= "
                + DurationText.format(settings.maxDiffNs());
        evidence.parameter("required", window);
        evidence.parameter("measured", result.judged() == 0 ? "no packet judged"
                : "receive - sensor time from " + ms(result.statistics().minNs()) + " to "
                + ms(result.statistics().maxNs()) + " ms (p99 " + ms(result.statistics().p99Ns()) + " ms); "
                + (result.late() + result.fromTheFuture()) + " of " + result.judged() + " packets outside");
        evidence.attachPng("diff over time", DeltaChart.png(stream + ": receive - sensor time", stream,
                "seconds since the capture started", "receive - sensor", points(result),
                -settings.futureToleranceNs(), settings.maxDiffNs()));
        requireDecodable(result);
        if (result.judged() == 0) {
            throw new MeasurementInconclusiveException(stream, "no packet to judge after the warm-up ("
                    + result.datagrams() + " arrived in all)");
        }

        assertThat(result.late() + result.fromTheFuture())
                .withFailMessage("%s: %d of %d judged packets outside the allowed window (%d late, %d from the future)"
                                + "%nexpected: %s%n but was: %s ms at worst%s", stream, result.late() + result.fromTheFuture(),
                        result.judged(), result.late(), result.fromTheFuture(), window,
                        ms(result.worstNs().orElse(0L)), result.worstNs()
                                .flatMap(worst -> TimestampDiagnosis.explain(worst, sensors.utcOffset().offsetNs()))
                                .map(diagnosis -> "\n" + diagnosis).orElse(""))
                .isZero();
        if (result.kernelDrops() > 0) {
            throw new MeasurementInconclusiveException(stream, result.kernelDrops() + " packets were dropped by this "
                    + "host's kernel before the capture read them, so they were not judged: raise packetTiming."
                    + "receiveBuffer (and net.core.rmem_max), or lighten the host's load");
        }
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @DisplayName("no packet is lost on the way")
    @ArgumentsSource(BenchStreams.class)
    void noPacketLost(String stream) {
        StreamResult result = capturedResult(stream);
        evidence.parameter("required", "0 packets lost");
        evidence.parameter("measured", result.lost() + " packets lost");
        requireDecodable(result);

        assertThat(result.lost())
                .withFailMessage("%s: %d packets lost between the sensor and this host (%s)%nexpected: 0%n but was: %d",
                        stream, result.lost(), stream.endsWith("lidar") ? "gaps in frame and measurement ids"
                                : "gaps in the IMU timestamps", result.lost())
                .isZero();
        if (result.kernelDrops() > 0) {
            throw new MeasurementInconclusiveException(stream, result.kernelDrops() + " packets were dropped by this "
                    + "host's kernel (receive buffer full): whether the network lost any cannot be told");
        }
    }

    /** The stream's capture (awaited), with its numbers and packet log in the report. */
    private StreamResult capturedResult(String stream) {
        Assumptions.assumeFalse(sensors.streams().isEmpty(), "this bench has no sensors (no sensors: section)");
        StreamResult result = sensors.result(stream);
        CaptureSettings settings = sensors.settings();
        evidence.parameter("packets", result.datagrams() + " received, " + result.judged() + " judged after the warm-up, "
                + result.malformed() + " malformed, " + result.kernelDrops() + " dropped by the kernel");
        evidence.line(result.summary(settings.warmUpNs()));
        evidence.line("sensor time converted from TAI with " + sensors.utcOffset().source());
        evidence.attachJson("statistics", result.statistics());
        result.firstMalformed().ifPresent(first -> evidence.attachText("first malformed packet (hex)", first));
        evidence.attachEvidenceText("packets (JSON lines)", result.log());
        if (result.datagrams() == 0) {
            throw new BenchPartUnreachableException("sensor stream " + stream, "no packet arrived on "
                    + sensors.socketOf(stream), "see the stream's 'packets arrive' check");
        }
        return result;
    }

    private static void requireDecodable(StreamResult result) {
        if (result.malformed() > 0) {
            throw new BenchPartMisbehavingException("sensor stream " + result.name(), result.malformed()
                    + " packets do not fit the configured profile; the first: " + result.firstMalformed().orElseThrow(),
                    "check sensors.<name>.lidarProfile / beams / mode / imuProfile against the sensor's udp_profile_lidar,"
                            + " lidar_mode and udp_profile_imu");
        }
        if (result.withoutTimestamp() > 0) {
            throw new BenchPartMisbehavingException("sensor stream " + result.name(), result.withoutTimestamp()
                    + " packets came without the receive timestamp asked for",
                    "hardware receive timestamps need the NIC to stamp every packet: hwstamp_ctl -i <interface> -r 1; "
                            + "or use packetTiming.receiveTimestamps: software");
        }
    }

    private static List<DeltaChart.Point> points(StreamResult result) {
        List<DeltaChart.Point> points = new ArrayList<>(result.judgedDiffsNs().length);
        for (int i = 0; i < result.judgedDiffsNs().length; i++) {
            points.add(new DeltaChart.Point(result.judgedAtNs()[i] / 1e9, result.judgedDiffsNs()[i], 0));
        }
        return points;
    }
}
