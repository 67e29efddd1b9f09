package io.timesync.hil.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.api.FirmwareVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An Ouster sensor's HTTP API on the JDK's HttpServer: the metadata, active config, PTP state and firmware of a
 * sensor with the given packet format, ports and UDP destination, following the given grandmaster, answered in
 * the layout of the given firmware (see {@link OusterApiDocuments}) at the endpoints that firmware serves (as the
 * vendor's ouster-sdk picks them: {@code sensor/cmd/*} on 2.1, {@code sensor/metadata} from 2.2,
 * {@code sensor/cmd/get_config_param} up to 3.1, {@code sensor/config} from 2.4, {@code user/data} on 2.5
 * and from 3.1;
 * {@code time/ptp} from 2.1 and {@code system/firmware} always).
 * Faults: see {@link SensorApiFault}.
 */
public final class SimulatedOusterApi implements AutoCloseable {
    /** udp_dest under udpDestElsewhere: TEST-NET-1 (RFC 5737), a host that is never this one. */
    public static final String ELSEWHERE = "192.0.2.99";
    /** A hung request is let go this long after it came, should nobody close the simulator. */
    private static final long HANG_LIMIT_NS = TimeUnit.MINUTES.toNanos(5);
    private static final String MALFORMED_BODY = "{\"sensor_info\": {\"prod_line\": \"OS-1-64\", \"status\": \"RUN";

    /**
     * @param serialNumber    prod_sn, digits (e.g. 992211000123)
     * @param firmwareVersion e.g. {@code 3.2.0}; ACCEL32_GYRO32_NMEA needs 3.2 or later (the first firmware
     *                        whose metadata is known to state imu_data_format)
     * @param udpDest         where the sensor sends its packets
     * @param grandmaster     the clock identity of the grandmaster the sensor follows
     */
    public record Settings(String serialNumber, String firmwareVersion, LidarPacketFormat lidar, int framesPerSecond,
                           ImuPacketFormat imu, int udpPortLidar, int udpPortImu, String udpDest,
                           ClockIdentity grandmaster, List<SensorApiFault> faults) {
        public Settings {
            faults = List.copyOf(faults);
            if (!serialNumber.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("prod_sn is digits, not '" + serialNumber + "'");
            }
            FirmwareVersion firmware = FirmwareVersion.parse(firmwareVersion);
            if (!firmware.atLeast(2, 2) && (lidar.profile() != LidarProfile.LEGACY || imu.profile() != ImuProfile.LEGACY)) {
                throw new IllegalArgumentException("firmware " + firmwareVersion + " sends LEGACY packets only (UDP "
                        + "profiles came with 2.2)");
            }
            if (lidar.profile() == LidarProfile.LEGACY && imu.profile() != ImuProfile.LEGACY) {
                throw new IllegalArgumentException("Ouster sensors send no LEGACY lidar packets with " + imu.profile()
                        + " IMU packets");
            }
            if (imu.profile() == ImuProfile.ACCEL32_GYRO32_NMEA && !firmware.atLeast(3, 2)) {
                throw new IllegalArgumentException("the simulator serves ACCEL32_GYRO32_NMEA metadata as firmware "
                        + "3.2 does; firmware " + firmwareVersion + " is older");
            }
        }

        /** The same sensor, sending to other ports (a simulated sensor sends to whichever ports the capture got). */
        public Settings withPorts(int lidarPort, int imuPort) {
            return new Settings(serialNumber, firmwareVersion, lidar, framesPerSecond, imu, lidarPort, imuPort, udpDest,
                    grandmaster, faults);
        }

        boolean has(SensorApiFault.Kind kind) {
            return Faults.has(faults, kind);
        }

        long amount(SensorApiFault.Kind kind) {
            return Faults.amount(faults, kind);
        }
    }

    private volatile Settings settings;
    private volatile OusterApiDocuments documents;
    private final HostClock clock;
    private final HttpServer server;
    /** apiDown: a bound, never listening socket keeps the port taken, so connecting is refused. */
    private final Socket refusing;
    private final ExecutorService handlers;
    private final CountDownLatch released = new CountDownLatch(1);

    private SimulatedOusterApi(Settings settings, InetSocketAddress bind, HostClock clock) throws IOException {
        this.settings = settings;
        this.documents = new OusterApiDocuments(settings);
        this.clock = clock;
        if (settings.has(SensorApiFault.Kind.API_DOWN)) {
            this.server = null;
            this.handlers = null;
            this.refusing = new Socket();
            refusing.bind(bind);
        } else {
            this.refusing = null;
            this.handlers = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "simulated-ouster-api");
                thread.setDaemon(true);
                return thread;
            });
            this.server = HttpServer.create(bind, 0);
            server.setExecutor(handlers);
            server.createContext("/", this::handle);
            server.start();
        }
    }

    /** @param bind the address and port to serve on (port 0: any free port) */
    public static SimulatedOusterApi start(Settings settings, InetSocketAddress bind, HostClock clock) {
        try {
            return new SimulatedOusterApi(settings, bind, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the simulated Ouster API on " + bind, e);
        }
    }

    public InetSocketAddress address() {
        return server != null ? server.getAddress()
                : new InetSocketAddress(refusing.getLocalAddress(), refusing.getLocalPort());
    }

    /** {@code http://127.0.0.1:40123}, where a client reaches this API. */
    public URI baseUri() {
        InetSocketAddress address = address();
        InetAddress host = address.getAddress();
        String name = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        return URI.create("http://" + name + ":" + address.getPort());
    }

    /** The image name the firmware endpoint reports. */
    public String firmwareImage() {
        return documents.imageRev();
    }

    /** From now on the sensor says it sends to these ports (what the capture bound; answers follow at once). */
    public void sendingTo(int lidarPort, int imuPort) {
        Settings moved = settings.withPorts(lidarPort, imuPort);
        documents = new OusterApiDocuments(moved);
        settings = moved;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        released.countDown();
        if (server != null) {
            server.stop(0);
            handlers.shutdownNow();
        } else {
            try {
                refusing.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (settings.has(SensorApiFault.Kind.API_HANG)) {
                hang();
                return; // closing the exchange drops the connection without an answer
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 405, "text/plain", "Method Not Allowed");
                return;
            }
            Optional<Supplier<JsonNode>> document = route(exchange.getRequestURI().getPath());
            if (document.isEmpty()) {
                answer(exchange, 404, "text/plain", "Not Found");
            } else if (settings.has(SensorApiFault.Kind.API_MALFORMED)) {
                answer(exchange, 200, "application/json", MALFORMED_BODY);
            } else {
                answer(exchange, 200, "application/json", document.get().get().toString());
            }
        }
    }

    /** The endpoints this firmware serves. */
    private Optional<Supplier<JsonNode>> route(String rawPath) {
        String path = rawPath.endsWith("/") && rawPath.length() > 1 ? rawPath.substring(0, rawPath.length() - 1)
                : rawPath;
        FirmwareVersion firmware = documents.firmware();
        if (path.equals("/api/v1/system/firmware")) {
            return Optional.of(documents::systemFirmware);
        }
        if (!firmware.atLeast(2, 1)) {
            return Optional.empty(); // older firmware: TCP 7501 only, as far as the suite is concerned
        }
        if (path.equals("/api/v1/time/ptp")) {
            return Optional.of(() -> documents.ptp(clock.nowNs()));
        }
        // the vendor SDK up to 0.12 read the config here from every firmware, 3.1 included; 3.2: unknown, not served
        if (!firmware.atLeast(3, 2) && path.equals("/api/v1/sensor/cmd/get_config_param")) {
            return Optional.of(documents::config); // args=active or staged: nothing is staged here
        }
        // 3.1 brought the staging config API; the vendor SDK (0.16+) also reads the active config here from
        // every firmware it supports (2.4+) when it sets one, so 2.4 and 3.0 answer it too
        if (firmware.atLeast(2, 4) && path.equals("/api/v1/sensor/config")) {
            return Optional.of(documents::config);
        }
        if (servesUserData(firmware) && path.equals("/api/v1/user/data")) {
            return Optional.of(() -> JsonNodeFactory.instance.textNode(""));
        }
        if (!firmware.atLeast(2, 2)) {
            return switch (path) {
                case "/api/v1/sensor/cmd/get_sensor_info" -> Optional.of(documents::sensorInfo);
                case "/api/v1/sensor/cmd/get_lidar_data_format" -> Optional.of(documents::lidarDataFormat);
                case "/api/v1/sensor/cmd/get_beam_intrinsics" -> Optional.of(documents::beamIntrinsics);
                case "/api/v1/sensor/cmd/get_calibration_status" -> Optional.of(documents::calibrationStatus);
                case "/api/v1/sensor/cmd/get_imu_intrinsics" -> part("imu_intrinsics");
                case "/api/v1/sensor/cmd/get_lidar_intrinsics" -> part("lidar_intrinsics");
                default -> Optional.empty();
            };
        }
        if (path.equals("/api/v1/sensor/metadata")) {
            return Optional.of(documents::metadata);
        }
        String prefix = "/api/v1/sensor/metadata/";
        return path.startsWith(prefix) ? part(path.substring(prefix.length())) : Optional.empty();
    }

    /** As the vendor SDK asks for it: 2.5 and 3.1+ (2.4 and 3.0 have no user data API, nor has 2.2/2.3). */
    private static boolean servesUserData(FirmwareVersion firmware) {
        return firmware.atLeast(3, 1) || (firmware.major() == 2 && firmware.minor() >= 5);
    }

    private Optional<Supplier<JsonNode>> part(String key) {
        return documents.metadata().has(key) ? Optional.of(() -> documents.metadata().get(key)) : Optional.empty();
    }

    private void hang() {
        try {
            released.await(HANG_LIMIT_NS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
