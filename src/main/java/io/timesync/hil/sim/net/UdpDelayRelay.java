package io.timesync.hil.sim.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A user-space UDP relay that puts delay and jitter on a path (for kernels without netem). It listens on a front
 * address; each client's datagrams go to the back address from a socket of that client's own (so the back sees
 * one source per client, as it would see the clients themselves), and the back's replies go to the client from
 * the front socket, so to the client the relay looks like the back.
 *
 * <p>Each direction delays every datagram by its {@link PathDelay} and keeps order: a datagram is never released
 * before the one ahead of it in the same direction. One thread receives; a scheduler thread releases datagrams
 * when due (a parkNanos loop against System.nanoTime). Queues and the number of clients are bounded: what does
 * not fit is dropped and counted, as a network would drop it.
 */
public final class UdpDelayRelay implements AutoCloseable {

    public enum Direction {
        /** client to back */
        REQUEST,
        /** back to client */
        REPLY
    }

    public static final int DEFAULT_QUEUE_CAPACITY = 4_096;
    public static final int MAX_CLIENTS = 256;
    private static final int MAX_DATAGRAM_BYTES = 65_535;
    private static final long SELECT_BOUND_MS = 100;
    private static final long IDLE_PARK_NS = 10_000_000;
    private static final long JOIN_BOUND_MS = 2_000;

    private record Pending(Direction direction, InetSocketAddress client, byte[] bytes, long dueNanoTime) {
    }

    private final InetSocketAddress back;
    private final int queueCapacity;
    private final Map<Direction, PathDelay> delays = new EnumMap<>(Direction.class);
    private final Map<Direction, SplittableRandom> jitter = new EnumMap<>(Direction.class);
    private final DatagramChannel front;
    private final Selector selector;
    private final Map<InetSocketAddress, DatagramChannel> clientChannels = new HashMap<>();
    private final Map<Direction, ArrayDeque<Pending>> queues = new EnumMap<>(Direction.class);
    private final Map<Direction, Long> lastDueNanoTime = new EnumMap<>(Direction.class);
    private final Map<Direction, AtomicLong> forwarded = new EnumMap<>(Direction.class);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread receiver;
    private final Thread scheduler;
    private volatile boolean running = true;

    private UdpDelayRelay(InetSocketAddress frontAddress, InetSocketAddress back, PathDelay request, PathDelay reply,
                          long seed, int queueCapacity) throws IOException {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive: " + queueCapacity);
        }
        this.back = back;
        this.queueCapacity = queueCapacity;
        delays.put(Direction.REQUEST, request);
        delays.put(Direction.REPLY, reply);
        jitter.put(Direction.REQUEST, new SplittableRandom(seed));
        jitter.put(Direction.REPLY, new SplittableRandom(seed ^ 0x5DEECE66DL));
        for (Direction direction : Direction.values()) {
            queues.put(direction, new ArrayDeque<>());
            lastDueNanoTime.put(direction, Long.MIN_VALUE);
            forwarded.put(direction, new AtomicLong());
        }
        this.selector = Selector.open();
        this.front = DatagramChannel.open();
        try {
            front.bind(frontAddress);
            front.configureBlocking(false);
            front.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            front.close();
            selector.close();
            throw e;
        }
        String name = "udp-delay-relay " + front.getLocalAddress();
        this.receiver = new Thread(this::receive, name + " receiver");
        this.scheduler = new Thread(this::release, name + " scheduler");
        receiver.setDaemon(true);
        scheduler.setDaemon(true);
    }

    /**
     * Relays between clients of {@code front} (port 0: any free port) and {@code back}.
     *
     * @param seed seeds the jitter of both directions
     * @throws UncheckedIOException when the front address cannot be bound
     */
    public static UdpDelayRelay start(InetSocketAddress front, InetSocketAddress back, PathDelay request,
                                      PathDelay reply, long seed) {
        return start(front, back, request, reply, seed, DEFAULT_QUEUE_CAPACITY);
    }

    /** @param queueCapacity datagrams each direction holds; more are dropped */
    public static UdpDelayRelay start(InetSocketAddress front, InetSocketAddress back, PathDelay request,
                                      PathDelay reply, long seed, int queueCapacity) {
        try {
            UdpDelayRelay relay = new UdpDelayRelay(front, back, request, reply, seed, queueCapacity);
            relay.receiver.start();
            relay.scheduler.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the UDP delay relay to " + front, e);
        }
    }

    public InetSocketAddress frontAddress() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("the relay's front socket is closed", e);
        }
    }

    public InetSocketAddress backAddress() {
        return back;
    }

    public long forwarded(Direction direction) {
        return forwarded.get(direction).get();
    }

    /** Datagrams dropped: queue full, too many clients, or a send the kernel refused. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        LockSupport.unpark(scheduler);
        try {
            receiver.join(JOIN_BOUND_MS);
            scheduler.join(JOIN_BOUND_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
        try {
            front.close();
        } catch (IOException ignored) {
            // closing
        }
        synchronized (clientChannels) {
            for (DatagramChannel channel : clientChannels.values()) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    // ---- receiver thread ----

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM_BYTES);
        try {
            while (running) {
                selector.select(SELECT_BOUND_MS);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    InetSocketAddress client = (InetSocketAddress) key.attachment();
                    for (SocketAddress from = read(channel, buffer); from != null; from = read(channel, buffer)) {
                        byte[] bytes = new byte[buffer.position()];
                        buffer.flip().get(bytes);
                        if (client == null) {
                            enqueue(Direction.REQUEST, (InetSocketAddress) from, bytes);
                        } else {
                            enqueue(Direction.REPLY, client, bytes);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (ClosedSelectorException | IOException e) {
            if (running) {
                throw new IllegalStateException("UDP delay relay " + frontAddress() + " failed", e);
            }
        }
    }

    private static SocketAddress read(DatagramChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear();
        return channel.receive(buffer);
    }

    private void enqueue(Direction direction, InetSocketAddress client, byte[] bytes) throws IOException {
        long arrivalNanoTime = System.nanoTime();
        if (direction == Direction.REQUEST && channelOf(client) == null) {
            dropped.incrementAndGet(); // too many clients
            return;
        }
        PathDelay delay = delays.get(direction);
        long jitterNs = delay.jitterNs() == 0 ? 0 : jitter.get(direction).nextLong(delay.jitterNs() + 1);
        synchronized (queues) {
            ArrayDeque<Pending> queue = queues.get(direction);
            if (queue.size() >= queueCapacity) {
                dropped.incrementAndGet();
                return;
            }
            // FIFO: never due before the datagram ahead of it
            long dueNanoTime = arrivalNanoTime + delay.baseNs() + jitterNs;
            long ahead = lastDueNanoTime.get(direction);
            if (ahead != Long.MIN_VALUE && dueNanoTime - ahead < 0) {
                dueNanoTime = ahead;
            }
            lastDueNanoTime.put(direction, dueNanoTime);
            queue.addLast(new Pending(direction, client, bytes, dueNanoTime));
        }
        LockSupport.unpark(scheduler);
    }

    /** The client's own socket towards the back, opened at its first datagram; null beyond MAX_CLIENTS. */
    private DatagramChannel channelOf(InetSocketAddress client) throws IOException {
        synchronized (clientChannels) {
            DatagramChannel channel = clientChannels.get(client);
            if (channel == null && clientChannels.size() < MAX_CLIENTS) {
                channel = DatagramChannel.open();
                channel.bind(new InetSocketAddress(0));
                channel.connect(back); // hears only the back
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, client);
                clientChannels.put(client, channel);
            }
            return channel;
        }
    }

    // ---- scheduler thread ----

    private void release() {
        while (running) {
            Pending next = earliestHead();
            if (next == null) {
                LockSupport.parkNanos(this, IDLE_PARK_NS);
                continue;
            }
            long waitNs = next.dueNanoTime() - System.nanoTime();
            if (waitNs > 0) {
                LockSupport.parkNanos(this, waitNs);
                continue; // re-check: an earlier datagram of the other direction may have come in
            }
            synchronized (queues) {
                queues.get(next.direction()).pollFirst();
            }
            send(next);
        }
    }

    private Pending earliestHead() {
        synchronized (queues) {
            Pending request = queues.get(Direction.REQUEST).peekFirst();
            Pending reply = queues.get(Direction.REPLY).peekFirst();
            if (request == null || reply == null) {
                return request == null ? reply : request;
            }
            return reply.dueNanoTime() - request.dueNanoTime() < 0 ? reply : request;
        }
    }

    private void send(Pending pending) {
        try {
            int sent;
            if (pending.direction() == Direction.REQUEST) {
                DatagramChannel channel;
                synchronized (clientChannels) {
                    channel = clientChannels.get(pending.client());
                }
                sent = channel.write(ByteBuffer.wrap(pending.bytes()));
            } else {
                sent = front.send(ByteBuffer.wrap(pending.bytes()), pending.client());
            }
            if (sent == pending.bytes().length) {
                forwarded.get(pending.direction()).incrementAndGet();
            } else {
                dropped.incrementAndGet(); // the kernel's send buffer was full
            }
        } catch (IOException e) {
            // e.g. the back refused (ICMP port unreachable on a connected socket): lost, as on a network
            dropped.incrementAndGet();
        }
    }
}
