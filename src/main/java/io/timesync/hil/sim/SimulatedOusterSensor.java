package io.timesync.hil.sim;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An Ouster sensor following the host's grandmaster, on loopback: real-format lidar packets at the mode's rate
 * (1024x10: 640 packets/s) and IMU packets (100/s). Each packet is stamped from the host clock as it is actually
 * sent (its last column, or its newest IMU sample, a modelled pipeline delay before it): a sender descheduled by
 * a loaded host sends later but never stamps a packet it has not yet sent, so only injected faults make packets
 * late or early. The IMU's own monotonic clock (LEGACY sys_ts) ticks on the sensor's schedule. A JVM busy with
 * other work still stalls its threads now and then (safepoints): the simulated bench runs its sensors in a process
 * of their own ({@link SimulatedSensorProcess}). Faults: see {@link SensorFault}.
 */
public final class SimulatedOusterSensor implements AutoCloseable {
    private static final long TAI_UTC_OFFSET_NS = TimeUnit.SECONDS.toNanos(SimulatedPtp4lDatasets.TAI_UTC_OFFSET_S);
    /** From the last column's measurement to the packet leaving the sensor. */
    static final long SEND_DELAY_NS = 30_000;
    /** The gyroscope is sampled a little after the accelerometer, as a real IMU reports them. */
    static final long GYRO_AFTER_ACCEL_NS = 1_200;
    private static final long UPTIME_AT_START_NS = TimeUnit.MINUTES.toNanos(2);
    private static final int MALFORMED_EVERY = 10;
    private static final int REORDER_EVERY = 50;
    /** Packets written, not sent, before the schedule starts: a cold JIT sent the first ones 3-11 ms late. */
    private static final int WARM_UP_PACKETS = 2_000;

    /**
     * @param framesPerSecond      the lidar mode's rate (10 in 1024x10)
     * @param imuPacketsPerSecond  IMU packet rate (100 on Ouster sensors)
     */
    public record Settings(LidarPacketFormat lidar, int framesPerSecond, ImuPacketFormat imu, int imuPacketsPerSecond,
                           List<SensorFault> faults) {
        public Settings {
            faults = List.copyOf(faults);
        }

        boolean has(SensorFault.Kind kind) {
            return Faults.has(faults, kind);
        }

        long amount(SensorFault.Kind kind) {
            return Faults.amount(faults, kind);
        }
    }

    private final Settings settings;
    private final List<InetSocketAddress> lidarTargets;
    private final List<InetSocketAddress> imuTargets;
    private final HostClock clock;
    private final DatagramChannel channel;
    private final OusterPacketWriter writer;
    private final Thread sender;
    private final AtomicLong lidarPacketsSent = new AtomicLong();
    private final AtomicLong imuPacketsSent = new AtomicLong();
    private final long startUtcNs;
    // the faults, resolved once: a send does only arithmetic between its clock read and the socket
    private final long stampShiftNs;
    private final boolean internalOscillator;
    private final long gyroLateNs;
    private final long lossPercent;
    private final boolean malformed;
    private final boolean reorder;
    private final long[] columns = new long[LidarPacketFormat.COLUMNS_PER_PACKET];
    private final long[] imuSamples;
    /** When the newest measurement of the packet before was sampled (host UTC): the next one's follow on from it. */
    private long lastMeasuredUtcNs = Long.MIN_VALUE;
    private final CountDownLatch started = new CountDownLatch(1);
    private final boolean realTime;
    private ByteBuffer heldBack;
    private volatile boolean running = true;

    private SimulatedOusterSensor(Settings settings, InetSocketAddress source, List<InetSocketAddress> lidarTargets,
                                  List<InetSocketAddress> imuTargets, HostClock clock, boolean realTime)
            throws IOException {
        this.settings = settings;
        this.realTime = realTime;
        this.lidarTargets = List.copyOf(lidarTargets);
        this.imuTargets = List.copyOf(imuTargets);
        this.clock = clock;
        this.channel = DatagramChannel.open().bind(source);
        this.writer = new OusterPacketWriter(settings.lidar(), settings.imu(), 0x2A1B0C, 992_211_000_123L);
        this.imuSamples = new long[settings.imu().measurementsPerPacket()];
        this.startUtcNs = clock.nowNs();
        this.stampShiftNs = settings.amount(SensorFault.Kind.FUTURE) - settings.amount(SensorFault.Kind.LATE);
        this.internalOscillator = settings.has(SensorFault.Kind.INTERNAL_OSCILLATOR);
        this.gyroLateNs = settings.amount(SensorFault.Kind.GYRO_LATE);
        this.lossPercent = settings.amount(SensorFault.Kind.LOSS);
        this.malformed = settings.has(SensorFault.Kind.MALFORMED);
        this.reorder = settings.has(SensorFault.Kind.REORDER);
        this.sender = new Thread(this::send, "simulated-ouster-sensor");
        this.sender.setDaemon(true);
    }

    /** The sender has warmed up and keeps its schedule from now on (waited for at most {@code timeoutNs}). */
    public boolean awaitSending(long timeoutNs) {
        try {
            return started.await(timeoutNs, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends from 127.0.0.1 each packet to every target (a second target lets another receiver see them too). */
    public static SimulatedOusterSensor start(Settings settings, List<InetSocketAddress> lidarTargets,
                                              List<InetSocketAddress> imuTargets, HostClock clock) {
        return start(settings, new InetSocketAddress("127.0.0.1", 0), lidarTargets, imuTargets, clock);
    }

    /** @param source the loopback address (and port, 0: any) the sensor sends from */
    public static SimulatedOusterSensor start(Settings settings, InetSocketAddress source,
                                              List<InetSocketAddress> lidarTargets, List<InetSocketAddress> imuTargets,
                                              HostClock clock) {
        return start(settings, source, lidarTargets, imuTargets, clock, false);
    }

    /** @param realTime once warmed up, the sender raises itself above the JVM's threads (a process of its own) */
    static SimulatedOusterSensor start(Settings settings, InetSocketAddress source, List<InetSocketAddress> lidarTargets,
                                       List<InetSocketAddress> imuTargets, HostClock clock, boolean realTime) {
        try {
            SimulatedOusterSensor sensor = new SimulatedOusterSensor(settings, source, lidarTargets, imuTargets, clock,
                    realTime);
            sensor.sender.start();
            return sensor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the simulated sensor's socket on " + source, e);
        }
    }

    /** The address packets come from. */
    public InetSocketAddress source() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long lidarPacketsSent() {
        return lidarPacketsSent.get();
    }

    public long imuPacketsSent() {
        return imuPacketsSent.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            sender.join(2_000);
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send() {
        if (settings.has(SensorFault.Kind.SILENT)) {
            started.countDown();
            return;
        }
        long columnPeriodNs = 1_000_000_000L / ((long) settings.framesPerSecond() * settings.lidar().columnsPerFrame());
        long lidarPeriodNs = LidarPacketFormat.COLUMNS_PER_PACKET * columnPeriodNs;
        long imuPeriodNs = 1_000_000_000L / settings.imuPacketsPerSecond();
        for (int packet = 0; packet < WARM_UP_PACKETS && running; packet++) {
            writer.stamp(writer.lidarPacket(0, 0), columns);
        }
        if (realTime) {
            RealTimePriority.tryForThisThread(RealTimePriority.SENDER);
        }
        started.countDown();
        long startNanoTime = System.nanoTime();
        long stopNanoTime = settings.has(SensorFault.Kind.STOP_AFTER)
                ? startNanoTime + settings.amount(SensorFault.Kind.STOP_AFTER) : Long.MAX_VALUE;
        long lidarPackets = 0;
        long imuPackets = 0;
        try {
            while (running) {
                long lidarDueNanoTime = startNanoTime + (lidarPackets + 1) * lidarPeriodNs;
                long imuDueNanoTime = startNanoTime + (imuPackets + 1) * imuPeriodNs;
                long dueNanoTime = Math.min(lidarDueNanoTime, imuDueNanoTime);
                for (long waitNs = dueNanoTime - System.nanoTime(); waitNs > 0 && running;
                     waitNs = dueNanoTime - System.nanoTime()) {
                    LockSupport.parkNanos(waitNs); // the sensor's own pace
                }
                if (dueNanoTime >= stopNanoTime) {
                    return; // the stopAfter fault: silent from now on
                }
                if (lidarDueNanoTime <= imuDueNanoTime) {
                    sendLidar(lidarPackets++, columnPeriodNs);
                } else {
                    sendImu(imuPackets++, imuDueNanoTime - startNanoTime, imuPeriodNs);
                }
            }
        } catch (AsynchronousCloseException closed) {
            // close() ends the sender
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated sensor cannot send", e);
        }
    }

    private void sendLidar(long index, long columnPeriodNs) throws IOException {
        int packetsPerFrame = settings.lidar().packetsPerFrame();
        ByteBuffer packet = writer.lidarPacket((int) (index / packetsPerFrame) & 0xFFFF,
                (int) (index % packetsPerFrame) * LidarPacketFormat.COLUMNS_PER_PACKET);
        // stamped last, right before it leaves: its last column was measured SEND_DELAY_NS ago
        long lastColumnUtcNs = clock.nowNs() - SEND_DELAY_NS;
        for (int column = 0; column < columns.length; column++) {
            columns[column] = sensorTime(lastColumnUtcNs - (columns.length - 1 - column) * columnPeriodNs);
        }
        if (transmit(index, writer.stamp(packet, columns), lidarTargets)) {
            lidarPacketsSent.incrementAndGet();
        }
    }

    /** @param sinceStartNs when the sample was due on the sensor's own schedule: its monotonic clock */
    private void sendImu(long index, long sinceStartNs, long imuPeriodNs) throws IOException {
        ByteBuffer packet;
        long sampledUtcNs = clock.nowNs() - SEND_DELAY_NS;
        if (settings.imu().profile() == ImuProfile.LEGACY) {
            long accelNs = sensorTime(sampledUtcNs);
            packet = writer.legacyImuPacket(UPTIME_AT_START_NS + sinceStartNs, accelNs,
                    accelNs + GYRO_AFTER_ACCEL_NS - gyroLateNs);
        } else {
            // the measurements since the packet before, the newest just sampled: a sender held up for a while packs
            // the measurements it owes into one packet, spread over the time it was held up, and misses none
            int count = settings.imu().measurementsPerPacket();
            long stepNs = imuPeriodNs / count;
            long firstUtcNs = lastMeasuredUtcNs == Long.MIN_VALUE ? sampledUtcNs - (count - 1) * stepNs
                    : Math.min(lastMeasuredUtcNs + stepNs, sampledUtcNs);
            for (int i = 0; i < count; i++) {
                imuSamples[i] = sensorTime(firstUtcNs + (sampledUtcNs - firstUtcNs) * i / Math.max(1, count - 1));
            }
            lastMeasuredUtcNs = sampledUtcNs;
            packet = writer.measurementImuPacket((int) (index / 10) & 0xFFFF, 0, imuSamples);
        }
        if (transmit(index, packet, imuTargets)) {
            imuPacketsSent.incrementAndGet();
        }
    }

    /** TAI, as the sensor stamps in PTP mode; from power-up when it runs on its internal oscillator. */
    private long sensorTime(long utcNs) {
        if (internalOscillator) {
            return UPTIME_AT_START_NS + (utcNs - startUtcNs);
        }
        return utcNs + TAI_UTC_OFFSET_NS + stampShiftNs;
    }

    /** @return whether the packet was sent now (a loss fault drops some; a reorder fault holds one back) */
    private boolean transmit(long index, ByteBuffer packet, List<InetSocketAddress> targets) throws IOException {
        if (lossPercent > 0 && index % Math.max(2, 100 / lossPercent) == 1) {
            return false;
        }
        ByteBuffer bytes = malformed && index % MALFORMED_EVERY == 5
                ? ByteBuffer.wrap(Arrays.copyOf(packet.array(), packet.limit() + 7)) : packet;
        if (reorder && targets == lidarTargets && index % REORDER_EVERY == REORDER_EVERY - 1) {
            heldBack = ByteBuffer.wrap(Arrays.copyOf(bytes.array(), bytes.limit())); // overtaken by the next
            return true;
        }
        sendTo(targets, bytes);
        if (heldBack != null && targets == lidarTargets) {
            sendTo(targets, heldBack);
            heldBack = null;
        }
        return true;
    }

    private void sendTo(List<InetSocketAddress> targets, ByteBuffer bytes) throws IOException {
        for (InetSocketAddress target : targets) {
            channel.send(bytes.position(0), target);
        }
    }
}
