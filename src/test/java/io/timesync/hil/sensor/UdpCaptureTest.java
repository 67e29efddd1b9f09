package io.timesync.hil.sensor;

import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.time.HostClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class UdpCaptureTest {
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(2);

    @Test
    void stampsEveryDatagramWithTheKernelReceiveTimeAndKeepsItsSourceAndLength() throws IOException {
        try (UdpCapture capture = UdpCapture.open(options(1 << 20));
             DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress("127.0.0.1", 0));
            long beforeNs = HostClock.SYSTEM.nowNs();
            for (int i = 0; i < 10; i++) {
                sender.send(ByteBuffer.allocate(100 + i).order(ByteOrder.LITTLE_ENDIAN).putLong(0, i),
                        new InetSocketAddress("127.0.0.1", capture.port()));
            }
            List<UdpCapture.Datagram> received = new ArrayList<>();
            List<Long> firstLongs = new ArrayList<>();
            while (received.size() < 10) {
                assertThat(capture.receive(WAIT_NS, datagram -> {
                    received.add(datagram);
                    firstLongs.add(datagram.bytes().getLong(0));
                })).isPositive();
            }
            long afterNs = HostClock.SYSTEM.nowNs();

            assertThat(firstLongs).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(received).extracting(UdpCapture.Datagram::length)
                    .containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
            assertThat(received).allSatisfy(datagram -> {
                assertThat(datagram.softwareReceiveNs()).isBetween(beforeNs, afterNs);
                assertThat(datagram.hardwareReceiveNs()).isZero();
                assertThat(datagram.source()).isEqualTo("127.0.0.1:" + ((InetSocketAddress) sender.getLocalAddress()).getPort());
                assertThat(datagram.truncated()).isFalse();
            });
            assertThat(capture.kernelDrops()).isZero();
        }
    }

    @Test
    void countsWhatTheKernelDroppedWhenTheBufferOverflowed() throws IOException {
        try (UdpCapture capture = UdpCapture.open(options(4096));
             DatagramChannel sender = DatagramChannel.open()) {
            for (int i = 0; i < 200; i++) {
                sender.send(ByteBuffer.allocate(1000), new InetSocketAddress("127.0.0.1", capture.port()));
            }
            long[] received = {0};
            while (capture.receive(TimeUnit.MILLISECONDS.toNanos(200), datagram -> received[0]++) > 0) {
                // drain
            }

            assertThat(capture.kernelDrops()).isPositive();
            assertThat(received[0] + capture.kernelDrops()).isEqualTo(200);
        }
    }

    @Test
    void aReceiveWithNothingToReadReturnsAfterItsTimeout() {
        try (UdpCapture capture = UdpCapture.open(options(1 << 16))) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThat(capture.receive(TimeUnit.MILLISECONDS.toNanos(50), datagram -> { })).isZero(),
                    "a hang guard");
        }
    }

    @Test
    void aPortInUseIsUnreachableWithTheFix() {
        try (UdpCapture first = UdpCapture.open(options(1 << 16));
             DatagramChannel other = DatagramChannel.open()) {
            other.bind(new InetSocketAddress("127.0.0.1", 0));
            int taken = ((InetSocketAddress) other.getLocalAddress()).getPort();

            assertThatThrownBy(() -> UdpCapture.open(new UdpCapture.Options("127.0.0.1", taken, Optional.empty(),
                    1 << 16, false, 8)))
                    .isInstanceOf(BenchPartUnreachableException.class)
                    .hasMessageContaining("bind() failed: Address already in use")
                    .hasMessageContaining("another program");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** With SO_REUSEADDR, 59-75 of 2000 port-0 sockets got a port already in use: a capture owns its port. */
    @Test
    void everyCaptureSocketOwnsItsPort() {
        List<UdpCapture> open = new ArrayList<>();
        Set<Integer> ports = new HashSet<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                UdpCapture capture = UdpCapture.open(options(4096));
                open.add(capture);
                assertThat(ports.add(capture.port())).as("socket %d got port %d, already taken", i, capture.port())
                        .isTrue();
            }
        } finally {
            open.forEach(UdpCapture::close);
        }
    }

    /** Two captures cannot bind one port even when asked for it explicitly. */
    @Test
    void aSecondCaptureCannotTakeAPortInUse() {
        try (UdpCapture first = UdpCapture.open(options(4096))) {
            assertThatThrownBy(() -> UdpCapture.open(new UdpCapture.Options("127.0.0.1", first.port(),
                    Optional.empty(), 4096, false, 8))).isInstanceOf(BenchPartUnreachableException.class)
                    .hasMessageContaining("Address already in use");
        }
    }

    private static UdpCapture.Options options(int bufferBytes) {
        return new UdpCapture.Options("127.0.0.1", 0, Optional.empty(), bufferBytes, false, 32);
    }
}
