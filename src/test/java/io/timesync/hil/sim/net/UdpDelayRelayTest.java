package io.timesync.hil.sim.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The relay on its own, between a test client and an echo server in this JVM: every check of a delay is a lower
 * bound against System.nanoTime taken before the send it follows, so a slow machine cannot fail it.
 */
class UdpDelayRelayTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int ANSWER_TIMEOUT_MS = 10_000;
    private static final long MS = 1_000_000;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void delaysEachDirectionByAtLeastItsBaseAndKeepsEveryDatagramInOrder() {
        Echo echo = open(new Echo());
        PathDelay request = new PathDelay(3 * MS, 2 * MS);
        PathDelay reply = new PathDelay(MS, MS);
        UdpDelayRelay relay = open(UdpDelayRelay.start(LOOPBACK_ANY_PORT, echo.address(), request, reply, 42));
        Client client = open(new Client(relay.frontAddress()));

        List<byte[]> sent = new ArrayList<>();
        long[] sentNanoTime = new long[100];
        SplittableRandom random = new SplittableRandom(7);
        for (int sequence = 0; sequence < sentNanoTime.length; sequence++) {
            byte[] datagram = datagram(sequence, 4 + random.nextInt(60), random);
            sent.add(datagram);
            sentNanoTime[sequence] = System.nanoTime();
            client.send(datagram);
        }
        List<byte[]> received = new ArrayList<>();
        long[] receivedNanoTime = new long[sentNanoTime.length];
        for (int i = 0; i < sentNanoTime.length; i++) {
            received.add(client.receive());
            receivedNanoTime[i] = System.nanoTime();
        }

        assertThat(received).as("all back, intact, in order").containsExactlyElementsOf(sent);
        for (int sequence = 0; sequence < sentNanoTime.length; sequence++) {
            assertThat(echo.arrivedNanoTime.get(sequence) - sentNanoTime[sequence])
                    .as("request path of datagram %d", sequence).isGreaterThanOrEqualTo(request.baseNs());
            assertThat(receivedNanoTime[sequence] - echo.echoedNanoTime.get(sequence))
                    .as("reply path of datagram %d", sequence).isGreaterThanOrEqualTo(reply.baseNs());
        }
        assertThat(relay.forwarded(UdpDelayRelay.Direction.REQUEST)).isEqualTo(sentNanoTime.length);
        assertThat(relay.forwarded(UdpDelayRelay.Direction.REPLY)).isEqualTo(sentNanoTime.length);
        assertThat(relay.dropped()).isZero();
    }

    @Test
    void withoutDelayItRelaysEverythingInOrder() {
        Echo echo = open(new Echo());
        UdpDelayRelay relay = open(UdpDelayRelay.start(LOOPBACK_ANY_PORT, echo.address(), PathDelay.NONE,
                PathDelay.NONE, 1));
        Client client = open(new Client(relay.frontAddress()));

        List<byte[]> sent = new ArrayList<>();
        for (int sequence = 0; sequence < 100; sequence++) {
            sent.add(datagram(sequence, 1 + sequence, new SplittableRandom(sequence)));
            client.send(sent.get(sequence));
        }
        List<byte[]> received = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            received.add(client.receive());
        }

        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Test
    void repliesGoBackToTheClientThatAskedFromASourceOfItsOwn() {
        Echo echo = open(new Echo());
        UdpDelayRelay relay = open(UdpDelayRelay.start(LOOPBACK_ANY_PORT, echo.address(), new PathDelay(MS, 0),
                new PathDelay(MS, 0), 1));
        Client first = open(new Client(relay.frontAddress()));
        Client second = open(new Client(relay.frontAddress()));

        for (int sequence = 0; sequence < 10; sequence++) {
            first.send(datagram(sequence, 8, new SplittableRandom(1)));
            second.send(datagram(100 + sequence, 8, new SplittableRandom(2)));
        }
        List<Integer> firstGot = new ArrayList<>();
        List<Integer> secondGot = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            firstGot.add(ByteBuffer.wrap(first.receive()).getInt());
            secondGot.add(ByteBuffer.wrap(second.receive()).getInt());
        }

        assertThat(firstGot).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(secondGot).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
        assertThat(echo.sources).as("one relay socket per client").hasSize(2);
    }

    @Test
    void dropsAndCountsWhatDoesNotFitItsQueue() {
        Echo echo = open(new Echo());
        UdpDelayRelay relay = open(UdpDelayRelay.start(LOOPBACK_ANY_PORT, echo.address(),
                new PathDelay(60_000 * MS, 0), PathDelay.NONE, 1, 5));
        Client client = open(new Client(relay.frontAddress()));

        for (int sequence = 0; sequence < 20; sequence++) {
            client.send(datagram(sequence, 8, new SplittableRandom(sequence)));
        }

        await().atMost(Duration.ofSeconds(30)).until(relay::dropped, dropped -> dropped == 15);
        assertThat(relay.forwarded(UdpDelayRelay.Direction.REQUEST)).as("the queued five are not due yet").isZero();
    }

    @Test
    void closeReturnsPromptlyWithDatagramsStillQueuedAndFreesItsPort() throws Exception {
        Echo echo = open(new Echo());
        UdpDelayRelay relay = UdpDelayRelay.start(LOOPBACK_ANY_PORT, echo.address(), new PathDelay(60_000 * MS, 0),
                new PathDelay(60_000 * MS, 0), 1);
        InetSocketAddress front = relay.frontAddress();
        try (Client client = new Client(front)) {
            client.send(datagram(0, 8, new SplittableRandom(0)));
        }

        assertTimeoutPreemptively(Duration.ofSeconds(10), relay::close);
        try (DatagramSocket again = new DatagramSocket(front)) {
            assertThat(again.getLocalPort()).isEqualTo(front.getPort());
        }
    }

    @Test
    void pathDelaysAreWrittenAsBasePlusJitter() {
        assertThat(PathDelay.parse("300us")).isEqualTo(new PathDelay(300_000, 0));
        assertThat(PathDelay.parse("1ms+250us")).isEqualTo(new PathDelay(1_000_000, 250_000)).hasToString("1ms+250us");
        assertThat(PathDelay.parse("0")).isEqualTo(PathDelay.NONE);
    }

    private static byte[] datagram(int sequence, int length, SplittableRandom random) {
        byte[] bytes = new byte[Math.max(4, length)];
        random.nextBytes(bytes);
        ByteBuffer.wrap(bytes).putInt(sequence);
        return bytes;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(0, closeable);
        return closeable;
    }

    private static final class Client implements AutoCloseable {
        private final DatagramSocket socket;
        private final InetSocketAddress relay;

        Client(InetSocketAddress relay) {
            this.relay = relay;
            try {
                socket = new DatagramSocket(LOOPBACK_ANY_PORT);
                socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(byte[] datagram) {
            try {
                socket.send(new DatagramPacket(datagram, datagram.length, relay));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] receive() {
            byte[] buffer = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("nothing came back within " + ANSWER_TIMEOUT_MS + " ms", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(packet.getSocketAddress()).as("the relay answers from its front").isEqualTo(relay);
            return Arrays.copyOf(buffer, packet.getLength());
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** Echoes each datagram to its sender, noting (by the sequence number up front) when it came and went back. */
    private static final class Echo implements AutoCloseable {
        final Map<Integer, Long> arrivedNanoTime = new ConcurrentHashMap<>();
        final Map<Integer, Long> echoedNanoTime = new ConcurrentHashMap<>();
        final Map<InetSocketAddress, Boolean> sources = new ConcurrentHashMap<>();
        private final DatagramSocket socket;
        private final Thread thread;

        Echo() {
            try {
                socket = new DatagramSocket(LOOPBACK_ANY_PORT);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
            thread = new Thread(this::serve, "echo");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void serve() {
            byte[] buffer = new byte[2048];
            try {
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    long arrived = System.nanoTime();
                    int sequence = ByteBuffer.wrap(buffer).getInt();
                    arrivedNanoTime.putIfAbsent(sequence, arrived);
                    sources.put((InetSocketAddress) packet.getSocketAddress(), true);
                    echoedNanoTime.putIfAbsent(sequence, System.nanoTime()); // before the send it bounds
                    socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
                }
            } catch (IOException closed) {
                // close() ends the echo
            }
        }

        @Override
        public void close() {
            socket.close();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
