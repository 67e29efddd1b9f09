package io.timesync.hil.sim.gige;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A minimal GVCP client on a raw DatagramSocket, written from the packet layouts (aravis' arvgvcp.c, Wireshark's
 * GVCP dissector) independently of the device's code: it builds commands byte by byte and reads acknowledges.
 */
final class GvcpTestClient implements AutoCloseable {
    /** Generous: the answer of a loaded 2-core machine may take long; only missing answers wait this long. */
    static final int ANSWER_TIMEOUT_MS = 10_000;

    /** One acknowledge as received. */
    record Ack(int status, int ackId, int length, int requestId, byte[] payload) {
        static Ack parse(byte[] datagram) {
            ByteBuffer in = ByteBuffer.wrap(datagram);
            int length = in.getShort(4) & 0xFFFF;
            return new Ack(in.getShort(0) & 0xFFFF, in.getShort(2) & 0xFFFF, length, in.getShort(6) & 0xFFFF,
                    Arrays.copyOfRange(datagram, 8, datagram.length));
        }

        int int32(int offset) {
            return ByteBuffer.wrap(payload).getInt(offset);
        }

        String string(int offset, int length) {
            byte[] bytes = Arrays.copyOfRange(payload, offset, offset + length);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress device;
    private int requestId = 1;

    GvcpTestClient(InetSocketAddress device) {
        this.device = device;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    Ack discovery() {
        return request(0x0002, new byte[0]);
    }

    Ack readRegister(long... addresses) {
        ByteBuffer payload = ByteBuffer.allocate(4 * addresses.length);
        for (long address : addresses) {
            payload.putInt((int) address);
        }
        return request(0x0080, payload.array());
    }

    Ack writeRegister(long address, int value) {
        return request(0x0082, ByteBuffer.allocate(8).putInt((int) address).putInt(value).array());
    }

    Ack readMemory(long address, int count) {
        return request(0x0084, ByteBuffer.allocate(8).putInt((int) address).putShort((short) 0)
                .putShort((short) count).array());
    }

    Ack writeMemory(long address, byte[] data) {
        return request(0x0086, ByteBuffer.allocate(4 + data.length).putInt((int) address).put(data).array());
    }

    /** Takes the control channel privilege (control access). */
    void takeControl() {
        Ack ack = writeRegister(0x0A00, 0x2);
        if (ack.status() != 0) {
            throw new IllegalStateException("control refused: " + Gvcp.statusName(ack.status()));
        }
    }

    /** Sends one command (ack required) and returns its final acknowledge. */
    Ack request(int command, byte[] payload) {
        List<Ack> acks = exchange(command, payload, nextRequestId());
        return acks.get(acks.size() - 1);
    }

    int nextRequestId() {
        int id = requestId;
        requestId = requestId == 0xFFFF ? 1 : requestId + 1;
        return id;
    }

    /** Sends a command with {@code id}; what came back for it up to the final acknowledge (PENDING_ACKs first). */
    List<Ack> exchange(int command, byte[] payload, int id) {
        send(command, payload, id, 0x01);
        List<Ack> acks = new ArrayList<>();
        while (true) {
            Ack ack = receive().orElseThrow(() -> new AssertionError("no answer to command 0x"
                    + Integer.toHexString(command) + " id " + id + " within " + ANSWER_TIMEOUT_MS + " ms"));
            if (ack.requestId() != id) {
                continue; // a stale answer to an earlier command
            }
            acks.add(ack);
            if (ack.ackId() != 0x0089) {
                return acks;
            }
        }
    }

    void send(int command, byte[] payload, int id, int flags) {
        sendTo(device, command, payload, id, flags);
    }

    void sendTo(InetSocketAddress destination, int command, byte[] payload, int id, int flags) {
        byte[] datagram = ByteBuffer.allocate(8 + payload.length).put((byte) 0x42).put((byte) flags)
                .putShort((short) command).putShort((short) payload.length).putShort((short) id).put(payload).array();
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, destination));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void broadcast(boolean enabled) {
        try {
            socket.setBroadcast(enabled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, or empty when none comes within {@code timeoutMs}. */
    Optional<Ack> receive(int timeoutMs) {
        try {
            socket.setSoTimeout(timeoutMs);
            return receive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            } catch (IOException ignored) {
                // the socket is closed
            }
        }
    }

    private Optional<Ack> receive() {
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            return Optional.of(Ack.parse(Arrays.copyOf(buffer, packet.getLength())));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
