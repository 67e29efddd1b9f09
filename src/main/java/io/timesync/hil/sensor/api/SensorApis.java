package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timesync.hil.BenchPartException;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.time.PeriodicWatch;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Every sensor's own view over its HTTP API: each sensor asked once, all at once, when the bench opens its sensors
 * (each request bounded by the client's timeouts), its answers written to the evidence as they were read; then its
 * PTP state watched for the rest of the run, every change written as it is seen.
 */
public final class SensorApis implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One sample of the sensor's PTP state ({@code /api/v1/time/ptp}), or why it could not be read. */
    public record PtpSample(Optional<SensorPtpState> state, String problem) {
        static PtpSample of(OusterApiClient client) {
            try {
                return new PtpSample(Optional.of(client.ptpState()), "");
            } catch (BenchPartException e) {
                return new PtpSample(Optional.empty(), e.problem());
            } catch (RuntimeException e) {
                return new PtpSample(Optional.empty(), String.valueOf(e.getMessage()));
            }
        }
    }

    /** What a sensor's API said when the bench opened it, or why it said nothing. */
    public record Answer(Optional<OusterApiReading> reading, Optional<RuntimeException> failure) {
        public Answer {
            if (reading.isPresent() == failure.isPresent()) {
                throw new IllegalArgumentException("an answer is a reading or a failure");
            }
        }

        public static Answer of(OusterApiReading reading) {
            return new Answer(Optional.of(reading), Optional.empty());
        }

        public static Answer failed(RuntimeException failure) {
            return new Answer(Optional.empty(), Optional.of(failure));
        }
    }

    private record Sensor(OusterApiClient client, Answer answer, Path answersFile, PeriodicWatch<PtpSample> watch) {
    }

    private final Map<String, Sensor> sensors;

    private SensorApis(Map<String, Sensor> sensors) {
        this.sensors = sensors;
    }

    /**
     * @param apis          the API of each sensor that is asked, by sensor name
     * @param evidenceFiles where the evidence file of a name goes (the evidence folder's sensors/)
     */
    public static SensorApis open(Map<String, URI> apis, long connectTimeoutNs, long requestTimeoutNs,
                                  long watchIntervalNs, HostClock clock, Function<String, Path> evidenceFiles) {
        Map<String, OusterApiClient> clients = new LinkedHashMap<>();
        apis.forEach((name, uri) -> clients.put(name, new OusterApiClient(name, uri, connectTimeoutNs,
                requestTimeoutNs)));
        Map<String, CompletableFuture<OusterApiReading>> readings = new LinkedHashMap<>();
        clients.forEach((name, client) -> readings.put(name, CompletableFuture.supplyAsync(client::read)));
        Map<String, Sensor> sensors = new LinkedHashMap<>();
        clients.forEach((name, client) -> {
            Answer answer;
            try {
                answer = Answer.of(readings.get(name).join()); // bounded: each request has its timeouts
            } catch (CompletionException e) {
                answer = Answer.failed(e.getCause() instanceof RuntimeException cause ? cause : e);
            }
            Path answers = evidenceFiles.apply(name + "-api.json");
            write(answers, client.exchanges());
            PeriodicWatch<PtpSample> watch = PeriodicWatch.start("sensor-api-watch " + name, () -> PtpSample.of(client),
                    SensorApis::csv, "port_state,grandmaster_identity,offset_from_master_ns,problem", watchIntervalNs,
                    2 * (connectTimeoutNs + requestTimeoutNs), clock, evidenceFiles.apply(name + "-ptp.csv"));
            sensors.put(name, new Sensor(client, answer, answers, watch));
        });
        return new SensorApis(sensors);
    }

    /** Whether the sensor is asked over its API at all. */
    public boolean asks(String sensor) {
        return sensors.containsKey(sensor);
    }

    /** What the sensor's API said when the bench opened; throws why it could not be read. */
    public OusterApiReading reading(String sensor) {
        Answer answer = answer(sensor);
        return answer.reading().orElseThrow(() -> answer.failure().orElseThrow());
    }

    public Answer answer(String sensor) {
        return sensor(sensor).answer();
    }

    /**
     * Awaits (bounded) the sensor's PTP port SLAVE to {@code grandmaster}, asking its PTP page, every state seen
     * recorded; empty when its API did not answer when the bench opened. An API that fails meanwhile throws.
     */
    public Optional<StateWatch.Observation<String>> awaitFollowing(String sensor, String grandmaster, long timeoutNs) {
        Sensor asked = sensor(sensor);
        return asked.answer().reading().map(read -> StateWatch.awaitState(
                () -> asked.client().ptpState().portAndGrandmaster(), PortState.SLAVE + " to " + grandmaster,
                timeoutNs));
    }

    /** Its PTP state as watched, once a sample at or after {@code hostNs} was taken (bounded). */
    public Timeline<PtpSample> ptpTimelineThrough(String sensor, long hostNs) {
        return sensor(sensor).watch().timelineThrough(hostNs);
    }

    /** The evidence file of every request and answer when the bench opened the sensor. */
    public Path answersFile(String sensor) {
        return sensor(sensor).answersFile();
    }

    public Path ptpLog(String sensor) {
        return sensor(sensor).watch().logFile();
    }

    private Sensor sensor(String name) {
        Sensor sensor = sensors.get(name);
        if (sensor == null) {
            throw new IllegalArgumentException("sensor " + name + " is not asked over its API: " + sensors.keySet());
        }
        return sensor;
    }

    private static String csv(PtpSample sample) {
        return sample.state().map(state -> state.portState() + "," + state.grandmasterIdentity() + ","
                + state.offsetFromMasterNs() + ",").orElse(",,," + PeriodicWatch.quoted(sample.problem()));
    }

    private static void write(Path file, List<ApiExchange> exchanges) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(exchanges));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sensor API's answers to " + file, e);
        }
    }

    @Override
    public void close() {
        sensors.values().forEach(sensor -> {
            sensor.watch().close();
            sensor.client().close();
        });
    }
}
