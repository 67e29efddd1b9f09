package io.timesync.hil.sim.gige;

import io.timesync.hil.camera.aravis.IsolatedNetwork;
import org.junit.jupiter.api.BeforeAll;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The simulated camera as aravis' real client sees it: arv-tool-0.8 (aravis 0.8) opens it at its address, loads
 * its GenICam file, takes control, latches and reads (its discovery by broadcast is checked on the networked bench,
 * {@code GigeNetCameraAlignmentTest}, which has a bridge to broadcast on). aravis always talks to port 3956 (it has no port
 * option), so the camera binds port 3956 on an address of the private namespace's loopback. Discovery broadcasts on every interface, so
 * these checks run only in a private network namespace, through {@code AravisConformanceTest}.
 */
public class GigeAravisChecks {
    private static final long TICK_FREQUENCY_HZ = 125_000_000L;
    private static final long OFFSET_NS = 37_000_000_000L;
    private static final ClockIdentity GRANDMASTER = ClockIdentity.parse("02005e.fffe.000001");

    private final String serial = "HIL" + ProcessHandle.current().pid() % 100_000;
    private final DeviceIdentity identity = DeviceIdentity.simulated(serial);
    private final DeviceClock clock = hostNs -> hostNs + OFFSET_NS;
    private final List<GigeVisionDevice> devices = new ArrayList<>();

    @BeforeAll
    static void requireAPrivateNetwork() {
        IsolatedNetwork.requireIsolated();
    }

    @BeforeEach
    void requireArvTool() {
        ArvTool.requireInstalled();
    }

    @AfterEach
    void closeDevices() {
        devices.forEach(GigeVisionDevice::close);
    }

    @Test
    void listsTheFeaturesOfItsGenicamFile() {
        GigeVisionDevice device = start(config -> config);

        ArvTool.Result features = ArvTool.run("-a", address(device), "features");

        assertThat(features.lines()).as(features.output()).extracting(String::strip).contains(
                "StringReg    : [RO] 'DeviceSerialNumber'",
                "Command      : [WO] 'TimestampLatch'",
                "Integer      : [RO] 'TimestampLatchValue'",
                "Command      : [WO] 'GevTimestampControlLatch'",
                "Integer      : [RO] 'GevTimestampValue'",
                "Boolean      : [RW] 'PtpEnable'",
                "Command      : [WO] 'PtpDataSetLatch'",
                "Enumeration  : [RO] 'PtpStatus'",
                "Enumeration  : [RO] 'PtpServoStatus'",
                "Integer      : [RO] 'PtpClockID'");
    }

    @Test
    void timestampLatchValueReadByAravisIsTheValueLatchedInsideItsCall() {
        GigeVisionDevice device = start(config -> config);

        long beforeNs = HostClock.SYSTEM.nowNs();
        ArvTool.Result result = ArvTool.run("-a", address(device), "control", "TimestampLatch", "TimestampLatchValue");
        long afterNs = HostClock.SYSTEM.nowNs();

        assertThat(result.lines()).as(result.output()).contains("TimestampLatch executed");
        long value = number(result, "TimestampLatchValue = (-?\\d+) ns");
        assertThat(device.latches()).hasSize(1);
        LatchTruth truth = device.latches().get(0);
        assertThat(truth.kind()).isEqualTo(LatchTruth.Kind.TIMESTAMP_LATCH);
        assertThat(value).isEqualTo(truth.reportedValue()).isEqualTo(truth.hostRealtimeNs() + OFFSET_NS);
        assertThat(truth.hostRealtimeNs()).isBetween(beforeNs, afterNs);
    }

    @Test
    void gevTimestampValueIsInTicksOfTheTickFrequencyAravisReads() {
        GigeVisionDevice device = start(config -> config);

        ArvTool.Result result = ArvTool.run("-a", address(device), "control", "GevTimestampControlLatch",
                "GevTimestampValue", "GevTimestampTickFrequency");

        assertThat(number(result, "GevTimestampTickFrequency = (\\d+) Hz")).isEqualTo(TICK_FREQUENCY_HZ);
        LatchTruth truth = device.latches().get(0);
        assertThat(truth.kind()).isEqualTo(LatchTruth.Kind.GEV_TIMESTAMP_CONTROL_LATCH);
        assertThat(number(result, "GevTimestampValue = (-?\\d+)")).isEqualTo(truth.reportedValue())
                .isEqualTo(truth.deviceNs() / (1_000_000_000L / TICK_FREQUENCY_HZ));
    }

    @Test
    void readsThePtpDataSetItLatched() {
        GigeVisionDevice device = start(config -> config);

        ArvTool.Result result = ArvTool.run("-a", address(device), "control", "PtpDataSetLatch", "PtpStatus",
                "PtpServoStatus", "PtpClockID", "PtpGrandmasterClockID", "PtpOffsetFromMaster");

        assertThat(result.lines()).as(result.output()).contains("PtpDataSetLatch executed", "PtpStatus = Slave",
                "PtpServoStatus = Locked", "PtpOffsetFromMaster = -1234 ns");
        assertThat(number(result, "PtpClockID = (-?\\d+)")).isEqualTo(identity.clockIdentity().value());
        assertThat(number(result, "PtpGrandmasterClockID = (-?\\d+)")).isEqualTo(GRANDMASTER.value());
    }

    @Test
    void withoutThePtpDataSetAravisFindsNoPtpStatus() {
        GigeVisionDevice device = start(config -> config.withFaults(GigeFault.parseList("noPtpDataSet")));

        ArvTool.Result result = ArvTool.run("-a", address(device), "control", "PtpStatus", "PtpEnable");

        assertThat(result.lines()).as(result.output()).contains("Feature 'PtpStatus' not found", "PtpEnable = true");
    }

    @Test
    void aravisWaitsOutASlowLatchAnnouncedByPendingAck() {
        // 700 ms is beyond aravis' 500 ms acknowledge timeout: only the PENDING_ACK keeps it waiting
        GigeVisionDevice device = start(config -> config.withPendingAck(100, true)
                .withFaults(GigeFault.parseList("commandDelay=700ms")));

        ArvTool.Result result = ArvTool.run("-d", "device:3", "-a", address(device), "control", "TimestampLatch",
                "TimestampLatchValue");

        assertThat(result.output()).contains("Pending ack timeout = 800", "TimestampLatch executed");
        assertThat(device.latches()).hasSize(1);
        assertThat(number(result, "TimestampLatchValue = (-?\\d+) ns")).isEqualTo(device.latches().get(0)
                .reportedValue());
    }

    @Test
    void aravisRetryOfASlowLatchWithoutPendingAckIsAnsweredWithoutASecondLatch() {
        GigeVisionDevice device = start(config -> config.withFaults(GigeFault.parseList("commandDelay=700ms")));

        ArvTool.Result result = ArvTool.run("-a", address(device), "control", "TimestampLatch",
                "TimestampLatchValue");

        assertThat(result.lines()).as(result.output()).contains("TimestampLatch executed");
        assertThat(device.latches()).hasSize(1);
        assertThat(number(result, "TimestampLatchValue = (-?\\d+) ns")).isEqualTo(device.latches().get(0)
                .reportedValue());
    }

    private static long number(ArvTool.Result result, String pattern) {
        Matcher matcher = Pattern.compile("^" + pattern + "$", Pattern.MULTILINE).matcher(result.output());
        if (!matcher.find()) {
            fail("arv-tool-0.8 printed no /%s/:%n%s", pattern, result.output());
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String address(GigeVisionDevice device) {
        return device.gvcpAddress().getAddress().getHostAddress();
    }

    /**
     * A camera on port 3956 of an address of the private namespace's loopback (aravis has no port option; its
     * discovery reaches the loopback interface's own addresses).
     */
    private GigeVisionDevice start(UnaryOperator<GigeDeviceConfig> setUp) {
        InetSocketAddress bind = new InetSocketAddress(IsolatedNetwork.CAMERA_B, Gvcp.PORT);
        GigeVisionDevice device = GigeVisionDevice.start(setUp.apply(GigeDeviceConfig.of(bind, identity)
                .withTickFrequencyHz(TICK_FREQUENCY_HZ)), clock,
                () -> PtpDataSet.slaveOf(GRANDMASTER, identity.clockIdentity(), -1234));
        devices.add(device);
        return device;
    }
}
