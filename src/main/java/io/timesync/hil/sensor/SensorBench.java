package io.timesync.hil.sensor;

import io.timesync.hil.camera.HostClock;
import io.timesync.hil.ptp.UtcOffset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bench's sensors for one run: all captured together once, on first use, for the configured window.
 * Streams are named "{@code <sensor> <stream>}", e.g. "os-1 lidar".
 */
public final class SensorBench implements AutoCloseable {
    /** Starts what sends a sensor's packets, once its sockets are bound: the simulated sensor, or nothing. */
    @FunctionalInterface
    public interface Feed {
        AutoCloseable start(SensorSettings sensor, int lidarPort, int imuPort);
    }

    private static final long RESULT_MARGIN_NS = TimeUnit.SECONDS.toNanos(5);

    private final List<SensorSettings> sensors;
    private final CaptureSettings settings;
    private final Supplier<UtcOffset> utcOffset;
    private final Path evidenceDirectory;
    private final Feed feed;
    private final List<SensorCapture> captures = new ArrayList<>();
    private final List<AutoCloseable> feeds = new ArrayList<>();
    private RuntimeException startFailure;
    private UtcOffset startedWith;

    public SensorBench(List<SensorSettings> sensors, CaptureSettings settings, Supplier<UtcOffset> utcOffset,
                       Path evidenceDirectory, Feed feed) {
        this.sensors = List.copyOf(sensors);
        this.settings = settings;
        this.utcOffset = utcOffset;
        this.evidenceDirectory = evidenceDirectory;
        this.feed = feed;
    }

    public static SensorBench none() {
        return new SensorBench(List.of(), null, null, null, null);
    }

    public CaptureSettings settings() {
        return settings;
    }

    /** Every stream of every sensor, "os-1 lidar", "os-1 imu accel", ... */
    public List<String> streams() {
        List<String> streams = new ArrayList<>();
        for (SensorSettings sensor : sensors) {
            StreamKind.of(sensor.imu().profile()).forEach(kind -> streams.add(sensor.name() + " " + kind.label()));
        }
        return streams;
    }

    /** Starts capturing every sensor (once); throws why the capture could not start (a port in use, ...). */
    public synchronized void start() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (!captures.isEmpty()) {
            return;
        }
        try {
            startedWith = utcOffset.get();
            for (SensorSettings sensor : sensors) {
                SensorCapture capture = SensorCapture.start(sensor, settings, startedWith, evidenceDirectory,
                        HostClock.SYSTEM);
                captures.add(capture);
                feeds.add(feed.start(sensor, capture.lidarPort(), capture.imuPort()));
            }
        } catch (RuntimeException e) {
            startFailure = e;
            close();
            throw e;
        }
    }

    /** The TAI - UTC offset the capture converts sensor time with, and where it came from. */
    public synchronized UtcOffset utcOffset() {
        start();
        return startedWith;
    }

    public boolean hasPackets(String stream) {
        return find(stream).capture().hasPackets(find(stream).kind());
    }

    /** The stream's result, after the capture window (waited for, bounded). */
    public StreamResult result(String stream) {
        Located located = find(stream);
        long windowNs = Math.max(settings.arrivalTimeoutNs(), settings.warmUpNs() + settings.durationNs());
        return located.capture().results(windowNs + RESULT_MARGIN_NS).stream()
                .filter(result -> result.stream() == located.kind()).findFirst().orElseThrow();
    }

    /** The socket a stream arrives on, for messages. */
    public String socketOf(String stream) {
        Located located = find(stream);
        return "UDP " + settings.bindAddress() + ":" + (located.kind() == StreamKind.LIDAR
                ? located.capture().lidarPort() : located.capture().imuPort()) + " from "
                + located.capture().sensor().address();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable running : feeds) {
            try {
                running.close();
            } catch (Exception e) {
                // closing is best effort: the capture below is what matters
            }
        }
        feeds.clear();
        captures.forEach(SensorCapture::close);
    }

    private record Located(SensorCapture capture, StreamKind kind) {
    }

    private synchronized Located find(String stream) {
        start();
        for (SensorCapture capture : captures) {
            for (StreamKind kind : StreamKind.of(capture.sensor().imu().profile())) {
                if ((capture.sensor().name() + " " + kind.label()).equals(stream)) {
                    return new Located(capture, kind);
                }
            }
        }
        throw new IllegalArgumentException(stream + " is not one of the bench's streams " + streams());
    }
}
