package io.timesync.hil.sensor;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.UtcOffset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * One sensor's lidar and IMU sockets, each read by its own thread for the capture window. The sockets are bound
 * first ({@link #bind}), so what sends to them can be started; the window starts when reading does
 * ({@link #startReading}).
 */
public final class SensorCapture implements AutoCloseable {
    private static final int BATCH = 64;
    private static final long STOP_JOIN_MS = 1_000; // a reader polls in slices of 100 ms

    private final SensorSettings sensor;
    private final UdpCapture lidarSocket;
    private final UdpCapture imuSocket;
    private final List<Thread> threads = new ArrayList<>();
    private SocketReader lidarReader;
    private SocketReader imuReader;
    private List<StreamRecord> records;

    private SensorCapture(SensorSettings sensor, UdpCapture lidarSocket, UdpCapture imuSocket) {
        this.sensor = sensor;
        this.lidarSocket = lidarSocket;
        this.imuSocket = imuSocket;
    }

    /** Binds both sockets; nothing is read yet (datagrams wait in the socket). */
    public static SensorCapture bind(SensorSettings sensor, CaptureSettings settings) {
        UdpCapture lidar = UdpCapture.open(options(settings, sensor.lidarPort()));
        try {
            return new SensorCapture(sensor, lidar, UdpCapture.open(options(settings, sensor.imuPort())));
        } catch (RuntimeException e) {
            lidar.close();
            throw e;
        }
    }

    /** Starts the capture window now; each socket's packets logged to {@code logFiles} of its file name. */
    public synchronized void startReading(CaptureSettings settings, UtcOffset utcOffset, Function<String, Path> logFiles,
                                          HostClock clock) {
        if (lidarReader != null) {
            throw new IllegalStateException("the capture of " + sensor.name() + " already started");
        }
        long startNanoTime = System.nanoTime();
        // the NIC's hardware clock runs TAI on a PTP grandmaster host: its receive times compare with sensor time as is
        long utcOffsetNs = settings.hardwareTimestamps() ? 0 : utcOffset.offsetNs();
        long receiveClockAheadNs = settings.hardwareTimestamps() ? utcOffset.offsetNs() : 0;
        SocketReader.Plan plan = new SocketReader.Plan(new CaptureWindow(clock.nowNs() + receiveClockAheadNs,
                settings.warmUpNs(), settings.durationNs(), receiveClockAheadNs), utcOffsetNs, settings.hardwareTimestamps(),
                startNanoTime + settings.warmUpNs() + settings.durationNs(), startNanoTime + settings.arrivalTimeoutNs());
        lidarReader = new SocketReader(sensor, true, lidarSocket, plan,
                logFiles.apply(sensor.name() + "-lidar.jsonl"));
        imuReader = new SocketReader(sensor, false, imuSocket, plan,
                logFiles.apply(sensor.name() + "-imu.jsonl"));
        for (SocketReader reader : List.of(lidarReader, imuReader)) {
            Thread thread = new Thread(reader, "capture-" + sensor.name() + (reader == lidarReader ? "-lidar" : "-imu"));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Binds and starts reading at once (nothing to start in between). */
    public static SensorCapture start(SensorSettings sensor, CaptureSettings settings, UtcOffset utcOffset,
                                      Path evidenceDirectory, HostClock clock) {
        SensorCapture capture = bind(sensor, settings);
        capture.startReading(settings, utcOffset, evidenceDirectory::resolve, clock);
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

    public synchronized boolean hasPackets(StreamKind stream) {
        SocketReader reader = stream == StreamKind.LIDAR ? lidarReader : imuReader;
        return reader != null && reader.hasPackets();
    }

    /** Every stream's record, once the capture window is over (waited for at most {@code timeoutNs}). */
    public synchronized List<StreamRecord> records(long timeoutNs) {
        if (lidarReader == null) {
            throw new IllegalStateException("the capture of " + sensor.name() + " was not started");
        }
        if (records == null) {
            long deadlineNanoTime = System.nanoTime() + timeoutNs;
            for (Thread thread : threads) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanoTime - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stopAndJoin();
            records = new ArrayList<>(lidarReader.records());
            records.addAll(imuReader.records());
        }
        return records;
    }

    @Override
    public synchronized void close() {
        stopAndJoin();
        lidarSocket.close();
        imuSocket.close();
    }

    private void stopAndJoin() {
        if (lidarReader == null) {
            return;
        }
        lidarReader.stop();
        imuReader.stop();
        for (Thread thread : threads) {
            try {
                thread.join(STOP_JOIN_MS);
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
