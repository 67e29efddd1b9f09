package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.HostClock;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads an Ouster sensor's own view over its HTTP API: identity and firmware, the packet format, the active
 * configuration (timestamp mode, UDP destination and ports) and its PTP state. Endpoints are chosen by firmware
 * version as the vendor's ouster-sdk chooses them ({@link ApiGeneration}). Every request is bounded by the
 * connect timeout plus the request timeout; a sensor that is not reachable, does not answer in time, answers with
 * an error or with something that is not the expected JSON raises a {@link BenchPartUnreachableException} or
 * {@link BenchPartMisbehavingException} naming the sensor, the endpoint, the problem and a hint.
 */
public final class OusterApiClient implements AutoCloseable {
    private static final int BODY_PREVIEW_CHARS = 200;
    /** Enough for every answer of a few readings plus a PTP state awaited for minutes at 1 s. */
    private static final int EXCHANGE_LOG_CAPACITY = 512;

    private final String sensorName;
    private final URI baseUri;
    private final long connectTimeoutNs;
    private final long requestTimeoutNs;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Deque<ApiExchange> exchangeLog = new ArrayDeque<>();

    /**
     * @param sensorName       the bench file's name for the sensor (os-1), for messages
     * @param baseUri          e.g. {@code http://192.168.1.21} (a port may follow the host)
     * @param connectTimeoutNs bound on establishing the TCP connection
     * @param requestTimeoutNs bound on each answer once connected
     */
    public OusterApiClient(String sensorName, URI baseUri, long connectTimeoutNs, long requestTimeoutNs) {
        if (connectTimeoutNs <= 0 || requestTimeoutNs <= 0) {
            throw new IllegalArgumentException("timeouts must be positive: connect " + connectTimeoutNs
                    + " ns, request " + requestTimeoutNs + " ns");
        }
        this.sensorName = sensorName;
        this.baseUri = baseUri;
        this.connectTimeoutNs = connectTimeoutNs;
        this.requestTimeoutNs = requestTimeoutNs;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ouster-api-" + sensorName);
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1) // the sensor's server speaks HTTP/1.1; no h2c upgrade dance
                .connectTimeout(Duration.ofNanos(connectTimeoutNs))
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY) // the sensor sits on the bench network, never behind a proxy
                .build();
    }

    /** How messages name this sensor's API: {@code sensor os-1 API at http://192.168.1.21}. */
    public String part() {
        return "sensor " + sensorName + " API at " + base();
    }

    /** The firmware version, from {@code /api/v1/system/firmware} (every firmware serves it). */
    public FirmwareVersion firmware() {
        return firmwareOf(get(ApiGeneration.FIRMWARE_ENDPOINT));
    }

    /** Everything the suite reads from the sensor, at once, with the answers as read. */
    public OusterApiReading read() {
        List<ApiExchange> exchanges = new ArrayList<>();
        ApiExchange firmwareExchange = get(ApiGeneration.FIRMWARE_ENDPOINT);
        exchanges.add(firmwareExchange);
        FirmwareVersion firmware = firmwareOf(firmwareExchange);
        ApiGeneration generation = ApiGeneration.of(firmware).orElseThrow(() -> unsupported(firmware));

        ApiExchange configExchange = get(generation.activeConfigEndpoint());
        exchanges.add(configExchange);
        JsonNode config = json(configExchange, firmware);
        ActiveConfig activeConfig = extract(configExchange, firmware, () -> ActiveConfig.fromJson(config, "$"));

        // identity and packet format from the metadata: one document from 2.2 on, FW 2.1's pieces assembled
        SensorIdentity identity;
        SensorDataFormat dataFormat;
        if (generation.metadataEndpoint().isPresent()) {
            ApiExchange metadataExchange = get(generation.metadataEndpoint().get());
            exchanges.add(metadataExchange);
            JsonNode metadata = json(metadataExchange, firmware);
            identity = extract(metadataExchange, firmware, () -> SensorIdentity.fromSensorInfo(
                    ApiJson.object(metadata, "$", "sensor_info")));
            dataFormat = extract(metadataExchange, firmware, () -> SensorDataFormat.fromMetadata(metadata));
        } else {
            ApiExchange sensorInfoExchange = get(ApiGeneration.SENSOR_INFO_COMMAND);
            exchanges.add(sensorInfoExchange);
            JsonNode sensorInfo = json(sensorInfoExchange, firmware);
            ApiExchange formatExchange = get(ApiGeneration.LIDAR_DATA_FORMAT_COMMAND);
            exchanges.add(formatExchange);
            JsonNode metadata = assembled(sensorInfo, json(formatExchange, firmware), config);
            identity = extract(sensorInfoExchange, firmware, () -> SensorIdentity.fromSensorInfo(sensorInfo));
            dataFormat = extract(formatExchange, firmware, () -> SensorDataFormat.fromMetadata(metadata));
        }

        ApiExchange ptpExchange = get(ApiGeneration.PTP_ENDPOINT);
        exchanges.add(ptpExchange);
        SensorPtpState ptp = interpret(ptpExchange, firmware, SensorPtpState::fromJson);
        return new OusterApiReading(identity, generation, dataFormat, activeConfig, ptp, exchanges);
    }

    /** The sensor's PTP state alone, e.g. to await SLAVE; the firmware must be 2.1 or later. */
    public SensorPtpState ptpState() {
        return interpret(get(ApiGeneration.PTP_ENDPOINT), null, SensorPtpState::fromJson);
    }

    /** Every answer so far, oldest first (the most recent {@value #EXCHANGE_LOG_CAPACITY}), as read. */
    public List<ApiExchange> exchanges() {
        synchronized (exchangeLog) {
            return List.copyOf(exchangeLog);
        }
    }

    @Override
    public void close() {
        // the JDK 17 HttpClient has no close(): its handler threads are ours to end, its selector ends with it
        executor.shutdownNow();
    }

    private FirmwareVersion firmwareOf(ApiExchange exchange) {
        return interpret(exchange, null, json -> {
            String image = ApiJson.text(json, "$", "fw");
            try {
                return FirmwareVersion.parse(image);
            } catch (IllegalArgumentException e) {
                throw new ApiContentException("$.fw '" + image + "' holds no firmware version");
            }
        });
    }

    /** FW 2.1's pieces in the layout of a whole metadata document, as the vendor SDK assembles them. */
    private static JsonNode assembled(JsonNode sensorInfo, JsonNode lidarDataFormat, JsonNode config) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.set("sensor_info", sensorInfo);
        metadata.set("lidar_data_format", lidarDataFormat);
        metadata.set("config_params", config);
        return metadata;
    }

    /** Bounded GET; answers of any status are logged and returned, only 2xx ones pass {@link #interpret}. */
    private ApiExchange get(String endpoint) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(endpoint))
                .timeout(Duration.ofNanos(requestTimeoutNs))
                .header("Accept", "application/json")
                .GET()
                .build();
        long startNanoTime = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // the JDK's request timeout ends at the response headers: this bounds the body too
            HttpResponse<byte[]> response = answer.get(connectTimeoutNs + requestTimeoutNs, TimeUnit.NANOSECONDS);
            ApiExchange exchange = new ApiExchange(endpoint, response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8), HostClock.SYSTEM.nowNs(), System.nanoTime() - startNanoTime);
            log(exchange);
            return exchange;
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw noAnswer(endpoint, e);
        } catch (ExecutionException e) {
            throw unreachable(endpoint, e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new BenchPartUnreachableException(part(), "GET " + endpoint + ": interrupted while waiting for the "
                    + "answer", "the run was stopped", e);
        }
    }

    /** The answer's JSON, read by {@code reading}. */
    private <T> T interpret(ApiExchange exchange, FirmwareVersion firmware, Function<JsonNode, T> reading) {
        JsonNode json = json(exchange, firmware);
        return extract(exchange, firmware, () -> reading.apply(json));
    }

    /** A 2xx answer's JSON; anything else is the sensor misbehaving. */
    private JsonNode json(ApiExchange exchange, FirmwareVersion firmware) {
        if (exchange.status() < 200 || exchange.status() > 299) {
            throw new BenchPartMisbehavingException(part(), "GET " + exchange.endpoint() + ": HTTP "
                    + exchange.status() + ", body: " + preview(exchange.body()), statusHint(exchange, firmware));
        }
        try {
            return ApiJson.parse(exchange.body());
        } catch (ApiContentException e) {
            throw new BenchPartMisbehavingException(part(), "GET " + exchange.endpoint() + ": " + e.getMessage()
                    + ", body: " + preview(exchange.body()), "something other than an Ouster sensor may answer at "
                    + base() + ", or its web server is damaged: check sensors." + sensorName + ".address and open "
                    + base() + " in a browser", e);
        }
    }

    /** Reads a value from an answer's JSON; a field missing or wrong names the answer it came from. */
    private <T> T extract(ApiExchange exchange, FirmwareVersion firmware, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (ApiContentException e) {
            throw new BenchPartMisbehavingException(part(), "GET " + exchange.endpoint() + ": " + e.getMessage()
                    + ", body: " + preview(exchange.body()), e.hint().orElse("the firmware ("
                    + (firmware == null ? "version unknown" : firmware.text()) + ") answers in a layout the suite "
                    + "does not know: compare the answer with Ouster's HTTP API reference for that firmware, or "
                    + "update the sensor's firmware"), e);
        }
    }

    private String statusHint(ApiExchange exchange, FirmwareVersion firmware) {
        if (exchange.status() == 404) {
            return (firmware == null ? "the sensor's firmware does not serve " + exchange.endpoint()
                    : "firmware " + firmware.text() + " should serve " + exchange.endpoint() + " (as the vendor SDK "
                    + "expects)") + ": check the sensor's firmware version (curl " + base()
                    + ApiGeneration.FIRMWARE_ENDPOINT + "; the suite reads firmware 2.1 and later)";
        }
        if (exchange.status() >= 500) {
            return "the sensor failed to answer: it may be initializing or in an error state; check its status "
                    + "(curl " + base() + "/api/v1/sensor/metadata/sensor_info) and power-cycle it if it stays so";
        }
        return "is an Ouster sensor at " + base() + "? Check sensors." + sensorName + ".address and the firmware "
                + "version (curl " + base() + ApiGeneration.FIRMWARE_ENDPOINT + ")";
    }

    private BenchPartMisbehavingException unsupported(FirmwareVersion firmware) {
        return new BenchPartMisbehavingException(part(), "firmware " + firmware.text() + " (" + firmware.number()
                + ") is not supported: firmware before 2.1 serves its configuration over the TCP 7501 text "
                + "protocol only, which the suite does not speak", "upgrade the sensor's firmware to 2.1 or later "
                + "(the vendor's current ouster-sdk needs 2.4 or later)");
    }

    private BenchPartUnreachableException noAnswer(String endpoint, Throwable cause) {
        return new BenchPartUnreachableException(part(), "GET " + endpoint + ": no answer within "
                + DurationText.formatToMs(connectTimeoutNs + requestTimeoutNs) + " (connect timeout "
                + DurationText.formatToMs(connectTimeoutNs) + " + request timeout "
                + DurationText.formatToMs(requestTimeoutNs) + ")", hangHint(), cause);
    }

    private BenchPartUnreachableException unreachable(String endpoint, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new BenchPartUnreachableException(part(), "GET " + endpoint + ": no connection within "
                    + DurationText.formatToMs(connectTimeoutNs), reachHint(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new BenchPartUnreachableException(part(), "GET " + endpoint + ": the sensor accepted the "
                    + "connection but sent no answer within " + DurationText.formatToMs(requestTimeoutNs), hangHint(),
                    cause);
        }
        if (cause instanceof ConnectException) {
            return new BenchPartUnreachableException(part(), "GET " + endpoint + ": connection refused"
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), reachHint(), cause);
        }
        String what = cause instanceof IOException ? "connection failed" : "request failed";
        return new BenchPartUnreachableException(part(), "GET " + endpoint + ": " + what + " (" + cause + ")",
                reachHint(), cause);
    }

    private String reachHint() {
        return "check sensors." + sensorName + ".address (" + baseUri.getHost() + "), that the sensor is powered "
                + "and cabled to this host's bench network in its subnet (ping " + baseUri.getHost() + "; curl "
                + base() + ApiGeneration.FIRMWARE_ENDPOINT + ")";
    }

    private String hangHint() {
        return "the sensor's web server accepted the connection but did not answer in time: it may be booting or "
                + "updating its firmware; wait and retry, else power-cycle the sensor";
    }

    private String base() {
        String text = baseUri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private void log(ApiExchange exchange) {
        synchronized (exchangeLog) {
            if (exchangeLog.size() == EXCHANGE_LOG_CAPACITY) {
                exchangeLog.removeFirst();
            }
            exchangeLog.addLast(exchange);
        }
    }

    /** The first characters of a body, on one line, with its length when cut. */
    static String preview(String body) {
        if (body.isEmpty()) {
            return "(empty)";
        }
        String oneLine = body.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= BODY_PREVIEW_CHARS ? "'" + oneLine + "'"
                : "'" + oneLine.substring(0, BODY_PREVIEW_CHARS) + "…' (" + body.length() + " characters)";
    }
}
