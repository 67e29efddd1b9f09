package io.timesync.hil.sensor;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.UtcOffset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** The bench's sensors for one run: all captured together once, on first use, for the configured window. */
public final class SensorCaptures implements AutoCloseable {
    /** Starts what sends a sensor's packets, once its sockets are bound: the simulated sensor, or nothing. */
    @FunctionalInterface
    public interface Feed {
        AutoCloseable start(SensorSettings sensor, int lidarPort, int imuPort);
    }

    private static final long RESULT_MARGIN_NS = TimeUnit.SECONDS.toNanos(5);

    private final List<SensorSettings> sensors;
    private final Map<String, RuntimeException> unknown;
    private final CaptureSettings settings;
    private final Supplier<UtcOffset> utcOffset;
    private final Function<String, Path> logFiles;
    private final Feed feed;
    private final HostClock clock;
    private final Runnable beforeCapturing;
    private final List<SensorCapture> captures = new ArrayList<>();
    private final List<AutoCloseable> feeds = new ArrayList<>();
    private RuntimeException startFailure;
    private UtcOffset startedWith;

    /**
     * @param sensors         the sensors whose packet format is known, in bench order
     * @param unknown         sensors whose format could not be learnt (their API failed), with why: their streams
     *                        are listed, and each of their checks is broken with that reason
     * @param logFiles        where the packet log of a file name goes (the evidence folder's sensors/)
     * @param beforeCapturing runs once before the capture starts (the bench waits there for its grandmaster)
     */
    public SensorCaptures(List<SensorSettings> sensors, Map<String, RuntimeException> unknown,
                          CaptureSettings settings, Supplier<UtcOffset> utcOffset, Function<String, Path> logFiles,
                          Feed feed, HostClock clock, Runnable beforeCapturing) {
        this.sensors = List.copyOf(sensors);
        this.unknown = new LinkedHashMap<>(unknown);
        this.settings = settings;
        this.utcOffset = utcOffset;
        this.logFiles = logFiles;
        this.feed = feed;
        this.clock = clock;
        this.beforeCapturing = beforeCapturing;
    }

    public static SensorCaptures none() {
        return new SensorCaptures(List.of(), Map.of(), null, null, null, null, HostClock.SYSTEM, () -> { });
    }

    public CaptureSettings settings() {
        return settings;
    }

    /**
     * Every stream of every sensor: os-1 lidar, os-1 imu accel, ...; a sensor of unknown format lists its lidar and
     * its IMU stream.
     */
    public List<StreamId> streams() {
        List<StreamId> streams = new ArrayList<>();
        for (SensorSettings sensor : sensors) {
            StreamKind.of(sensor.imu().profile()).forEach(kind -> streams.add(new StreamId(sensor.name(), kind)));
        }
        unknown.keySet().forEach(name -> {
            streams.add(new StreamId(name, StreamKind.LIDAR));
            streams.add(new StreamId(name, StreamKind.IMU));
        });
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
            beforeCapturing.run();
            startedWith = utcOffset.get();
            for (SensorSettings sensor : sensors) {
                captures.add(SensorCapture.bind(sensor, settings));
            }
            // what sends is started, all at once, before the window opens (a simulated sensor takes a moment)
            ExecutorService starters = Executors.newFixedThreadPool(captures.size());
            List<CompletableFuture<AutoCloseable>> starting = captures.stream().map(capture -> CompletableFuture
                    .supplyAsync(() -> feed.start(capture.sensor(), capture.lidarPort(), capture.imuPort()), starters))
                    .toList();
            starters.shutdown();
            RuntimeException failed = null;
            for (CompletableFuture<AutoCloseable> started : starting) {
                try {
                    feeds.add(started.join());
                } catch (CompletionException e) {
                    failed = e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
            if (failed != null) {
                throw failed;
            }
            for (SensorCapture capture : captures) {
                capture.startReading(settings, startedWith, logFiles, clock);
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

    /** Whether the stream's first packet arrived; the capture must have been started. */
    public boolean hasPackets(StreamId stream) {
        synchronized (this) {
            if (captures.isEmpty()) {
                throw new IllegalStateException("the capture was not started: call start() first");
            }
        }
        return captureOf(stream).hasPackets(stream.kind());
    }

    /** The stream's record, after the capture window (waited for, bounded). */
    public StreamRecord record(StreamId stream) {
        long windowNs = Math.max(settings.arrivalTimeoutNs(), settings.warmUpNs() + settings.durationNs());
        return captureOf(stream).records(windowNs + RESULT_MARGIN_NS).stream()
                .filter(record -> record.stream().equals(stream)).findFirst().orElseThrow();
    }

    /** The socket a stream arrives on, for messages. */
    public String socketOf(StreamId stream) {
        SensorCapture capture = captureOf(stream);
        return "UDP " + settings.bindAddress() + ":" + (stream.kind() == StreamKind.LIDAR ? capture.lidarPort()
                : capture.imuPort()) + " from " + capture.sensor().address();
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

    /** The UDP ports a sensor's capture listens on. */
    public record Ports(int lidarPort, int imuPort) {
    }

    /** The ports the sensor's capture listens on (starting the capture). */
    public Ports portsOf(String sensor) {
        SensorCapture capture = captureOf(new StreamId(sensor, StreamKind.LIDAR));
        return new Ports(capture.lidarPort(), capture.imuPort());
    }

    private synchronized SensorCapture captureOf(StreamId stream) {
        RuntimeException why = unknown.get(stream.sensor());
        if (why != null) {
            throw why;
        }
        start();
        return captures.stream().filter(capture -> capture.sensor().name().equals(stream.sensor())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(stream + " is not one of the bench's streams "
                        + streams()));
    }
}
