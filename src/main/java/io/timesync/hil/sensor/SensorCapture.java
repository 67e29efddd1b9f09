package io.timesync.hil.sensor;

import io.timesync.hil.camera.HostClock;
import io.timesync.hil.ptp.UtcOffset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One sensor's lidar and IMU sockets, each read by its own thread for the capture window. */
public final class SensorCapture implements AutoCloseable {
    private static final int BATCH = 64;

    private final SensorSettings sensor;
    private final UdpCapture lidarSocket;
    private final UdpCapture imuSocket;
    private final SocketReader lidarReader;
    private final SocketReader imuReader;
    private final List<Thread> threads = new ArrayList<>();
    private List<StreamResult> results;

    private SensorCapture(SensorSettings sensor, UdpCapture lidarSocket, UdpCapture imuSocket,
                          CaptureSettings settings, UtcOffset utcOffset, Path evidenceDirectory, HostClock clock) {
        this.sensor = sensor;
        this.lidarSocket = lidarSocket;
        this.imuSocket = imuSocket;
        long startNanoTime = System.nanoTime();
        long startUtcNs = clock.nowNs();
        this.lidarReader = new SocketReader(sensor, true, lidarSocket, settings, utcOffset,
                evidenceDirectory.resolve(sensor.name() + "-lidar.jsonl"), startNanoTime, startUtcNs);
        this.imuReader = new SocketReader(sensor, false, imuSocket, settings, utcOffset,
                evidenceDirectory.resolve(sensor.name() + "-imu.jsonl"), startNanoTime, startUtcNs);
        for (SocketReader reader : List.of(lidarReader, imuReader)) {
            Thread thread = new Thread(reader, "capture-" + sensor.name() + (reader == lidarReader ? "-lidar" : "-imu"));
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /** Binds both sockets and starts reading; packets logged under {@code evidenceDirectory}. */
    public static SensorCapture start(SensorSettings sensor, CaptureSettings settings, UtcOffset utcOffset,
                                      Path evidenceDirectory, HostClock clock) {
        UdpCapture lidar = UdpCapture.open(options(settings, sensor.lidarPort()));
        UdpCapture imu;
        try {
            imu = UdpCapture.open(options(settings, sensor.imuPort()));
        } catch (RuntimeException e) {
            lidar.close();
            throw e;
        }
        SensorCapture capture = new SensorCapture(sensor, lidar, imu, settings, utcOffset, evidenceDirectory, clock);
        capture.threads.forEach(Thread::start);
        return capture;
    }

    public SensorSettings sensor() {
        return sensor;
    }

    public int lidarPort() {
        return lidarSocket.port();
    }

    public int imuPort() {
        return imuSocket.port();
    }

    public boolean hasPackets(StreamKind stream) {
        return (stream == StreamKind.LIDAR ? lidarReader : imuReader).hasPackets();
    }

    /** Every stream's result, once the capture window is over (waited for at most {@code timeoutNs}). */
    public synchronized List<StreamResult> results(long timeoutNs) {
        if (results == null) {
            long deadlineNanoTime = System.nanoTime() + timeoutNs;
            for (Thread thread : threads) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanoTime - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stopAndJoin();
            results = new ArrayList<>(lidarReader.results());
            results.addAll(imuReader.results());
        }
        return results;
    }

    @Override
    public synchronized void close() {
        stopAndJoin();
        lidarSocket.close();
        imuSocket.close();
    }

    private void stopAndJoin() {
        lidarReader.stop();
        imuReader.stop();
        for (Thread thread : threads) {
            try {
                thread.join(1_000); // a reader polls in slices of 100 ms
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static UdpCapture.Options options(CaptureSettings settings, int port) {
        return new UdpCapture.Options(settings.bindAddress(), port, settings.bindInterface(),
                settings.receiveBufferBytes(), settings.hardwareTimestamps(), BATCH);
    }
}
