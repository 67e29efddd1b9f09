package io.timesync.hil.sensor;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.timesync.hil.BenchPartUnreachableException;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A UDP socket read through libc with kernel receive timestamps: {@code SO_TIMESTAMPNS} (software,
 * CLOCK_REALTIME) or {@code SO_TIMESTAMPING} (adds the raw hardware stamp: the NIC's own clock),
 * {@code SO_RXQ_OVFL} so datagrams the kernel dropped are counted, a large receive buffer, and batches of
 * {@code recvmmsg} after a bounded {@code poll} (recvmmsg's own timeout only applies once a datagram came).
 * Not thread-safe: one reader thread per capture.
 */
public final class UdpCapture implements AutoCloseable {
    private static final int MMSGHDR_BYTES = 64;
    private static final int IOVEC_BYTES = 16;
    private static final int SOCKADDR_IN_BYTES = 16;
    private static final int DATAGRAM_BYTES = 65536;
    private static final int CONTROL_BYTES = 256;

    /**
     * @param bindAddress         IPv4 address to bind (0.0.0.0: all)
     * @param port                0: any free port (see {@link #port()})
     * @param bindInterface       also restrict to this interface (SO_BINDTODEVICE)
     * @param receiveBufferBytes  requested socket receive buffer
     * @param hardwareTimestamps  also ask for raw hardware receive timestamps (the NIC clock)
     * @param batch               datagrams per recvmmsg
     */
    public record Options(String bindAddress, int port, Optional<String> bindInterface, int receiveBufferBytes,
                          boolean hardwareTimestamps, int batch) {
    }

    /**
     * One received datagram.
     *
     * @param softwareReceiveNs kernel receive time, CLOCK_REALTIME (UTC) ns
     * @param hardwareReceiveNs the NIC's raw hardware receive time, 0 when the NIC gave none
     * @param truncated         longer than the capture buffer: only {@code length} bytes were kept
     * @param bytes             the payload, little-endian, valid only during the sink call
     */
    public record Datagram(int sourceAddress, int sourcePort, long softwareReceiveNs, long hardwareReceiveNs,
                           int length, boolean truncated, ByteBuffer bytes) {

        public String source() {
            return ((sourceAddress >>> 24) & 0xFF) + "." + ((sourceAddress >>> 16) & 0xFF) + "."
                    + ((sourceAddress >>> 8) & 0xFF) + "." + (sourceAddress & 0xFF) + ":" + sourcePort;
        }
    }

    private final int fd;
    private final int port;
    private final int receiveBufferBytes;
    private final int batch;
    private final String description;
    private final Memory messages;
    private final Memory iovecs;
    private final Memory names;
    private final Memory controls;
    private final Memory data;
    /** One view per slot, made once: JNA registers every buffer getByteBuffer returns in a global map, whose
     *  rehashing stalled a per-datagram call for 100-350 ms at high rates. */
    private final ByteBuffer[] views;
    private final Memory pollfd = new Memory(8);
    private long kernelDrops;
    private boolean closed;

    private UdpCapture(int fd, int port, int receiveBufferBytes, int batch, String description) {
        this.fd = fd;
        this.port = port;
        this.receiveBufferBytes = receiveBufferBytes;
        this.batch = batch;
        this.description = description;
        this.messages = new Memory((long) batch * MMSGHDR_BYTES);
        this.iovecs = new Memory((long) batch * IOVEC_BYTES);
        this.names = new Memory((long) batch * SOCKADDR_IN_BYTES);
        this.controls = new Memory((long) batch * CONTROL_BYTES);
        this.data = new Memory((long) batch * DATAGRAM_BYTES);
        this.views = new ByteBuffer[batch];
        ByteBuffer all = data.getByteBuffer(0, (long) batch * DATAGRAM_BYTES);
        for (int i = 0; i < batch; i++) {
            views[i] = all.slice(i * DATAGRAM_BYTES, DATAGRAM_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        messages.clear();
        for (int i = 0; i < batch; i++) {
            iovecs.setPointer((long) i * IOVEC_BYTES, data.share((long) i * DATAGRAM_BYTES));
            iovecs.setLong((long) i * IOVEC_BYTES + 8, DATAGRAM_BYTES);
            long message = (long) i * MMSGHDR_BYTES;
            messages.setPointer(message, names.share((long) i * SOCKADDR_IN_BYTES));
            messages.setPointer(message + 16, iovecs.share((long) i * IOVEC_BYTES));
            messages.setLong(message + 24, 1);
            messages.setPointer(message + 32, controls.share((long) i * CONTROL_BYTES));
            resetHeader(i);
        }
        pollfd.setInt(0, fd);
        pollfd.setShort(4, LibC.POLLIN);
    }

    public static UdpCapture open(Options options) {
        String description = describe(options, options.port());
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure(description, "socket() failed", Native.getLastError(), "check the process's file limits");
        }
        try {
            // no SO_REUSEADDR: a capture socket owns its port (with it, two port-0 sockets could share one)
            options.bindInterface().ifPresent(name -> bindToDevice(fd, name, description));
            // SO_RCVBUFFORCE passes net.core.rmem_max, with CAP_NET_ADMIN; else SO_RCVBUF, capped by it
            if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, intValue(options.receiveBufferBytes()), 4)
                    != 0) {
                setInt(fd, LibC.SO_RCVBUF, options.receiveBufferBytes(), description);
            }
            if (options.hardwareTimestamps()) {
                setInt(fd, LibC.SO_TIMESTAMPING, LibC.SOF_TIMESTAMPING_RX_HARDWARE | LibC.SOF_TIMESTAMPING_RAW_HARDWARE
                        | LibC.SOF_TIMESTAMPING_RX_SOFTWARE | LibC.SOF_TIMESTAMPING_SOFTWARE, description);
            } else {
                setInt(fd, LibC.SO_TIMESTAMPNS, 1, description);
            }
            setInt(fd, LibC.SO_RXQ_OVFL, 1, description);
            Memory address = sockaddr(options.bindAddress(), options.port(), description);
            if (LibC.bind(fd, address, SOCKADDR_IN_BYTES) != 0) {
                throw failure(description, "bind() failed", Native.getLastError(), "another program (a sensor "
                        + "driver, a previous run) may hold the port: stop it, or configure another port");
            }
            Memory bound = new Memory(SOCKADDR_IN_BYTES);
            Memory length = intValue(SOCKADDR_IN_BYTES);
            LibC.getsockname(fd, bound, length);
            int port = ((bound.getByte(2) & 0xFF) << 8) | (bound.getByte(3) & 0xFF);
            Memory buffer = intValue(0);
            LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, buffer, intValue(4));
            return new UdpCapture(fd, port, buffer.getInt(0), options.batch(), describe(options, port));
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** The bound port (the one the kernel chose when 0 was asked). */
    public int port() {
        return port;
    }

    /** The receive buffer the kernel granted (it reports twice the usable size). */
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    /**
     * Datagrams the kernel dropped because the receive buffer was full, since the socket was opened: the
     * larger of what SO_RXQ_OVFL last reported (it rides on the next queued datagram, so a final burst of
     * drops would go unseen) and the socket's drops column in /proc/net/udp.
     */
    public long kernelDrops() {
        return Math.max(kernelDrops, procNetUdpDrops().orElse(0L));
    }

    /**
     * Waits up to {@code timeoutNs} for datagrams and hands every one of the batch to {@code sink}.
     *
     * @return datagrams received (0 on timeout)
     */
    public int receive(long timeoutNs, Consumer<Datagram> sink) {
        int ready = LibC.poll(pollfd, 1, (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(timeoutNs + 999_999)));
        if (ready <= 0) {
            int errno = Native.getLastError();
            if (ready < 0 && errno != LibC.EINTR) {
                throw failure(description, "poll() failed", errno, "check the socket");
            }
            return 0;
        }
        int count = LibC.recvmmsg(fd, messages, batch, LibC.MSG_DONTWAIT, null);
        if (count < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                return 0;
            }
            throw failure(description, "recvmmsg() failed", errno, "check the socket");
        }
        for (int i = 0; i < count; i++) {
            sink.accept(datagram(i));
            resetHeader(i);
        }
        return count;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private Datagram datagram(int index) {
        long message = (long) index * MMSGHDR_BYTES;
        int length = messages.getInt(message + 56);
        int flags = messages.getInt(message + 48);
        long controlLength = messages.getLong(message + 40);
        long control = (long) index * CONTROL_BYTES;
        long softwareNs = 0;
        long hardwareNs = 0;
        for (long offset = 0; offset + 16 <= controlLength; ) {
            long cmsgLength = controls.getLong(control + offset);
            if (cmsgLength < 16) {
                break;
            }
            int level = controls.getInt(control + offset + 8);
            int type = controls.getInt(control + offset + 12);
            long value = control + offset + 16;
            if (level == LibC.SOL_SOCKET && type == LibC.SO_TIMESTAMPNS) {
                softwareNs = timespecNs(value);
            } else if (level == LibC.SOL_SOCKET && type == LibC.SO_TIMESTAMPING) {
                softwareNs = timespecNs(value);
                hardwareNs = timespecNs(value + 32);
            } else if (level == LibC.SOL_SOCKET && type == LibC.SO_RXQ_OVFL) {
                kernelDrops = Integer.toUnsignedLong(controls.getInt(value));
            }
            offset += (cmsgLength + 7) & ~7L;
        }
        long name = (long) index * SOCKADDR_IN_BYTES;
        int sourcePort = ((names.getByte(name + 2) & 0xFF) << 8) | (names.getByte(name + 3) & 0xFF);
        int sourceAddress = ((names.getByte(name + 4) & 0xFF) << 24) | ((names.getByte(name + 5) & 0xFF) << 16)
                | ((names.getByte(name + 6) & 0xFF) << 8) | (names.getByte(name + 7) & 0xFF);
        ByteBuffer bytes = views[index].clear().limit(Math.min(length, DATAGRAM_BYTES));
        return new Datagram(sourceAddress, sourcePort, softwareNs, hardwareNs, length,
                (flags & (LibC.MSG_TRUNC | LibC.MSG_CTRUNC)) != 0, bytes);
    }

    private Optional<Long> procNetUdpDrops() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString(); // socket:[inode]
            String inode = link.substring(link.indexOf('[') + 1, link.indexOf(']'));
            try (Stream<String> lines = Files.lines(Path.of("/proc/net/udp"))) {
                return lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(columns -> columns.length >= 13 && columns[9].equals(inode))
                        .map(columns -> Long.parseLong(columns[columns.length - 1])).findFirst();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux procfs: SO_RXQ_OVFL alone
        }
    }

    private long timespecNs(long offset) {
        return controls.getLong(offset) * 1_000_000_000L + controls.getLong(offset + 8);
    }

    /** The kernel rewrites name and control lengths and flags on every receive. */
    private void resetHeader(int index) {
        long message = (long) index * MMSGHDR_BYTES;
        messages.setInt(message + 8, SOCKADDR_IN_BYTES);
        messages.setLong(message + 40, CONTROL_BYTES);
        messages.setInt(message + 48, 0);
    }

    private static void setInt(int fd, int option, int value, String description) {
        if (LibC.setsockopt(fd, LibC.SOL_SOCKET, option, intValue(value), 4) != 0) {
            throw failure(description, "setsockopt(" + option + ") failed", Native.getLastError(),
                    "the kernel refused a socket option the capture needs");
        }
    }

    private static void bindToDevice(int fd, String name, String description) {
        byte[] bytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        Memory value = new Memory(bytes.length);
        value.write(0, bytes, 0, bytes.length);
        if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, value, bytes.length) != 0) {
            throw failure(description, "cannot bind to interface " + name, Native.getLastError(),
                    "check the interface name (ip link); binding to a device needs CAP_NET_RAW on older kernels");
        }
    }

    private static Memory sockaddr(String address, int port, String description) {
        byte[] ip;
        try {
            InetAddress resolved = InetAddress.getByName(address);
            if (!(resolved instanceof Inet4Address)) {
                throw new BenchPartUnreachableException(description, address + " is not an IPv4 address",
                        "Ouster sensors send UDP over IPv4: give an IPv4 bind address");
            }
            ip = resolved.getAddress();
        } catch (UnknownHostException e) {
            throw new BenchPartUnreachableException(description, "unknown bind address " + address,
                    "give an IPv4 address of this host, or 0.0.0.0", e);
        }
        Memory sockaddr = new Memory(SOCKADDR_IN_BYTES);
        sockaddr.clear();
        sockaddr.setShort(0, (short) LibC.AF_INET);
        sockaddr.setByte(2, (byte) (port >>> 8));
        sockaddr.setByte(3, (byte) port);
        sockaddr.write(4, ip, 0, 4);
        return sockaddr;
    }

    private static String describe(Options options, int port) {
        return "UDP " + options.bindAddress() + ":" + port + options.bindInterface().map(name -> " on " + name).orElse("");
    }

    private static Memory intValue(int value) {
        Memory memory = new Memory(4);
        memory.setInt(0, value);
        return memory;
    }

    private static BenchPartUnreachableException failure(String description, String what, int errno, String hint) {
        return new BenchPartUnreachableException("packet capture (" + description + ")",
                what + ": " + LibC.strerror(errno) + " (errno " + errno + ")", hint);
    }
}
