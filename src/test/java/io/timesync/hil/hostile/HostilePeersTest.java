package io.timesync.hil.hostile;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.ptp.Ptp4lNoReplyException;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.Action;
import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.ManagementCodec;
import io.timesync.hil.ptp.protocol.ManagementMessage;
import io.timesync.hil.ptp.protocol.ManagementTlv;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.TimeInterval;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorCapture;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sensor.StreamKind;
import io.timesync.hil.sensor.StreamRecord;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.UtcOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Bench parts that misbehave on purpose: every wait still ends at its deadline, whatever arrives. */
class HostilePeersTest {
    private static final long REPLY_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(300);

    @TempDir
    Path directory;

    /** A responder that answers each request with an endless stream of replies to other requests. */
    @Test
    void aFloodOfStrayRepliesEndsAtTheReplyTimeout() throws Exception {
        Path socket = directory.resolve("flood.sock");
        try (AFUNIXDatagramChannel flooder = AFUNIXDatagramChannel.open()) {
            flooder.bind(AFUNIXSocketAddress.of(socket));
            Thread thread = new Thread(() -> flood(flooder), "flooder");
            thread.setDaemon(true);
            thread.start();
            try (PtpManagementClient client = PtpManagementClient.open(socket, 0, REPLY_TIMEOUT_NS)) {
                long startNs = System.nanoTime();

                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() ->
                        client.get(CurrentDataSet.ID)).isInstanceOf(Ptp4lNoReplyException.class));

                // the GET waits its reply timeout, the domain probe after it another
                assertThat(System.nanoTime() - startNs).isLessThan(4 * REPLY_TIMEOUT_NS + TimeUnit.SECONDS.toNanos(2));
            }
        }
    }

    /**
     * Every reply, valid in form, answers another request (its sequenceId + 1000), sent by four threads as fast as
     * they can: the client's queue never runs dry.
     */
    private static void flood(AFUNIXDatagramChannel flooder) {
        ByteBuffer buffer = ByteBuffer.allocate(1500);
        try {
            SocketAddress client = flooder.receive(buffer);
            ManagementMessage request = ManagementCodec.decode(buffer.array(), buffer.position(), "flood test");
            byte[] reply = ManagementCodec.encode(new ManagementMessage(request.domainNumber(),
                    new PortIdentity(SimulatedPtp4lDatasets.HOST, 0), (request.sequenceId() + 1000) & 0xFFFF,
                    request.sourcePortIdentity(), 0, 0, Action.RESPONSE,
                    ManagementTlv.of(new CurrentDataSet(0, TimeInterval.ofNs(0), TimeInterval.ofNs(0)))));
            for (int i = 0; i < 4; i++) {
                Thread sender = new Thread(() -> {
                    try {
                        while (true) {
                            flooder.send(ByteBuffer.wrap(reply), client);
                        }
                    } catch (IOException closedOrGone) {
                        // the test ended, or the client went away
                    }
                }, "flood sender " + i);
                sender.setDaemon(true);
                sender.start();
            }
        } catch (IOException closedOrGone) {
            // the test ended
        }
    }

    /** Random bytes instead of a reply: one clear error naming the bytes, at once. */
    @Test
    void garbageRepliesAreAMisbehavingPartNotAWait() throws Exception {
        Path socket = directory.resolve("garbage.sock");
        try (AFUNIXDatagramChannel responder = AFUNIXDatagramChannel.open()) {
            responder.bind(AFUNIXSocketAddress.of(socket));
            Thread thread = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(1500);
                Random random = new Random(1588);
                try {
                    while (true) {
                        buffer.clear();
                        SocketAddress client = responder.receive(buffer);
                        byte[] garbage = new byte[1 + random.nextInt(200)];
                        random.nextBytes(garbage);
                        responder.send(ByteBuffer.wrap(garbage), client);
                    }
                } catch (IOException closed) {
                    // the test ended
                }
            }, "garbage");
            thread.setDaemon(true);
            thread.start();
            try (PtpManagementClient client = PtpManagementClient.open(socket, 0, REPLY_TIMEOUT_NS)) {
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() ->
                        client.get(CurrentDataSet.ID)).isInstanceOf(BenchPartMisbehavingException.class)
                        .hasMessageContaining("malformed reply"));
            }
        }
    }

    /**
     * A sensor port hammered with garbage and a flood from the sensor's own address: the capture still ends on time,
     * counts what did not fit, and keeps every datagram's arrival.
     */
    @Test
    void garbageAndAFloodOnTheSensorPortsEndOnTime() throws Exception {
        LidarPacketFormat lidar = new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 16, 512);
        ImuPacketFormat imu = new ImuPacketFormat(ImuProfile.LEGACY, 8);
        SensorSettings sensor = new SensorSettings("hostile", "127.0.0.1", 0, 0, lidar, 10, imu, 100);
        CaptureSettings settings = new CaptureSettings("127.0.0.1", Optional.empty(), 1 << 20, false, 10_000_000,
                1_000_000, 0, TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(1), OptionalLong.empty());
        long startNs = System.nanoTime();
        try (SensorCapture capture = SensorCapture.start(sensor, settings, new UtcOffset(37_000_000_000L, "test"),
                directory, HostClock.SYSTEM);
             DatagramChannel sender = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress lidarPort = new InetSocketAddress("127.0.0.1", capture.lidarPort());
            Random random = new Random(7);
            int sent = 0;
            for (long untilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600); System.nanoTime() < untilNs; ) {
                byte[] garbage = new byte[1 + random.nextInt(9000)];
                random.nextBytes(garbage);
                sender.send(ByteBuffer.wrap(garbage), lidarPort);
                sent++;
            }

            StreamRecord record = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> capture
                    .records(TimeUnit.SECONDS.toNanos(5)).stream().filter(r -> r.stream().kind() == StreamKind.LIDAR)
                    .findFirst().orElseThrow());

            assertThat(record.malformed() + record.kernelDrops()).isGreaterThan(0);
            assertThat(record.datagrams()).isLessThanOrEqualTo(sent);
            assertThat(record.firstMalformed()).isPresent();
        }
        assertThat(System.nanoTime() - startNs).as("the capture ended at its window").isLessThan(
                TimeUnit.SECONDS.toNanos(8));
    }
}
