package io.timesync.hil.sensor;

import io.timesync.hil.ptp.UtcOffset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads one socket of one sensor (its lidar or its IMU port) for the capture window: filters by source,
 * decodes, judges every sensor timestamp against the kernel receive time, tracks lost packets, and writes
 * every packet as a JSON line (the reference tool's record, extended) as it arrives.
 */
final class SocketReader implements Runnable {
    private static final long POLL_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int HEX_BYTES = 64;

    private final SensorSettings sensor;
    private final boolean lidar;
    private final UdpCapture capture;
    private final CaptureSettings settings;
    private final long utcOffsetNs;
    private final int sensorAddress;
    private final long startNanoTime;
    private final long startUtcNs;
    private final Path logFile;
    private final BufferedWriter log;
    private final Map<StreamKind, Accumulator> streams = new EnumMap<>(StreamKind.class);
    private volatile boolean running = true;
    private volatile long datagrams;
    private long malformed;
    private String firstMalformed;
    private long fromOtherSources;
    private String firstOtherSource;
    private long withoutTimestamp;
    private int previousSequence = -1;
    private int previousInitId = -1;

    SocketReader(SensorSettings sensor, boolean lidar, UdpCapture capture, CaptureSettings settings,
                 UtcOffset utcOffset, Path logFile, long startNanoTime, long startUtcNs) {
        this.sensor = sensor;
        this.lidar = lidar;
        this.capture = capture;
        this.settings = settings;
        this.utcOffsetNs = settings.hardwareTimestamps() ? 0 : utcOffset.offsetNs();
        this.sensorAddress = ipv4(sensor.address());
        this.startNanoTime = startNanoTime;
        this.startUtcNs = startUtcNs;
        this.logFile = logFile;
        try {
            Files.createDirectories(logFile.getParent());
            this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the packet log " + logFile, e);
        }
        for (StreamKind kind : StreamKind.of(sensor.imu().profile())) {
            if ((kind == StreamKind.LIDAR) == lidar) {
                streams.put(kind, new Accumulator());
            }
        }
    }

    /** Whether a datagram from the sensor has arrived on this socket. */
    boolean hasPackets() {
        return datagrams > 0;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        long endNanoTime = startNanoTime + settings.warmUpNs() + settings.durationNs();
        long arrivalDeadlineNanoTime = startNanoTime + settings.arrivalTimeoutNs();
        try {
            for (long now = System.nanoTime(); running && now < endNanoTime; now = System.nanoTime()) {
                if (datagrams == 0 && now >= arrivalDeadlineNanoTime) {
                    break; // nothing will come: the stream's checks say so
                }
                capture.receive(Math.min(POLL_SLICE_NS, endNanoTime - now), this::handle);
                log.flush();
            }
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the packet log " + logFile, e);
        }
    }

    /** The streams read on this socket, once the reader has stopped. */
    List<StreamResult> results() {
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the packet log " + logFile, e);
        }
        long kernelDrops = capture.kernelDrops();
        return streams.entrySet().stream().map(entry -> entry.getValue().result(entry.getKey(), kernelDrops))
                .toList();
    }

    private void handle(UdpCapture.Datagram datagram) {
        if (datagram.sourceAddress() != sensorAddress) {
            if (fromOtherSources++ == 0) {
                firstOtherSource = datagram.source();
            }
            return;
        }
        datagrams++;
        long receiveNs = settings.hardwareTimestamps() ? datagram.hardwareReceiveNs() : datagram.softwareReceiveNs();
        if (receiveNs == 0) {
            withoutTimestamp++;
            return;
        }
        boolean judged = System.nanoTime() - startNanoTime >= settings.warmUpNs();
        try {
            String record = lidar ? lidarRecord(datagram, receiveNs, judged) : imuRecord(datagram, receiveNs, judged);
            log.write(record);
            log.write('\n');
        } catch (MalformedPacketException e) {
            if (malformed++ == 0) {
                ByteBuffer bytes = datagram.bytes();
                byte[] head = new byte[Math.min(HEX_BYTES, bytes.remaining())];
                bytes.get(0, head);
                firstMalformed = e.getMessage() + ", from " + datagram.source() + ": "
                        + HexFormat.of().formatHex(head) + (datagram.length() > HEX_BYTES ? "..." : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the packet log " + logFile, e);
        }
    }

    private String lidarRecord(UdpCapture.Datagram datagram, long receiveNs, boolean judged) {
        LidarPacket packet = sensor.lidar().decode(datagram.bytes(), datagram.length());
        trackSequence(packet);
        Accumulator stream = streams.get(StreamKind.LIDAR);
        String stamp = packet.validColumns() == 0 ? "{\"timestamp\": null, \"valid_columns\": 0}"
                : stamp(stream, receiveNs, packet.firstColumnTimestampNs(), judged);
        return "{\"lidar\": {\"local_rx\": " + seconds(receiveNs) + ", \"sensor_lidar\": " + stamp
                + ", \"sensor\": \"" + sensor.name() + "\", \"frame_id\": " + packet.frameId() + ", \"measurement_id\": "
                + packet.firstMeasurementId() + ", \"source\": \"" + datagram.source() + "\", \"length\": "
                + datagram.length() + ", \"judged\": " + judged + "}}";
    }

    private String imuRecord(UdpCapture.Datagram datagram, long receiveNs, boolean judged) {
        ImuPacket packet = sensor.imu().decode(datagram.bytes(), datagram.length());
        String stamps;
        if (packet instanceof ImuPacket.Legacy legacy) {
            stamps = "\"sensor_mono\": {\"timestamp\": " + seconds(legacy.sysTimestampNs())
                    + ", \"judged\": false}, \"sensor_accel\": "
                    + stamp(streams.get(StreamKind.IMU_ACCEL), receiveNs, legacy.accelTimestampNs(), judged)
                    + ", \"sensor_gyro\": "
                    + stamp(streams.get(StreamKind.IMU_GYRO), receiveNs, legacy.gyroTimestampNs(), judged);
        } else {
            ImuPacket.Measurements measurements = (ImuPacket.Measurements) packet;
            List<Long> timestamps = measurements.timestampsNs();
            stamps = "\"sensor_imu\": " + (timestamps.isEmpty() ? "{\"timestamp\": null}"
                    : stamp(streams.get(StreamKind.IMU), receiveNs, timestamps.get(timestamps.size() - 1), judged))
                    + ", \"measurements\": " + timestamps.size() + ", \"invalid_measurements\": "
                    + measurements.invalidMeasurements() + ", \"frame_id\": " + measurements.frameId();
        }
        return "{\"imu\": {\"local_rx\": " + seconds(receiveNs) + ", " + stamps + ", \"sensor\": \"" + sensor.name()
                + "\", \"source\": \"" + datagram.source() + "\", \"length\": " + datagram.length() + ", \"judged\": "
                + judged + "}}";
    }

    /** Records one sensor timestamp in its stream; returns its JSON. */
    private String stamp(Accumulator stream, long receiveNs, long sensorNs, boolean judged) {
        long sensorUtcNs = sensorNs - utcOffsetNs;
        long diffNs = receiveNs - sensorUtcNs;
        stream.add(receiveNs - startUtcNs, sensorNs, diffNs, judged);
        return "{\"timestamp\": " + seconds(sensorUtcNs) + ", \"diff\": " + seconds(diffNs) + ", \"diff_ns\": "
                + diffNs + "}";
    }

    /** Lidar packets count up by frame and measurement id; a gap is packets the network lost. */
    private void trackSequence(LidarPacket packet) {
        int packetsPerFrame = sensor.lidar().packetsPerFrame();
        int modulus = 65536 * packetsPerFrame;
        int sequence = packet.frameId() * packetsPerFrame + packet.firstMeasurementId()
                / LidarPacketFormat.COLUMNS_PER_PACKET;
        if (previousSequence >= 0 && packet.initId() == previousInitId) {
            int gap = Math.floorMod(sequence - previousSequence, modulus);
            Accumulator stream = streams.get(StreamKind.LIDAR);
            if (gap == 0 || gap > modulus / 2) {
                stream.outOfOrder++;
                return;
            }
            stream.lost += gap - 1;
        }
        previousSequence = sequence;
        previousInitId = packet.initId();
    }

    private final class Accumulator {
        private long[] atNs = new long[4096];
        private long[] diffsNs = new long[4096];
        private int judged;
        private long warmUp;
        private long late;
        private long fromTheFuture;
        private Long worstNs;
        private long lost;
        private long outOfOrder;
        private long previousSensorNs;

        void add(long atNs, long sensorNs, long diffNs, boolean judge) {
            if (!lidar) {
                trackImuGap(sensorNs);
            }
            if (!judge) {
                warmUp++;
                return;
            }
            if (judged == diffsNs.length) {
                this.atNs = Arrays.copyOf(this.atNs, judged * 2);
                diffsNs = Arrays.copyOf(diffsNs, judged * 2);
            }
            this.atNs[judged] = atNs;
            diffsNs[judged++] = diffNs;
            long beyondNs = diffNs > settings.maxDiffNs() ? diffNs - settings.maxDiffNs()
                    : diffNs < -settings.futureToleranceNs() ? -settings.futureToleranceNs() - diffNs : 0;
            if (beyondNs > 0) {
                if (diffNs > 0) {
                    late++;
                } else {
                    fromTheFuture++;
                }
                if (worstNs == null || beyondNs > distanceOutside(worstNs)) {
                    worstNs = diffNs;
                }
            }
        }

        /** IMU packets carry no sequence number: a gap of more than 1.5 periods between timestamps is loss. */
        private void trackImuGap(long sensorNs) {
            long periodNs = 1_000_000_000L / sensor.imuPacketsPerSecond();
            if (previousSensorNs != 0) {
                long gapNs = sensorNs - previousSensorNs;
                if (gapNs <= 0) {
                    outOfOrder++;
                    return;
                }
                if (gapNs > periodNs * 3 / 2) {
                    lost += Math.round((double) gapNs / periodNs) - 1;
                }
            }
            previousSensorNs = sensorNs;
        }

        private long distanceOutside(long diffNs) {
            return diffNs > 0 ? diffNs - settings.maxDiffNs() : -settings.futureToleranceNs() - diffNs;
        }

        StreamResult result(StreamKind kind, long kernelDrops) {
            return new StreamResult(sensor.name(), kind, capture.toString(), datagrams, judged, warmUp,
                    DiffStatistics.of(diffsNs, judged), late, fromTheFuture, Optional.ofNullable(worstNs), lost,
                    outOfOrder, kernelDrops, malformed, Optional.ofNullable(firstMalformed), fromOtherSources,
                    Optional.ofNullable(firstOtherSource), withoutTimestamp, Arrays.copyOf(atNs, judged),
                    Arrays.copyOf(diffsNs, judged), logFile);
        }
    }

    /** Seconds with all nine decimals: exact to the ns. */
    private static String seconds(long ns) {
        return BigDecimal.valueOf(ns, 9).toPlainString();
    }

    private static int ipv4(String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 4) {
                throw new IllegalArgumentException(address + " is not an IPv4 address");
            }
            return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown sensor address " + address, e);
        }
    }
}
