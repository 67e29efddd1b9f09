package io.timesync.hil.sim;

import io.timesync.hil.camera.HostClock;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An Ouster sensor following the host's grandmaster, on loopback: real-format lidar packets at the mode's rate
 * (1024x10: 640 packets/s) and IMU packets (100/s), stamped in TAI from the host clock the way the sensor
 * stamps them: a column when it is measured, the packet sent just after its last column. Faults: see
 * {@link SensorFault}.
 */
public final class SimulatedOusterSensor implements AutoCloseable {
    private static final long TAI_UTC_OFFSET_NS = TimeUnit.SECONDS.toNanos(SimulatedClock.TAI_UTC_OFFSET_S);
    /** From the last column's measurement to the packet leaving the sensor. */
    private static final long SEND_DELAY_NS = 30_000;
    private static final long UPTIME_AT_START_NS = TimeUnit.MINUTES.toNanos(2);
    private static final int MALFORMED_EVERY = 10;
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
    private volatile boolean running = true;

    private SimulatedOusterSensor(Settings settings, List<InetSocketAddress> lidarTargets,
                                  List<InetSocketAddress> imuTargets, HostClock clock) throws IOException {
        this.settings = settings;
        this.lidarTargets = List.copyOf(lidarTargets);
        this.imuTargets = List.copyOf(imuTargets);
        this.clock = clock;
        this.channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.writer = new OusterPacketWriter(settings.lidar(), settings.imu(), 0x2A1B0C, 992_211_000_123L);
        this.startUtcNs = clock.nowNs();
        this.sender = new Thread(this::send, "simulated-ouster-sensor");
        this.sender.setDaemon(true);
    }

    /** Sends each packet to every target (a second target lets another receiver see the same packets). */
    public static SimulatedOusterSensor start(Settings settings, List<InetSocketAddress> lidarTargets,
                                              List<InetSocketAddress> imuTargets, HostClock clock) {
        try {
            SimulatedOusterSensor sensor = new SimulatedOusterSensor(settings, lidarTargets, imuTargets, clock);
            sensor.sender.start();
            return sensor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the simulated sensor's socket", e);
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
            return;
        }
        long columnPeriodNs = 1_000_000_000L / ((long) settings.framesPerSecond() * settings.lidar().columnsPerFrame());
        long lidarPeriodNs = LidarPacketFormat.COLUMNS_PER_PACKET * columnPeriodNs;
        long imuPeriodNs = 1_000_000_000L / settings.imuPacketsPerSecond();
        for (int packet = 0; packet < WARM_UP_PACKETS && running; packet++) {
            writer.lidarPacket(0, 0, new long[LidarPacketFormat.COLUMNS_PER_PACKET]);
        }
        long startNanoTime = System.nanoTime();
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
                // the sensor samples on its own schedule; a late send delays the packet, not its timestamps
                long dueUtcNs = clock.nowNs() - (System.nanoTime() - dueNanoTime);
                if (lidarDueNanoTime <= imuDueNanoTime) {
                    sendLidar(lidarPackets++, dueUtcNs - SEND_DELAY_NS, columnPeriodNs);
                } else {
                    sendImu(imuPackets++, dueUtcNs - SEND_DELAY_NS, imuPeriodNs);
                }
            }
        } catch (ClosedByInterruptException closed) {
            // close() ends the sender
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated sensor cannot send", e);
        }
    }

    private void sendLidar(long index, long lastColumnUtcNs, long columnPeriodNs) throws IOException {
        long[] columns = new long[LidarPacketFormat.COLUMNS_PER_PACKET];
        for (int column = 0; column < columns.length; column++) {
            columns[column] = sensorTime(lastColumnUtcNs - (columns.length - 1 - column) * columnPeriodNs);
        }
        int packetsPerFrame = settings.lidar().packetsPerFrame();
        ByteBuffer packet = writer.lidarPacket((int) (index / packetsPerFrame) & 0xFFFF,
                (int) (index % packetsPerFrame) * LidarPacketFormat.COLUMNS_PER_PACKET, columns);
        if (transmit(index, packet, lidarTargets)) {
            lidarPacketsSent.incrementAndGet();
        }
    }

    private void sendImu(long index, long sampledUtcNs, long imuPeriodNs) throws IOException {
        ByteBuffer packet;
        if (settings.imu().profile() == ImuProfile.LEGACY) {
            long sampleNs = sensorTime(sampledUtcNs);
            packet = writer.legacyImuPacket(UPTIME_AT_START_NS + (sampledUtcNs - startUtcNs), sampleNs, sampleNs);
        } else {
            int count = settings.imu().measurementsPerPacket();
            long[] samples = new long[count];
            for (int i = 0; i < count; i++) {
                samples[i] = sensorTime(sampledUtcNs - (count - 1 - i) * imuPeriodNs / count);
            }
            packet = writer.measurementImuPacket((int) (index / 10) & 0xFFFF, 0, samples);
        }
        if (transmit(index, packet, imuTargets)) {
            imuPacketsSent.incrementAndGet();
        }
    }

    /** TAI, as the sensor stamps in PTP mode; from power-up when it runs on its internal oscillator. */
    private long sensorTime(long utcNs) {
        if (settings.has(SensorFault.Kind.INTERNAL_OSCILLATOR)) {
            return UPTIME_AT_START_NS + (utcNs - startUtcNs);
        }
        return utcNs + TAI_UTC_OFFSET_NS + settings.amount(SensorFault.Kind.FUTURE) - settings.amount(SensorFault.Kind.LATE);
    }

    /** @return whether the packet was sent (a loss fault drops some) */
    private boolean transmit(long index, ByteBuffer packet, List<InetSocketAddress> targets) throws IOException {
        long lossPercent = settings.amount(SensorFault.Kind.LOSS);
        if (lossPercent > 0 && index % Math.max(2, 100 / lossPercent) == 1) {
            return false;
        }
        ByteBuffer bytes = settings.has(SensorFault.Kind.MALFORMED) && index % MALFORMED_EVERY == 5
                ? ByteBuffer.wrap(Arrays.copyOf(packet.array(), packet.limit() + 7)) : packet;
        for (InetSocketAddress target : targets) {
            channel.send(bytes.duplicate(), target);
        }
        return true;
    }
}
