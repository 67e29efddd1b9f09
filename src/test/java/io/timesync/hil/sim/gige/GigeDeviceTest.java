package io.timesync.hil.sim.gige;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.sim.gige.GvcpTestClient.Ack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GVCP round trips with a raw-socket client: every answer checked byte by byte against the protocol. */
class GigeDeviceTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long OFFSET_NS = 37_000_000_123L;
    private static final String SERIAL = "05520125";
    private static final int LATCH = Gvcp.TIMESTAMP_CONTROL_LATCH;

    /** Host + offset, plus one ns per reading, so no two latches can read the same device time. */
    private final AtomicLong readings = new AtomicLong();
    private final DeviceClock clock = hostNs -> hostNs + OFFSET_NS + readings.incrementAndGet();
    private final DeviceIdentity identity = DeviceIdentity.simulated(SERIAL);
    private final AtomicReference<PtpDataSet> livePtp = new AtomicReference<>(
            PtpDataSet.slaveOf(ClockIdentity.parse("02005e.fffe.000001"), identity.clockIdentity(), -1234));
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void discoveryAcknowledgeCarriesTheBootstrapDeviceInformation() {
        GigeVisionDevice device = start(config());
        GvcpTestClient client = client(device);

        Ack ack = client.discovery();

        assertThat(ack.status()).isZero();
        assertThat(ack.ackId()).isEqualTo(0x0003);
        assertThat(ack.length()).isEqualTo(0xF8);
        assertThat(ack.payload()).hasSize(0xF8);
        assertThat(ack.requestId()).isEqualTo(1);
        assertThat(ack.int32(0x00)).as("spec version 2.0").isEqualTo(0x0002_0000);
        assertThat(ack.int32(0x04)).as("device mode: big-endian, UTF-8").isEqualTo(0x8000_0001);
        long mac = (Integer.toUnsignedLong(ack.int32(0x08)) << 32) | Integer.toUnsignedLong(ack.int32(0x0C));
        assertThat(mac).isEqualTo(identity.macAddress());
        assertThat(ack.int32(0x10)).as("supported IP configuration: DHCP, LLA").isEqualTo(0x6);
        assertThat(ack.int32(0x14)).as("current IP configuration").isEqualTo(0x6);
        assertThat(ack.int32(0x24)).as("current IP 127.0.0.1").isEqualTo(0x7F00_0001);
        assertThat(ack.int32(0x34)).as("subnet mask").isEqualTo(0xFF00_0000);
        assertThat(ack.int32(0x44)).as("gateway").isZero();
        assertThat(ack.string(0x48, 32)).isEqualTo(DeviceIdentity.SIMULATED_VENDOR);
        assertThat(ack.string(0x68, 32)).isEqualTo(DeviceIdentity.SIMULATED_MODEL);
        assertThat(ack.string(0x88, 32)).isEqualTo("sim-1.0");
        assertThat(ack.string(0xA8, 48)).isEqualTo("timesync-hil GVCP simulator");
        assertThat(ack.string(0xD8, 16)).isEqualTo(SERIAL);
        assertThat(ack.string(0xE8, 16)).isEmpty();
    }

    @Test
    void broadcastDiscoveryIsAnsweredToTheSender() {
        GigeVisionDevice device = start(config().advertising(InetAddress.getLoopbackAddress(), 0));
        GvcpTestClient client = client(device);
        client.broadcast(true);

        // aravis' discovery: flags ack-required, request id 0xffff, to 255.255.255.255
        client.sendTo(new InetSocketAddress("255.255.255.255", device.gvcpAddress().getPort()), 0x0002,
                new byte[0], 0xFFFF, 0x01);
        Ack ack = client.receive(GvcpTestClient.ANSWER_TIMEOUT_MS).orElseThrow();

        assertThat(ack.ackId()).isEqualTo(0x0003);
        assertThat(ack.requestId()).isEqualTo(0xFFFF);
        assertThat(ack.string(0xD8, 16)).isEqualTo(SERIAL);
    }

    @Test
    void readsAndWritesRegistersWithTheirAcknowledgeIdsAndStatusCodes() {
        GigeVisionDevice device = start(config().withPendingAck(50, false));
        GvcpTestClient client = client(device);

        Ack capability = client.readRegister(0x0934);
        assertThat(capability.ackId()).isEqualTo(0x0081);
        assertThat(capability.length()).isEqualTo(4);
        assertThat(capability.int32(0)).as("user name, serial, PENDING_ACK, WRITEMEM, concatenation")
                .isEqualTo(0x8000_0000 | 0x4000_0000 | 0x20 | 0x2 | 0x1);
        Ack several = client.readRegister(0x0938, 0x093C, 0x0940, 0x0958, 0x0A00);
        assertThat(several.length()).isEqualTo(20);
        assertThat(List.of(several.int32(0), several.int32(4), several.int32(8), several.int32(12),
                several.int32(16))).as("heartbeat, tick frequency high/low, pending timeout, privilege")
                .containsExactly(3000, 0, 1_000_000_000, 50, 0);

        client.takeControl();
        Ack written = client.writeRegister(0x0938, 5000);
        assertThat(written.status()).isZero();
        assertThat(written.ackId()).isEqualTo(0x0083);
        assertThat(written.int32(0)).as("reserved, index = registers written").isEqualTo(1);
        assertThat(client.readRegister(0x0938).int32(0)).isEqualTo(5000);
        client.writeRegister(0x0938, 100);
        assertThat(client.readRegister(0x0938).int32(0)).as("raised to the 500 ms minimum").isEqualTo(500);

        Ack readOnly = client.writeRegister(0x0934, 0);
        assertThat(readOnly.status()).as(Gvcp.statusName(readOnly.status())).isEqualTo(0x8004);
        assertThat(readOnly.ackId()).isEqualTo(0x0083);
        assertThat(readOnly.int32(0)).as("index: nothing written").isZero();
        Ack absent = client.readRegister(0x0D00);
        assertThat(absent.status()).as("no stream channel: " + Gvcp.statusName(absent.status())).isEqualTo(0x8003);
        assertThat(absent.ackId()).isEqualTo(0x0081);
        assertThat(client.readRegister(0x0945).status()).as("unaligned").isEqualTo(0x8005);
        assertThat(client.readRegister(0x0944).status()).as("write-only").isEqualTo(0x8006);
        Ack partly = client.readRegister(0x0934, 0x0D00);
        assertThat(partly.status()).isEqualTo(0x8003);
        assertThat(partly.payload()).as("the register read before the failing one")
                .isEqualTo(ByteBuffer.allocate(4).putInt(capability.int32(0)).array());
        Ack unknown = client.request(0x0040, new byte[12]);
        assertThat(unknown.status()).as("PACKETRESEND: " + Gvcp.statusName(unknown.status())).isEqualTo(0x8001);
        assertThat(unknown.ackId()).isEqualTo(0x0041);
    }

    @Test
    void servesTheGenicamFileTheFirstUrlPointsAt() throws Exception {
        GigeVisionDevice device = start(config());
        GvcpTestClient client = client(device);

        Ack urlAck = client.readMemory(0x0200, 512);
        assertThat(urlAck.ackId()).isEqualTo(0x0085);
        assertThat(urlAck.int32(0)).as("the address read").isEqualTo(0x0200);
        String url = urlAck.string(4, 512);
        Matcher local = Pattern.compile("Local:([^;]+);([0-9a-fA-F]+);([0-9a-fA-F]+)").matcher(url);
        assertThat(local.matches()).as(url).isTrue();
        assertThat(local.group(1)).endsWith(".xml");
        long address = Long.parseLong(local.group(2), 16);
        int length = Integer.parseInt(local.group(3), 16);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int offset = 0; offset < length; offset += 512) {
            int count = (Math.min(512, length - offset) + 3) / 4 * 4; // as aravis asks: whole words
            Ack block = client.readMemory(address + offset, count);
            assertThat(block.status()).isZero();
            file.write(block.payload(), 4, Math.min(512, length - offset));
        }

        assertThat(file.toString(StandardCharsets.UTF_8)).isEqualTo(device.genicamXml());
        Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(file.toByteArray()));
        assertThat(parsed.getDocumentElement().getNodeName()).isEqualTo("RegisterDescription");
    }

    @Test
    void latchesTheGigeVisionTimestampInsideTheClientsRoundTrip() {
        GigeVisionDevice device = start(config());
        GvcpTestClient client = client(device);
        client.takeControl();

        long beforeNs = HostClock.SYSTEM.nowNs();
        Ack ack = client.writeRegister(0x0944, LATCH);
        long afterNs = HostClock.SYSTEM.nowNs();
        long value = value64(client.readRegister(0x0948, 0x094C));

        assertThat(ack.status()).isZero();
        LatchTruth truth = onlyLatch(device);
        assertThat(truth.kind()).isEqualTo(LatchTruth.Kind.GEV_TIMESTAMP_CONTROL_LATCH);
        assertThat(truth.hostRealtimeNs()).isBetween(beforeNs, afterNs);
        assertThat(truth.deviceNs()).isEqualTo(truth.hostRealtimeNs() + OFFSET_NS + 1);
        assertThat(value).as("1 GHz: ticks are ns").isEqualTo(truth.reportedValue()).isEqualTo(truth.deviceNs());
    }

    @ParameterizedTest
    @ValueSource(longs = {125_000_000L, 5_000_000_000L})
    void reportsTicksOfItsTickFrequency(long tickFrequencyHz) {
        GigeVisionDevice device = start(config().withTickFrequencyHz(tickFrequencyHz));
        GvcpTestClient client = client(device);
        client.takeControl();

        client.writeRegister(0x0944, LATCH);
        long ticks = value64(client.readRegister(0x0948, 0x094C));
        long frequency = value64(client.readRegister(0x093C, 0x0940));

        LatchTruth truth = onlyLatch(device);
        assertThat(frequency).isEqualTo(tickFrequencyHz);
        assertThat(ticks).isEqualTo(BigInteger.valueOf(truth.deviceNs()).multiply(BigInteger.valueOf(tickFrequencyHz))
                .divide(BigInteger.valueOf(1_000_000_000L)).longValueExact());
    }

    @Test
    void latchesTheImagingSourceTimestampThroughMemoryAccessAsAravisDoes() {
        GigeVisionDevice device = start(config());
        GvcpTestClient client = client(device);
        client.takeControl();

        long beforeNs = HostClock.SYSTEM.nowNs();
        Ack ack = client.writeMemory(GenicamXml.TIMESTAMP_LATCH, ByteBuffer.allocate(4).putInt(1).array());
        long afterNs = HostClock.SYSTEM.nowNs();
        Ack value = client.readMemory(GenicamXml.TIMESTAMP_LATCH_VALUE, 8);

        assertThat(ack.ackId()).isEqualTo(0x0087);
        assertThat(ack.int32(0)).as("index: bytes written").isEqualTo(4);
        LatchTruth truth = onlyLatch(device);
        assertThat(truth.kind()).isEqualTo(LatchTruth.Kind.TIMESTAMP_LATCH);
        assertThat(truth.hostRealtimeNs()).isBetween(beforeNs, afterNs);
        assertThat(ByteBuffer.wrap(value.payload(), 4, 8).getLong()).isEqualTo(truth.deviceNs());
    }

    @Test
    void announcesASlowLatchWithPendingAckOnceTheClientEnablesIt() {
        GigeVisionDevice device = start(config().withPendingAck(50, false)
                .withFaults(GigeFault.parseList("commandDelay=300ms")));
        GvcpTestClient client = client(device);
        client.takeControl();
        assertThat(client.writeRegister(0x0954, 0x2).status()).isZero();
        assertThat(client.readRegister(0x0954).int32(0)).as("PENDING_ACK enabled").isEqualTo(0x2);

        int id = client.nextRequestId();
        List<Ack> acks = client.exchange(0x0082, ByteBuffer.allocate(8).putInt(0x0944).putInt(LATCH).array(), id);

        assertThat(acks).hasSize(2);
        Ack pending = acks.get(0);
        assertThat(pending.ackId()).isEqualTo(0x0089);
        assertThat(pending.status()).isZero();
        assertThat(pending.requestId()).isEqualTo(id);
        assertThat(pending.length()).isEqualTo(4);
        assertThat(pending.int32(0)).as("reserved, time to completion: 300 ms + a pending timeout of margin")
                .isEqualTo(350);
        assertThat(acks.get(1).ackId()).isEqualTo(0x0083);
        assertThat(acks.get(1).status()).isZero();
        assertThat(device.latches()).hasSize(1);
    }

    @Test
    void withoutPendingAckEnabledASlowLatchIsJustAcknowledgedLate() {
        GigeVisionDevice device = start(config().withPendingAck(50, false)
                .withFaults(GigeFault.parseList("commandDelay=300ms")));
        GvcpTestClient client = client(device);
        client.takeControl();

        List<Ack> acks = client.exchange(0x0082, ByteBuffer.allocate(8).putInt(0x0944).putInt(LATCH).array(),
                client.nextRequestId());

        assertThat(acks).extracting(Ack::ackId).containsExactly(0x0083);
        assertThat(device.latches()).hasSize(1);
    }

    @Test
    void aRetriedCommandIsAnsweredAgainButLatchesOnce() {
        GigeVisionDevice device = start(config());
        GvcpTestClient client = client(device);
        client.takeControl();
        byte[] latch = ByteBuffer.allocate(8).putInt(0x0944).putInt(LATCH).array();
        int id = client.nextRequestId();

        Ack first = client.exchange(0x0082, latch, id).get(0);
        Ack retry = client.exchange(0x0082, latch, id).get(0);

        assertThat(retry).usingRecursiveComparison().isEqualTo(first);
        assertThat(device.latches()).hasSize(1);
    }

    @Test
    void aCommandWithoutAckRequiredIsExecutedButNotAnswered() {
        GigeVisionDevice device = start(config());
        GvcpTestClient client = client(device);
        client.takeControl();

        client.send(0x0082, ByteBuffer.allocate(8).putInt(0x0944).putInt(LATCH).array(), client.nextRequestId(), 0);
        Ack next = client.readRegister(0x0948, 0x094C);

        // the device answers in order: had it acknowledged the latch, that acknowledge would have come first
        assertThat(next.ackId()).isEqualTo(0x0081);
        assertThat(value64(next)).isEqualTo(onlyLatch(device).reportedValue());
    }

    @Test
    void disconnectFaultSilencesTheCameraAfterItsLatches() {
        GigeVisionDevice device = start(config().withFaults(GigeFault.parseList("disconnectAfter=2")));
        GvcpTestClient client = client(device);
        client.takeControl();

        assertThat(client.writeRegister(0x0944, LATCH).status()).isZero();
        assertThat(client.writeRegister(GenicamXml.TIMESTAMP_LATCH, 1).status()).isZero();
        client.send(0x0080, ByteBuffer.allocate(4).putInt(0x0934).array(), client.nextRequestId(), 1);
        client.send(0x0002, new byte[0], client.nextRequestId(), 1);

        assertThat(device.isSilent()).isTrue();
        assertThat(client.receive(1_000)).as("neither READREG nor DISCOVERY is answered").isEmpty();
        assertThat(device.latches()).hasSize(2);
    }

    @Test
    void frozenFaultKeepsTheFirstLatchedValue() {
        GigeVisionDevice device = start(config().withFaults(GigeFault.parseList("frozen")));
        GvcpTestClient client = client(device);
        client.takeControl();

        long first = latchTimestamp(client);
        long second = latchTimestamp(client);

        List<LatchTruth> truths = device.latches();
        assertThat(truths.get(1).deviceNs()).as("the clock went on").isGreaterThan(truths.get(0).deviceNs());
        assertThat(second).isEqualTo(first).isEqualTo(truths.get(0).deviceNs());
        assertThat(truths).extracting(LatchTruth::reportedValue).containsOnly(first);
    }

    @Test
    void zeroFaultReportsZero() {
        GigeVisionDevice device = start(config().withFaults(GigeFault.parseList("zero")));
        GvcpTestClient client = client(device);
        client.takeControl();

        assertThat(latchTimestamp(client)).isZero();
        assertThat(onlyLatch(device).deviceNs()).isPositive();
    }

    @Test
    void ptpDataSetRegistersHoldWhatPtpDataSetLatchSnapshotted() {
        livePtp.set(new PtpDataSet(true, PtpStatus.LISTENING, PtpServoStatus.UNKNOWN, identity.clockIdentity(),
                identity.clockIdentity(), identity.clockIdentity(), 0, PtpClockAccuracy.UNKNOWN));
        GigeVisionDevice device = start(config());
        GvcpTestClient client = client(device);
        client.takeControl();
        ClockIdentity grandmaster = ClockIdentity.parse("ec4670.fffe.0a0b0c");
        livePtp.set(new PtpDataSet(true, PtpStatus.SLAVE, PtpServoStatus.LOCKED, grandmaster, grandmaster,
                identity.clockIdentity(), -1234, PtpClockAccuracy.WITHIN_100NS));

        assertThat(client.readRegister(GenicamXml.PTP_STATUS).int32(0)).as("power-up snapshot: Listening")
                .isEqualTo(4);
        assertThat(client.writeRegister(GenicamXml.PTP_DATA_SET_LATCH, 1).status()).isZero();
        Ack state = client.readRegister(GenicamXml.PTP_STATUS, GenicamXml.PTP_SERVO_STATUS,
                GenicamXml.PTP_CLOCK_ACCURACY);
        assertThat(List.of(state.int32(0), state.int32(4), state.int32(8))).as("Slave, Locked, 0x21")
                .containsExactly(9, 1, 0x21);
        assertThat(memory64(client, GenicamXml.PTP_OFFSET_FROM_MASTER)).isEqualTo(-1234);
        assertThat(client.readMemory(GenicamXml.PTP_GRANDMASTER_CLOCK_ID, 8).payload())
                .as("octet 0 of the clockIdentity first")
                .endsWith(new byte[] {(byte) 0xEC, 0x46, 0x70, (byte) 0xFF, (byte) 0xFE, 0x0A, 0x0B, 0x0C});
        assertThat(memory64(client, GenicamXml.PTP_CLOCK_ID)).isEqualTo(identity.clockIdentity().value());

        assertThat(client.writeRegister(GenicamXml.PTP_ENABLE, 0).status()).isZero();
        client.writeRegister(GenicamXml.PTP_DATA_SET_LATCH, 1);
        assertThat(client.readRegister(GenicamXml.PTP_STATUS).int32(0)).as("PtpEnable off: Disabled").isEqualTo(3);
    }

    @Test
    void withoutThePtpDataSetItsRegistersAreNotThere() {
        GigeVisionDevice device = start(config().withFaults(GigeFault.parseList("noPtpDataSet")));
        GvcpTestClient client = client(device);
        client.takeControl();

        assertThat(client.readRegister(GenicamXml.PTP_STATUS).status()).isEqualTo(0x8003);
        assertThat(client.writeRegister(GenicamXml.PTP_DATA_SET_LATCH, 1).status()).isEqualTo(0x8003);
        assertThat(client.readRegister(GenicamXml.PTP_ENABLE).status()).isZero();
        assertThat(device.genicamXml()).doesNotContain("PtpStatus", "PtpDataSetLatch").contains("PtpEnable");
    }

    @Test
    void onlyThePrimaryApplicationWritesWhileItHoldsControl() {
        GigeVisionDevice device = start(config().withHeartbeatTimeoutMs(600_000));
        GvcpTestClient primary = client(device);
        GvcpTestClient other = client(device);

        primary.takeControl();
        Ack denied = other.writeRegister(0x0944, LATCH);
        Ack read = other.readRegister(0x0A00, 0x0A04);

        assertThat(denied.status()).as(Gvcp.statusName(denied.status())).isEqualTo(0x8006);
        assertThat(denied.ackId()).isEqualTo(0x0083);
        assertThat(read.status()).as("control access still lets others read").isZero();
        assertThat(read.int32(0)).isEqualTo(0x2);
        assertThat(read.int32(4)).as("primary application port").isEqualTo(primary.localAddress().getPort());
        assertThat(device.latches()).isEmpty();

        assertThat(primary.writeRegister(0x0A00, 0).status()).as("released").isZero();
        assertThat(other.writeRegister(0x0A00, 0x1).status()).as("exclusive access").isZero();
        assertThat(primary.readRegister(0x0934).status()).as("exclusive: no reading either").isEqualTo(0x8006);
        assertThat(primary.discovery().status()).as("discovery always answered").isZero();
    }

    @Test
    void aSilentPrimaryLosesControlAfterTheHeartbeatTimeout() {
        GigeVisionDevice device = start(config().withHeartbeatTimeoutMs(500));
        GvcpTestClient primary = client(device);
        GvcpTestClient other = client(device);

        primary.takeControl();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> device.primaryApplication().isEmpty());
        other.takeControl();
        assertThat(device.primaryApplication()).contains(other.localAddress());
    }

    private long latchTimestamp(GvcpTestClient client) {
        assertThat(client.writeRegister(GenicamXml.TIMESTAMP_LATCH, 1).status()).isZero();
        return memory64(client, GenicamXml.TIMESTAMP_LATCH_VALUE);
    }

    private static long memory64(GvcpTestClient client, long address) {
        Ack ack = client.readMemory(address, 8);
        assertThat(ack.status()).as(Gvcp.statusName(ack.status())).isZero();
        return ByteBuffer.wrap(ack.payload(), 4, 8).getLong();
    }

    /** HIGH and LOW of a two-register READREG. */
    private static long value64(Ack ack) {
        assertThat(ack.status()).as(Gvcp.statusName(ack.status())).isZero();
        return (Integer.toUnsignedLong(ack.int32(0)) << 32) | Integer.toUnsignedLong(ack.int32(4));
    }

    private static LatchTruth onlyLatch(GigeVisionDevice device) {
        assertThat(device.latches()).hasSize(1);
        return device.latches().get(0);
    }

    private GigeDeviceConfig config() {
        return GigeDeviceConfig.of(LOOPBACK_ANY_PORT, identity).withoutBroadcastDiscovery();
    }

    private GigeVisionDevice start(GigeDeviceConfig config) {
        GigeVisionDevice device = GigeVisionDevice.start(config, clock, livePtp::get);
        opened.add(0, device);
        return device;
    }

    private GvcpTestClient client(GigeVisionDevice device) {
        GvcpTestClient client = new GvcpTestClient(device.gvcpAddress());
        opened.add(0, client);
        return client;
    }
}
