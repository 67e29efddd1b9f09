package io.timesync.hil.sensor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

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
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads one socket of one sensor (its lidar or its IMU port) for the capture window: filters by source,
 * decodes, records every packet's receive time, sensor timestamp and sequence, and writes every packet as a JSON
 * line (the reference tool's record, extended) as it arrives. It judges nothing: the checks layer does.
 */
final class SocketReader implements Runnable {
    private static final long POLL_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int HEX_BYTES = 64;
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @param window           the capture's time line in the receive clock's base
     * @param utcOffsetNs      subtracted from sensor time for the logged diff (0 when the receive clock runs TAI)
     * @param endNanoTime      {@link System#nanoTime()} when the capture ends
     * @param arrivalNanoTime  when a socket that received nothing gives up
     */
    record Plan(CaptureWindow window, long utcOffsetNs, boolean hardwareTimestamps, long endNanoTime,
                long arrivalNanoTime) {
    }

    private final SensorSettings sensor;
    private final boolean lidar;
    private final UdpCapture capture;
    private final Plan plan;
    private final int sensorAddress;
    private final Path logFile;
    private final BufferedWriter log;
    private final JsonGenerator json;
    private final Map<StreamKind, Recorder> streams = new EnumMap<>(StreamKind.class);
    private final LongSeries arrivals = new LongSeries();
    private final LongSeries continuity = new LongSeries();
    private final LongSeries initIds = new LongSeries();
    private volatile boolean running = true;
    private volatile long datagrams;
    private long malformed;
    private String firstMalformed;
    private long fromOtherSources;
    private String firstOtherSource;
    private long withoutTimestamp;

    SocketReader(SensorSettings sensor, boolean lidar, UdpCapture capture, Plan plan, Path logFile) {
        this.sensor = sensor;
        this.lidar = lidar;
        this.capture = capture;
        this.plan = plan;
        this.sensorAddress = ipv4(sensor.address());
        this.logFile = logFile;
        try {
            Files.createDirectories(logFile.getParent());
            this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
            this.json = JSON.createGenerator(log);
            json.setRootValueSeparator(null); // one record per line: the newline is written after each
            json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the packet log " + logFile, e);
        }
        for (StreamKind kind : StreamKind.of(sensor.imu().profile())) {
            if ((kind == StreamKind.LIDAR) == lidar) {
                streams.put(kind, new Recorder());
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
        try {
            for (long now = System.nanoTime(); running && now < plan.endNanoTime(); now = System.nanoTime()) {
                if (datagrams == 0 && now >= plan.arrivalNanoTime()) {
                    break; // nothing will come: the stream's checks say so
                }
                capture.receive(Math.min(POLL_SLICE_NS, plan.endNanoTime() - now), this::handle);
                json.flush();
            }
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the packet log " + logFile, e);
        }
    }

    /** The streams read on this socket, once the reader has stopped. */
    List<StreamRecord> records() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the packet log " + logFile, e);
        }
        long kernelDrops = capture.kernelDrops();
        long[] arrivalValues = arrivals.toArray();
        long[] continuityValues = continuity.toArray();
        long[] initIdValues = initIds.toArray();
        int[] inits = new int[initIdValues.length];
        for (int i = 0; i < inits.length; i++) {
            inits[i] = (int) initIdValues[i];
        }
        return streams.entrySet().stream().map(entry -> new StreamRecord(new StreamId(sensor.name(), entry.getKey()),
                capture + " from " + sensor.address(), plan.window(), nominalPeriodNs(), plan.utcOffsetNs(), continuityKind(),
                continuityScale(), arrivalValues, entry.getValue().receiveNs.toArray(),
                entry.getValue().sensorNs.toArray(), continuityValues, lidar ? inits : new int[0], datagrams,
                malformed, Optional.ofNullable(firstMalformed), fromOtherSources, Optional.ofNullable(firstOtherSource),
                withoutTimestamp, kernelDrops, logFile)).toList();
    }

    private long nominalPeriodNs() {
        return lidar ? 1_000_000_000L / ((long) sensor.framesPerSecond() * sensor.lidar().packetsPerFrame())
                : 1_000_000_000L / sensor.imuPacketsPerSecond();
    }

    /** See {@link StreamRecord#continuityScale()}. */
    private long continuityScale() {
        return lidar ? 65536L * sensor.lidar().packetsPerFrame() : continuityKind() == StreamRecord.Continuity
                .SENSOR_TIMESTAMP ? nominalPeriodNs() / sensor.imu().measurementsPerPacket() : 0;
    }

    private StreamRecord.Continuity continuityKind() {
        return lidar ? StreamRecord.Continuity.PACKET_COUNTER : sensor.imu().profile() == ImuProfile.LEGACY
                ? StreamRecord.Continuity.MONOTONIC_CLOCK : StreamRecord.Continuity.SENSOR_TIMESTAMP;
    }

    private void handle(UdpCapture.Datagram datagram) {
        if (datagram.sourceAddress() != sensorAddress) {
            if (fromOtherSources++ == 0) {
                firstOtherSource = datagram.source();
            }
            return;
        }
        datagrams++;
        long receiveNs = plan.hardwareTimestamps() ? datagram.hardwareReceiveNs() : datagram.softwareReceiveNs();
        if (receiveNs == 0) {
            withoutTimestamp++;
            return;
        }
        arrivals.add(receiveNs);
        try {
            if (lidar) {
                recordLidar(datagram, receiveNs);
            } else {
                recordImu(datagram, receiveNs);
            }
            json.writeRaw('\n');
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

    private void recordLidar(UdpCapture.Datagram datagram, long receiveNs) throws IOException {
        LidarPacket packet = sensor.lidar().decode(datagram.bytes(), datagram.length());
        continuity.add((long) packet.frameId() * sensor.lidar().packetsPerFrame()
                + packet.firstMeasurementId() / LidarPacketFormat.COLUMNS_PER_PACKET);
        initIds.add(packet.initId());
        long sensorNs = packet.validColumns() == 0 ? StreamRecord.NO_TIMESTAMP : packet.firstColumnTimestampNs();
        streams.get(StreamKind.LIDAR).add(receiveNs, sensorNs);
        json.writeStartObject();
        json.writeObjectFieldStart("lidar");
        json.writeFieldName("local_rx");
        json.writeNumber(seconds(receiveNs));
        stamp("sensor_lidar", receiveNs, sensorNs);
        json.writeStringField("sensor", sensor.name());
        json.writeNumberField("frame_id", packet.frameId());
        json.writeNumberField("measurement_id", packet.firstMeasurementId());
        json.writeNumberField("valid_columns", packet.validColumns());
        end(datagram, receiveNs);
    }

    private void recordImu(UdpCapture.Datagram datagram, long receiveNs) throws IOException {
        ImuPacket packet = sensor.imu().decode(datagram.bytes(), datagram.length());
        json.writeStartObject();
        json.writeObjectFieldStart("imu");
        json.writeFieldName("local_rx");
        json.writeNumber(seconds(receiveNs));
        if (packet instanceof ImuPacket.Legacy legacy) {
            continuity.add(legacy.sysTimestampNs());
            streams.get(StreamKind.IMU_ACCEL).add(receiveNs, legacy.accelTimestampNs());
            streams.get(StreamKind.IMU_GYRO).add(receiveNs, legacy.gyroTimestampNs());
            json.writeObjectFieldStart("sensor_mono");
            json.writeFieldName("timestamp");
            json.writeNumber(seconds(legacy.sysTimestampNs()));
            json.writeEndObject();
            stamp("sensor_accel", receiveNs, legacy.accelTimestampNs());
            stamp("sensor_gyro", receiveNs, legacy.gyroTimestampNs());
        } else {
            ImuPacket.Measurements measurements = (ImuPacket.Measurements) packet;
            List<Long> timestamps = measurements.timestampsNs();
            long newestNs = timestamps.isEmpty() ? StreamRecord.NO_TIMESTAMP : timestamps.get(timestamps.size() - 1);
            continuity.add(timestamps.isEmpty() ? StreamRecord.NO_TIMESTAMP : timestamps.get(0));
            streams.get(StreamKind.IMU).add(receiveNs, newestNs);
            stamp("sensor_imu", receiveNs, newestNs);
            json.writeNumberField("measurements", timestamps.size());
            json.writeNumberField("invalid_measurements", measurements.invalidMeasurements());
            json.writeNumberField("frame_id", measurements.frameId());
        }
        json.writeStringField("sensor", sensor.name());
        end(datagram, receiveNs);
    }

    /** A sensor timestamp in the reference's form, with the diff it shows against the receive time. */
    private void stamp(String field, long receiveNs, long sensorNs) throws IOException {
        json.writeObjectFieldStart(field);
        if (sensorNs == StreamRecord.NO_TIMESTAMP) {
            json.writeNullField("timestamp");
        } else {
            long sensorUtcNs = sensorNs - plan.utcOffsetNs();
            json.writeFieldName("timestamp");
            json.writeNumber(seconds(sensorUtcNs));
            json.writeFieldName("diff");
            json.writeNumber(seconds(receiveNs - sensorUtcNs));
            json.writeNumberField("diff_ns", receiveNs - sensorUtcNs);
        }
        json.writeEndObject();
    }

    private void end(UdpCapture.Datagram datagram, long receiveNs) throws IOException {
        json.writeStringField("source", datagram.source());
        json.writeNumberField("length", datagram.length());
        json.writeBooleanField("judged", plan.window().judges(receiveNs));
        json.writeEndObject();
        json.writeEndObject();
    }

    /** One stream's recorded packets. */
    private static final class Recorder {
        final LongSeries receiveNs = new LongSeries();
        final LongSeries sensorNs = new LongSeries();

        void add(long receive, long sensor) {
            receiveNs.add(receive);
            sensorNs.add(sensor);
        }
    }

    /** Seconds with all nine decimals: exact to the ns. */
    private static BigDecimal seconds(long ns) {
        return BigDecimal.valueOf(ns, 9);
    }

    private static int ipv4(String address) {
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 4) {
                throw new IllegalArgumentException(address + " is not an IPv4 address");
            }
            return ByteBuffer.wrap(bytes).getInt();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown sensor address " + address, e);
        }
    }
}
