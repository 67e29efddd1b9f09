package io.timesync.hil.config;

import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.time.DurationText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import static io.timesync.hil.config.BenchKeys.*;

/**
 * Loads a bench: a file from {@code hil-config/} with {@code -Dhil.<key>=value} overrides, checked against the
 * key catalogue, into typed settings. Everything a run cannot honour is an error here, before anything is
 * measured: unknown keys, overrides of sensors that do not exist, duplicate cameras, sensors sharing a port,
 * settle times and captures that cannot fit in the bench's timeout.
 */
public final class BenchConfigLoader {
    public static final String BENCH_PROPERTY = "hil.bench";
    public static final String CONFIG_DIR_PROPERTY = "hil.configDir";
    /** Where the run's raw evidence goes (default {@code target/hil-evidence}); a run setting, not a bench key. */
    public static final String EVIDENCE_DIR_PROPERTY = "hil.evidenceDir";
    public static final String DEFAULT_BENCH = "sim";
    private static final String PREFIX = "hil.";
    private static final Set<String> RUN_PROPERTIES = Set.of(BENCH_PROPERTY, CONFIG_DIR_PROPERTY, EVIDENCE_DIR_PROPERTY);

    /** Where overrides and the bench selection come from: JUnit configuration parameters, system properties. */
    public interface Properties {
        Optional<String> get(String name);

        /** Names of all {@code hil.*} properties set, to catch misspelled overrides. */
        Set<String> hilPropertyNames();

        /** Exactly these properties (a command line's, a test's). */
        static Properties of(Map<String, String> values) {
            Map<String, String> copy = Map.copyOf(values);
            return new Properties() {
                @Override
                public Optional<String> get(String name) {
                    return Optional.ofNullable(copy.get(name));
                }

                @Override
                public Set<String> hilPropertyNames() {
                    return copy.keySet();
                }
            };
        }
    }

    private BenchConfigLoader() {
    }

    public static BenchConfig load(Properties properties, KeyCatalogue catalogue) {
        Path configDir = Path.of(properties.get(CONFIG_DIR_PROPERTY).orElse("hil-config"));
        String selection = properties.get(BENCH_PROPERTY).filter(s -> !s.isBlank()).orElse(DEFAULT_BENCH);
        return load(benchFile(selection, configDir), properties, catalogue);
    }

    /** A name selects {@code <configDir>/<name>.yaml}; anything with a slash or .yaml/.yml ending is a path. */
    public static Path benchFile(String selection, Path configDir) {
        boolean isPath = selection.contains("/") || selection.endsWith(".yaml") || selection.endsWith(".yml");
        return isPath ? Path.of(selection) : configDir.resolve(selection + ".yaml");
    }

    public static BenchConfig load(Path file, Properties properties, KeyCatalogue catalogue) {
        if (!Files.exists(file)) {
            throw new BenchConfigException(file.toString(), "no such bench file (benches in " + file.getParent()
                    + ": " + benchesIn(file.getParent()) + "; select one with -D" + BENCH_PROPERTY + "=<name or file>)");
        }
        BenchFile bench = BenchFile.read(file, catalogue);
        Map<String, ConfigValues.Raw> raw = new LinkedHashMap<>(bench.raw());
        ConfigValues fileValues = new ConfigValues(file.toString(), catalogue, raw, bench.sections());
        readOverrides(properties, catalogue, fileValues, raw);
        ConfigValues values = new ConfigValues(file.toString(), catalogue, raw, bench.sections());
        // the file makes a bench simulated; an override of a simulation key does not
        return toConfig(values, fileValues.hasSection(SIMULATION_SECTION), baseName(file));
    }

    /** The names of the bench files ({@code <name>.yaml}, regular files) in a directory, sorted. */
    public static List<String> benchNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString)
                    .filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted().toList();
        }
    }

    /**
     * Every catalogue key (a sensor key for each sensor the file names) can be overridden; the names that can be
     * listed (system properties: {@code -Dhil.*}) are checked, so a misspelled key or an unknown sensor is an error.
     */
    private static void readOverrides(Properties properties, KeyCatalogue catalogue, ConfigValues file,
                                      Map<String, ConfigValues.Raw> raw) {
        List<String> sensors = file.named("sensors.*");
        for (String property : properties.hilPropertyNames().stream().sorted().toList()) {
            if (RUN_PROPERTIES.contains(property)) {
                continue;
            }
            String key = property.substring(PREFIX.length());
            String where = "-D" + property;
            Optional<Key<?>> known = catalogue.keyOf(key);
            if (known.isEmpty()) {
                throw new BenchConfigException(where, catalogue.unknownKey(key));
            }
            if (known.get().name().startsWith("sensors.*.") && !sensors.contains(key.split("\\.")[1])) {
                String sensor = key.split("\\.")[1];
                throw new BenchConfigException(where, "names the sensor '" + sensor + "', which is not in the "
                        + "bench (sensors: " + (sensors.isEmpty() ? "none" : String.join(", ", sensors)) + ")"
                        + closest(sensor, sensors).map(name -> "; did you mean '" + name + "'?").orElse(""));
            }
        }
        for (Key<?> key : catalogue.keys()) {
            List<String> names = key.name().contains("*") ? sensors.stream().map(key::in).toList()
                    : List.of(key.name());
            for (String name : names) {
                properties.get(PREFIX + name).ifPresent(text -> raw.put(name,
                        new ConfigValues.Raw("-D" + PREFIX + name + "=" + text, text, null)));
            }
        }
    }

    private static BenchConfig toConfig(ConfigValues values, boolean simulated, String defaultName) {
        if (!simulated) {
            values.givenNames().stream().filter(name -> name.startsWith(SIMULATION_SECTION + ".")).findFirst()
                    .ifPresent(name -> {
                        throw values.error(name, "'" + name + "' applies only to a simulated bench (a bench file with "
                                + "a simulation: section, such as hil-config/sim.yaml)");
                    });
        }
        long timeoutNs = values.get(TIMEOUT);
        BenchConfig.Ptp4lSettings ptp4l = new BenchConfig.Ptp4lSettings(
                values.given(PTP4L_SOCKET).filter(socket -> !socket.equals("auto")), values.get(PTP4L_DOMAIN),
                values.get(PTP4L_SETTLE_TIMEOUT), values.get(PTP4L_REPLY_TIMEOUT), values.get(PTP4L_WATCH_INTERVAL),
                values.get(PTP4L_UTC_OFFSET));
        BenchConfig config = new BenchConfig(values.given(NAME).orElse(defaultName), values.source(),
                values.get(INTERFACE_NAMES), timeoutNs, ptp4l, cameras(values), sensors(values), packetTiming(values),
                simulated, values.given(CI_RUNNER), values);
        requireFitsInTimeout(config);
        return config;
    }

    private static Optional<BenchConfig.CameraSettings> cameras(ConfigValues values) {
        if (!values.hasSection("cameras")) {
            return Optional.empty();
        }
        List<String> serials = values.find(CAMERA_SERIALS).orElseThrow(() -> new BenchConfigException(values.source(),
                "key 'cameras.serials' is missing: list the camera serials, e.g. serials: [\"05520125\"]"));
        requireDistinct(values, CAMERA_SERIALS.name(), serials, "camera serial");
        long thresholdNs = values.get(CAMERA_THRESHOLD);
        return Optional.of(new BenchConfig.CameraSettings(serials, backend(values), values.get(CAMERA_SAMPLES), values.get(CAMERA_INTERVAL), values.get(CAMERA_LATCH_ROUNDS),
                values.get(CAMERA_CALL_TIMEOUT), thresholdNs, values.get(CAMERA_COMPARE_TO_HOST),
                values.given(CAMERA_HOST_THRESHOLD).orElse(thresholdNs), values.get(CAMERA_SETTLE_TIMEOUT),
                values.get(CAMERA_PTP_OFFSET_THRESHOLD)));
    }

    /** The backend, with its own settings: a setting of another backend than the chosen one is not honoured. */
    private static CameraBackendChoice backend(ConfigValues values) {
        CameraBackendKind kind = values.get(CAMERA_BACKEND);
        if (kind != CameraBackendKind.IC4 && values.isGiven(CAMERA_IC4_LIBRARY.name())) {
            throw values.error(CAMERA_IC4_LIBRARY.name(), "is an IC4 setting, but cameras.backend is "
                    + kind.name().toLowerCase() + ": remove it, or choose backend ic4");
        }
        return switch (kind) {
            case IC4 -> new CameraBackendChoice.Ic4(values.get(CAMERA_IC4_LIBRARY).equals("auto") ? Optional.empty()
                    : Optional.of(values.get(CAMERA_IC4_LIBRARY)));
            case ARAVIS -> new CameraBackendChoice.Aravis();
            case SIMULATED -> new CameraBackendChoice.Simulated();
        };
    }

    private static List<SensorSpec> sensors(ConfigValues values) {
        List<String> names = values.named("sensors.*");
        if (values.hasSection("sensors") && names.isEmpty()) {
            throw new BenchConfigException(values.source(), "'sensors' names no sensor: give each one a name, e.g. "
                    + "sensors: {os-1: {address: 192.168.1.21}}");
        }
        if (names.size() > MAX_SENSORS) {
            throw new BenchConfigException(values.source(), "names " + names.size() + " sensors; at most "
                    + MAX_SENSORS + " are supported");
        }
        List<SensorSpec> sensors = new ArrayList<>();
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (String name : names) {
            SensorSpec sensor = new SensorSpec(name, values.get(SENSOR_ADDRESS, name),
                    values.get(SENSOR_LIDAR_PORT, name), values.get(SENSOR_IMU_PORT, name),
                    values.get(SENSOR_LIDAR_PROFILE, name), values.get(SENSOR_BEAMS, name), values.get(SENSOR_MODE, name),
                    values.get(SENSOR_IMU_PROFILE, name), values.get(SENSOR_IMU_MEASUREMENTS, name),
                    values.get(SENSOR_IMU_RATE, name), values.get(SENSOR_API, name), values.get(SENSOR_API_PORT, name),
                    values.get(SENSOR_SETTLE_TIMEOUT, name), values.get(SENSOR_PTP_OFFSET_THRESHOLD, name));
            if (!sensor.api() && !sensor.autoKeys().isEmpty()) {
                String key = "sensors." + name + "." + sensor.autoKeys().get(0);
                throw values.error(values.isGiven(key) ? key : SENSOR_API.in(name), "sensor " + name + " is not asked "
                        + "over its API (api: false), so its " + String.join(", ", sensor.autoKeys()) + " cannot be "
                        + "auto: give them in the bench file");
            }
            sensor.lidarPort().ifPresent(port -> claimPort(values, ports, port, SENSOR_LIDAR_PORT.in(name)));
            sensor.imuPort().ifPresent(port -> claimPort(values, ports, port, SENSOR_IMU_PORT.in(name)));
            sensors.add(sensor);
        }
        return sensors;
    }

    /** Two streams cannot share a port: one capture socket owns it. 0 (any free port) is never shared. */
    private static void claimPort(ConfigValues values, Map<Integer, String> ports, int port, String key) {
        if (port == 0) {
            return;
        }
        String other = ports.putIfAbsent(port, key);
        if (other != null) {
            throw values.error(key, "port " + port + " is also " + other + " (" + values.where(other)
                    + "): each stream needs its own UDP port");
        }
    }

    private static CaptureSettings packetTiming(ConfigValues values) {
        return new CaptureSettings(values.get(PACKET_BIND_ADDRESS), values.given(PACKET_BIND_INTERFACE),
                values.get(PACKET_RECEIVE_BUFFER), values.get(PACKET_RECEIVE_TIMESTAMPS).equals("hardware"),
                values.get(PACKET_MAX_DIFF), values.get(PACKET_FUTURE_TOLERANCE), values.get(PACKET_WARM_UP),
                values.get(PACKET_DURATION), values.get(PACKET_ARRIVAL_TIMEOUT),
                values.given(PACKET_MAX_SILENCE).map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    private static void requireDistinct(ConfigValues values, String key, List<String> entries, String what) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!seen.add(entries.get(i))) {
                throw values.error(key, "lists " + what + " " + entries.get(i) + " twice (entries "
                        + (entries.indexOf(entries.get(i)) + 1) + " and " + (i + 1) + ")");
            }
        }
    }

    /** Every requirement's total time is bounded by the bench's timeout: its parts must fit in it. */
    private static void requireFitsInTimeout(BenchConfig config) {
        ConfigValues values = config.values();
        String timeout = "timeout (" + DurationText.format(config.timeoutNs()) + ")";
        requireFits(values, PTP4L_SETTLE_TIMEOUT.name(), config.ptp4l().settleTimeoutNs(), config.timeoutNs(), timeout);
        config.cameras().ifPresent(cameras -> {
            requireFits(values, CAMERA_SETTLE_TIMEOUT.name(), cameras.settleTimeoutNs(), config.timeoutNs(), timeout);
            requireFits(values, CAMERA_INTERVAL.name(), (cameras.samples() - 1) * cameras.intervalNs(),
                    config.timeoutNs(), timeout + " for " + cameras.samples() + " samples at this interval");
        });
        if (!config.sensors().isEmpty()) {
            CaptureSettings capture = config.packetTiming();
            requireFits(values, PACKET_DURATION.name(), capture.warmUpNs() + capture.durationNs(), config.timeoutNs(),
                    timeout + " with the warm-up (" + DurationText.format(capture.warmUpNs()) + ")");
            requireFits(values, PACKET_ARRIVAL_TIMEOUT.name(), capture.arrivalTimeoutNs(), config.timeoutNs(), timeout);
            config.sensors().forEach(sensor -> requireFits(values, SENSOR_SETTLE_TIMEOUT.in(sensor.name()),
                    sensor.settleTimeoutNs(), config.timeoutNs(), timeout));
        }
    }

    private static void requireFits(ConfigValues values, String key, long ns, long timeoutNs, String what) {
        if (ns > timeoutNs) {
            throw values.error(values.isGiven(key) ? key : TIMEOUT.name(), "'" + key + "' ("
                    + DurationText.format(ns) + ") does not fit in the bench's " + what + ": raise timeout or shorten "
                    + key);
        }
    }

    private static Optional<String> closest(String name, List<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(c -> KeyCatalogue.editDistance(c, name)))
                .filter(c -> KeyCatalogue.editDistance(c, name) <= 3);
    }

    private static String benchesIn(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return "none, the directory does not exist";
        }
        try {
            List<String> names = benchNames(directory);
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
