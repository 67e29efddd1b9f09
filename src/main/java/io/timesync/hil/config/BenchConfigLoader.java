package io.timesync.hil.config;

import io.timesync.hil.DurationText;
import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sim.CameraFault;
import io.timesync.hil.sim.Ptp4lRole;
import io.timesync.hil.sim.SensorFault;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a bench file from {@code hil-config/} and applies {@code -Dhil.<key>=value} overrides. Bench
 * files are read as SnakeYAML node trees, not objects: every value keeps its line for error messages and
 * its text as written (serial 05520125 stays a string, not an octal number).
 */
public final class BenchConfigLoader {
    public static final String BENCH_PROPERTY = "hil.bench";
    public static final String CONFIG_DIR_PROPERTY = "hil.configDir";
    /** Where the run's raw evidence goes (default {@code target/hil-evidence}); a run setting, not a bench key. */
    public static final String EVIDENCE_DIR_PROPERTY = "hil.evidenceDir";
    public static final String DEFAULT_BENCH = "sim";
    private static final String PREFIX = "hil.";
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern RUNNER_LABEL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final List<String> LIDAR_MODES = List.of("512x10", "512x20", "1024x10", "1024x20", "2048x10",
            "4096x5");

    /** Every key a bench file may hold, with what it means; the README documents the same. */
    public static final Map<String, String> KEYS = keys(
            "name", "bench name shown in the report (default: the file name)",
            "interface", "network interface(s) the host's ptp4l serves the bench on (required)",
            "timeout", "bound on one requirement's whole measurement (default 60s)",
            "ci.runner", "label of the self-hosted runner the nightly CI job runs this bench on (none: not nightly)",
            "ptp4l.socket", "ptp4l's management socket, or auto: /var/run/ptp4lro if present, else /var/run/ptp4l",
            "ptp4l.domain", "the PTP domain the bench runs in, 0..255 (default 0)",
            "ptp4l.settleTimeout", "how long ptp4l's bench port may take to reach MASTER (default 30s)",
            "ptp4l.replyTimeout", "how long to wait for each management reply (default 1s)",
            "ptp4l.utcOffset", "TAI - UTC when ptp4l does not mark its currentUtcOffset valid (default 37s)",
            "cameras.serials", "serial numbers of the cameras (required when cameras are configured)",
            "cameras.backend", "how cameras are reached: ic4 (The Imaging Source SDK) or simulated (default ic4)",
            "cameras.ic4Library", "libic4core.so to use, or auto: the system's (default auto)",
            "cameras.samples", "latch samples per run (default 1)",
            "cameras.interval", "pause between samples (default 0)",
            "cameras.threshold", "max |delta| per camera; a bare number is ns (default 100ms)",
            "cameras.compareToHostClock", "also compare camera time with the host clock (default false)",
            "cameras.hostThreshold", "max |camera time - host clock|; a bare number is ns (default: cameras.threshold)",
            "cameras.settleTimeout", "how long a camera may take to reach PTP Slave (default 30s)",
            "simulation.ptp4l.role", "simulated ptp4l: grandmaster, slave, listening, absent, garbage or silent",
            "simulation.ptp4l.domain", "the simulated ptp4l's own domain (default: ptp4l.domain)",
            "simulation.ptp4l.interface", "the simulated ptp4l's port interface(s) (default: interface)",
            "simulation.ptp4l.masterAfter", "how long the simulated grandmaster stays LISTENING (default 300ms)",
            "sensors.*.address", "the sensor's IPv4 address; packets from elsewhere are counted and ignored (required)",
            "sensors.*.lidarPort", "UDP port its lidar packets arrive on (default 7502; 0: any, simulated bench)",
            "sensors.*.imuPort", "UDP port its IMU packets arrive on (default 7503; 0: any, simulated bench)",
            "sensors.*.lidarProfile", "udp_profile_lidar: LEGACY, RNG19_RFL8_SIG16_NIR16, RNG15_RFL8_NIR8, "
                    + "RNG19_RFL8_SIG16_NIR16_DUAL or RNG15_RFL8_NIR8_DUAL (default RNG19_RFL8_SIG16_NIR16)",
            "sensors.*.beams", "beams: 16, 32, 64 or 128 (required)",
            "sensors.*.mode", "lidar_mode: 512x10, 512x20, 1024x10, 1024x20, 2048x10 or 4096x5 (default 1024x10)",
            "sensors.*.imuProfile", "udp_profile_imu: LEGACY or ACCEL32_GYRO32_NMEA (default LEGACY)",
            "sensors.*.imuMeasurementsPerPacket", "ACCEL32_GYRO32_NMEA: measurements per IMU packet (default 8)",
            "sensors.*.imuRate", "IMU packets per second (default 100)",
            "packetTiming.maxDiff", "a packet may arrive at most this long after its sensor timestamp (default 10ms)",
            "packetTiming.futureTolerance", "and at most this long before it (default 1ms)",
            "packetTiming.warmUp", "first part of the capture: logged, not judged (default 1s)",
            "packetTiming.duration", "judged capture time after the warm-up (default 10s)",
            "packetTiming.arrivalTimeout", "how long a stream may take to send its first packet (default 5s)",
            "packetTiming.receiveTimestamps", "software (kernel, CLOCK_REALTIME) or hardware (NIC clock, TAI)",
            "packetTiming.bindAddress", "IPv4 address the capture binds (default 0.0.0.0)",
            "packetTiming.bindInterface", "also bind to this interface (SO_BINDTODEVICE), or none (default)",
            "packetTiming.receiveBuffer", "socket receive buffer in bytes (default 67108864)",
            "simulation.cameras.latchLatency", "median duration of a simulated latch call (default 800us)",
            "simulation.cameras.faults", "simulated camera faults, '<serial> <fault>' each: " + CameraFault.SYNTAX,
            "simulation.sensors.faults", "simulated sensor faults, '<sensor> <fault>' each: " + SensorFault.SYNTAX);

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

    public static BenchConfig load(Properties properties) {
        Path configDir = Path.of(properties.get(CONFIG_DIR_PROPERTY).orElse("hil-config"));
        String selection = properties.get(BENCH_PROPERTY).filter(s -> !s.isBlank()).orElse(DEFAULT_BENCH);
        Path file = benchFile(selection, configDir);
        return load(file, properties);
    }

    /** A name selects {@code <configDir>/<name>.yaml}; anything with a slash or .yaml/.yml ending is a path. */
    public static Path benchFile(String selection, Path configDir) {
        boolean isPath = selection.contains("/") || selection.endsWith(".yaml") || selection.endsWith(".yml");
        return isPath ? Path.of(selection) : configDir.resolve(selection + ".yaml");
    }

    static BenchConfig load(Path file, Properties properties) {
        if (!Files.isRegularFile(file)) {
            throw new BenchConfigException(file.toString(), "no such bench file (benches in " + file.getParent()
                    + ": " + benchesIn(file.getParent()) + "; select one with -D" + BENCH_PROPERTY + "=<name or file>)");
        }
        Values values = new Values(file.toString());
        values.readFile(file);
        values.readOverrides(properties);
        return values.toConfig(baseName(file));
    }

    /** The names of the bench files ({@code <name>.yaml}) in a directory, sorted. */
    public static List<String> benchNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(Path::getFileName).map(Path::toString).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
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

    private static Map<String, String> keys(String... pairs) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(keys);
    }

    private static Set<String> sections() {
        Set<String> sections = new HashSet<>();
        for (String key : KEYS.keySet()) {
            for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
                sections.add(key.substring(0, dot));
            }
        }
        return sections;
    }

    /** The key or section pattern {@code key} is an instance of ({@code sensors.front.beams} of
     *  {@code sensors.*.beams}), or {@code key} itself. */
    private static String pattern(String key, Set<String> patterns) {
        if (patterns.contains(key)) {
            return key;
        }
        String[] segments = key.split("\\.");
        for (String candidate : patterns) {
            String[] candidateSegments = candidate.split("\\.");
            if (candidateSegments.length == segments.length) {
                boolean matches = true;
                for (int i = 0; i < segments.length && matches; i++) {
                    matches = candidateSegments[i].equals("*") || candidateSegments[i].equals(segments[i]);
                }
                if (matches) {
                    return candidate;
                }
            }
        }
        return key;
    }

    /** A value as written: a scalar or a list of scalars, with where it was written. */
    private record Raw(String where, String text, List<String> items) {
        List<String> asList() {
            return items != null ? items
                    : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    /** File values overlaid with overrides, and their conversion to typed settings. */
    private static final class Values {
        private final String file;
        private final Map<String, Raw> raw = new LinkedHashMap<>();
        private final Set<String> sectionsInFile = new LinkedHashSet<>(); // in file order: sensors keep theirs
        private final Set<String> sections = sections();

        Values(String file) {
            this.file = file;
        }

        void readFile(Path path) {
            Node root;
            LoaderOptions options = new LoaderOptions();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                root = new Yaml(options).compose(reader);
            } catch (MarkedYAMLException e) {
                throw new BenchConfigException(file + ", line " + (e.getProblemMark().getLine() + 1),
                        "not valid YAML: " + e.getProblem());
            } catch (YAMLException | IOException e) {
                throw new BenchConfigException(file, "cannot be read: " + e.getMessage());
            }
            if (root == null) {
                throw new BenchConfigException(file, "is empty; expected keys such as interface: and ptp4l:");
            }
            if (!(root instanceof MappingNode mapping)) {
                throw new BenchConfigException(at(root), "expected a mapping of keys (key: value) at the top level");
            }
            walk(mapping, "");
        }

        private void walk(MappingNode mapping, String prefix) {
            Map<String, Node> seen = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new BenchConfigException(at(tuple.getKeyNode()), "a key must be a plain name");
                }
                String key = prefix + keyNode.getValue();
                Node value = tuple.getValueNode();
                if (seen.containsKey(key)) {
                    throw new BenchConfigException(at(keyNode), "key '" + key + "' appears twice (first at line "
                            + line(seen.get(key)) + ")");
                }
                seen.put(key, keyNode);
                if (sections.contains(pattern(key, sections))) {
                    sectionsInFile.add(key);
                    if (value instanceof MappingNode section) {
                        walk(section, key + ".");
                    } else if (!isNull(value)) {
                        throw new BenchConfigException(at(value), "'" + key + "' is a section: expected keys under it ("
                                + keysUnder(key) + ")");
                    }
                } else if (isKey(key)) {
                    raw.put(key, leaf(key, value));
                } else {
                    throw new BenchConfigException(at(keyNode), unknownKey(key));
                }
            }
        }

        private Raw leaf(String key, Node value) {
            if (value instanceof ScalarNode scalar && !isNull(scalar)) {
                return new Raw(at(value) + ", key '" + key + "'", scalar.getValue(), null);
            }
            if (value instanceof SequenceNode sequence) {
                List<String> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                        throw new BenchConfigException(at(item) + ", key '" + key + "'", "list items must be plain values");
                    }
                    items.add(scalar.getValue());
                }
                return new Raw(at(value) + ", key '" + key + "'", null, items);
            }
            throw new BenchConfigException(at(value) + ", key '" + key + "'",
                    isNull(value) ? "has no value: " + describe(key) : "expected a value, not a mapping");
        }

        void readOverrides(Properties properties) {
            for (String name : properties.hilPropertyNames()) {
                String key = name.substring(PREFIX.length());
                if (!isKey(key) && !List.of(BENCH_PROPERTY, CONFIG_DIR_PROPERTY, EVIDENCE_DIR_PROPERTY).contains(name)) {
                    throw new BenchConfigException("-D" + name, unknownKey(key));
                }
            }
            Set<String> keys = new HashSet<>();
            for (String key : KEYS.keySet()) {
                if (key.startsWith("sensors.*.")) {
                    sensorNames().forEach(sensor -> keys.add(key.replace("*", sensor)));
                } else {
                    keys.add(key);
                }
            }
            for (String key : keys) {
                properties.get(PREFIX + key).ifPresent(text ->
                        raw.put(key, new Raw("-D" + PREFIX + key + "=" + text, text, null)));
            }
        }

        BenchConfig toConfig(String defaultName) {
            List<String> interfaces = names("interface").orElseThrow(() -> new BenchConfigException(file,
                    "key 'interface' is missing: " + KEYS.get("interface") + ", e.g. interface: enp3s0"));
            BenchConfig.Ptp4lSettings ptp4l = new BenchConfig.Ptp4lSettings(
                    text("ptp4l.socket").filter(socket -> !socket.equals("auto")),
                    integer("ptp4l.domain", 0, 255).orElse(0),
                    duration("ptp4l.settleTimeout", false, 0).orElse(30_000_000_000L),
                    duration("ptp4l.replyTimeout", false, 1).orElse(1_000_000_000L),
                    duration("ptp4l.utcOffset", false, 0).orElse(37_000_000_000L));
            return new BenchConfig(
                    text("name").orElse(defaultName),
                    file,
                    interfaces,
                    duration("timeout", false, 1).orElse(60_000_000_000L),
                    ptp4l,
                    cameras(),
                    sensors(),
                    packetTiming(),
                    simulation(ptp4l.domain(), interfaces),
                    runnerLabel());
        }

        private Optional<String> runnerLabel() {
            return text("ci.runner").map(label -> {
                if (!RUNNER_LABEL.matcher(label).matches()) {
                    throw new BenchConfigException(raw.get("ci.runner").where(), "'" + label + "' is not a runner "
                            + "label: letters, digits, '.', '_' and '-' only, e.g. runner: bench-lab-1");
                }
                return label;
            });
        }

        private Optional<BenchConfig.CameraSettings> cameras() {
            if (!present("cameras")) {
                return Optional.empty();
            }
            List<String> serials = names("cameras.serials").orElseThrow(() -> new BenchConfigException(file,
                    "key 'cameras.serials' is missing: list the camera serials, e.g. serials: [\"05520125\"]"));
            long thresholdNs = duration("cameras.threshold", true, 1).orElse(100_000_000L);
            return Optional.of(new BenchConfig.CameraSettings(
                    serials,
                    choice("cameras.backend", BenchConfig.CameraBackendKind.class).orElse(BenchConfig.CameraBackendKind.IC4),
                    text("cameras.ic4Library").filter(library -> !library.equals("auto")),
                    integer("cameras.samples", 1, Integer.MAX_VALUE).orElse(1),
                    duration("cameras.interval", false, 0).orElse(0L),
                    thresholdNs,
                    bool("cameras.compareToHostClock").orElse(false),
                    duration("cameras.hostThreshold", true, 1).orElse(thresholdNs),
                    duration("cameras.settleTimeout", false, 0).orElse(30_000_000_000L)));
        }

        private List<SensorSettings> sensors() {
            if (sectionsInFile.contains("sensors") && sensorNames().isEmpty()) {
                throw new BenchConfigException(file, "'sensors' names no sensor: give each one a name, e.g. sensors: "
                        + "{os-1: {address: 192.168.1.21, beams: 64}}");
            }
            List<SensorSettings> sensors = new ArrayList<>();
            for (String name : sensorNames()) {
                String prefix = "sensors." + name + ".";
                String address = text(prefix + "address").orElseThrow(() -> new BenchConfigException(file,
                        "key '" + prefix + "address' is missing: " + describe(prefix + "address")));
                if (!IPV4.matcher(address).matches()) {
                    throw new BenchConfigException(raw.get(prefix + "address").where(), "expected an IPv4 address "
                            + "such as 192.168.1.21, got '" + address + "'");
                }
                int beams = integer(prefix + "beams", 1, 1024).orElseThrow(() -> new BenchConfigException(file,
                        "key '" + prefix + "beams' is missing: " + describe(prefix + "beams")));
                if (!List.of(16, 32, 64, 128).contains(beams)) {
                    throw new BenchConfigException(raw.get(prefix + "beams").where(), "must be one of 16, 32, 64, 128, "
                            + "got '" + beams + "'");
                }
                String mode = text(prefix + "mode").orElse("1024x10");
                if (!LIDAR_MODES.contains(mode)) {
                    throw new BenchConfigException(raw.get(prefix + "mode").where(), "expected a lidar mode "
                            + LIDAR_MODES + ", got '" + mode + "'");
                }
                String[] columnsAndRate = mode.split("x");
                sensors.add(new SensorSettings(name, address,
                        integer(prefix + "lidarPort", 0, 65535).orElse(7502),
                        integer(prefix + "imuPort", 0, 65535).orElse(7503),
                        new LidarPacketFormat(choice(prefix + "lidarProfile", LidarProfile.class)
                                .orElse(LidarProfile.RNG19_RFL8_SIG16_NIR16), beams, Integer.parseInt(columnsAndRate[0])),
                        Integer.parseInt(columnsAndRate[1]),
                        new ImuPacketFormat(choice(prefix + "imuProfile", ImuProfile.class).orElse(ImuProfile.LEGACY),
                                integer(prefix + "imuMeasurementsPerPacket", 1, 64).orElse(8)),
                        integer(prefix + "imuRate", 1, 10_000).orElse(100)));
            }
            return sensors;
        }

        private CaptureSettings packetTiming() {
            String receiveTimestamps = text("packetTiming.receiveTimestamps").orElse("software");
            if (!List.of("software", "hardware").contains(receiveTimestamps)) {
                throw new BenchConfigException(raw.get("packetTiming.receiveTimestamps").where(),
                        "expected software or hardware, got '" + receiveTimestamps + "'");
            }
            String bindAddress = text("packetTiming.bindAddress").orElse("0.0.0.0");
            if (!IPV4.matcher(bindAddress).matches()) {
                throw new BenchConfigException(raw.get("packetTiming.bindAddress").where(), "expected an IPv4 address "
                        + "of this host (or 0.0.0.0), got '" + bindAddress + "'");
            }
            return new CaptureSettings(bindAddress, text("packetTiming.bindInterface"),
                    integer("packetTiming.receiveBuffer", 4096, Integer.MAX_VALUE).orElse(64 << 20),
                    receiveTimestamps.equals("hardware"),
                    duration("packetTiming.maxDiff", false, 1).orElse(10_000_000L),
                    duration("packetTiming.futureTolerance", false, 0).orElse(1_000_000L),
                    duration("packetTiming.warmUp", false, 0).orElse(1_000_000_000L),
                    duration("packetTiming.duration", false, 1).orElse(10_000_000_000L),
                    duration("packetTiming.arrivalTimeout", false, 1).orElse(5_000_000_000L));
        }

        private Optional<BenchConfig.SimulationSettings> simulation(int benchDomain, List<String> benchInterfaces) {
            if (!sectionsInFile.contains("simulation")) {
                raw.keySet().stream().filter(key -> key.startsWith("simulation.")).findFirst().ifPresent(key -> {
                    throw new BenchConfigException(raw.get(key).where(), "'" + key + "' applies only to a simulated "
                            + "bench (a bench file with a simulation: section, such as hil-config/sim.yaml)");
                });
                return Optional.empty();
            }
            return Optional.of(new BenchConfig.SimulationSettings(
                    choice("simulation.ptp4l.role", Ptp4lRole.class).orElse(Ptp4lRole.GRANDMASTER),
                    integer("simulation.ptp4l.domain", 0, 255).orElse(benchDomain),
                    names("simulation.ptp4l.interface").orElse(benchInterfaces),
                    duration("simulation.ptp4l.masterAfter", false, 0).orElse(300_000_000L),
                    duration("simulation.cameras.latchLatency", false, 1_000).orElse(800_000L),
                    faults("simulation.cameras.faults", "cameras.serials",
                            raw.containsKey("cameras.serials") ? names("cameras.serials").orElseThrow() : List.of(),
                            CameraFault::parse),
                    faults("simulation.sensors.faults", "sensors", sensorNames(), SensorFault::parse)));
        }

        /** Each entry '<part> <fault>', for a configured part (camera serial, sensor name). */
        private <F> Map<String, List<F>> faults(String key, String partsKey, List<String> parts,
                                                Function<String, F> parse) {
            Map<String, List<F>> faults = new LinkedHashMap<>();
            for (String entry : Optional.ofNullable(raw.get(key)).map(Raw::asList).orElse(List.of())) {
                String[] words = entry.strip().split("\\s+", 2);
                if (words.length != 2) {
                    throw new BenchConfigException(raw.get(key).where(), "entry '" + entry
                            + "' should be '<name> <fault>', e.g. '" + (parts.isEmpty() ? "name" : parts.get(0))
                            + " " + (key.contains("camera") ? "offset=+150ms" : "late=20ms") + "'");
                }
                if (!parts.contains(words[0])) {
                    throw new BenchConfigException(raw.get(key).where(), "entry '" + entry + "' names " + words[0]
                            + ", which is not in " + partsKey + " " + parts);
                }
                try {
                    faults.computeIfAbsent(words[0], part -> new ArrayList<>()).add(parse.apply(words[1]));
                } catch (IllegalArgumentException e) {
                    throw new BenchConfigException(raw.get(key).where(), e.getMessage());
                }
            }
            return faults;
        }

        private boolean present(String section) {
            return sectionsInFile.contains(section) || raw.keySet().stream().anyMatch(k -> k.startsWith(section + "."));
        }

        private Optional<String> text(String key) {
            return Optional.ofNullable(raw.get(key)).map(value -> {
                if (value.items() != null) {
                    throw new BenchConfigException(value.where(), "expected a single value, not a list");
                }
                return value.text().strip();
            });
        }

        private Optional<List<String>> names(String key) {
            return Optional.ofNullable(raw.get(key)).map(value -> {
                List<String> names = value.asList().stream().map(String::strip).toList();
                if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
                    throw new BenchConfigException(value.where(), "expected at least one non-empty entry: "
                            + describe(key));
                }
                return names;
            });
        }

        private Optional<Integer> integer(String key, int min, int max) {
            return text(key).map(text -> {
                try {
                    int number = Integer.parseInt(text);
                    if (number >= min && number <= max) {
                        return number;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
                throw new BenchConfigException(raw.get(key).where(), "expected an integer " + range + ", got '"
                        + text + "'");
            });
        }

        private Optional<Long> duration(String key, boolean bareNumberIsNs, long minNs) {
            return text(key).map(text -> {
                long ns;
                try {
                    ns = DurationText.parseNs(text, bareNumberIsNs);
                } catch (IllegalArgumentException e) {
                    throw new BenchConfigException(raw.get(key).where(), e.getMessage());
                }
                if (ns < minNs) {
                    throw new BenchConfigException(raw.get(key).where(), "must be at least " + DurationText.format(minNs)
                            + ", got '" + text + "'");
                }
                return ns;
            });
        }

        private Optional<Boolean> bool(String key) {
            return text(key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new BenchConfigException(raw.get(key).where(), "expected true or false, got '"
                        + text + "'");
            });
        }

        private <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
            return text(key).map(text -> Arrays.stream(type.getEnumConstants())
                    .filter(constant -> constant.name().equalsIgnoreCase(text)).findFirst()
                    .orElseThrow(() -> new BenchConfigException(raw.get(key).where(), "expected one of "
                            + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")) + ", got '" + text + "'")));
        }

        private boolean isKey(String key) {
            return KEYS.containsKey(pattern(key, KEYS.keySet()));
        }

        private String describe(String key) {
            return KEYS.get(pattern(key, KEYS.keySet()));
        }

        /** The sensors the file names, in order. */
        private List<String> sensorNames() {
            List<String> names = new ArrayList<>();
            for (String section : sectionsInFile) {
                String[] segments = section.split("\\.");
                if (segments.length == 2 && segments[0].equals("sensors") && !names.contains(segments[1])) {
                    names.add(segments[1]);
                }
            }
            return names;
        }

        private String unknownKey(String key) {
            // compare 'sensors.os-1.adress' as 'sensors.*.adress', then suggest with the sensor's name back in
            String[] segments = key.split("\\.");
            boolean named = segments.length == 3 && segments[0].equals("sensors");
            String normalized = named ? "sensors.*." + segments[2] : key;
            String suggestion = Stream.concat(KEYS.keySet().stream(), sections.stream())
                    .min(Comparator.comparingInt(known -> editDistance(known, normalized)))
                    .filter(known -> editDistance(known, normalized) <= 3)
                    .map(known -> " (did you mean '" + (named ? known.replace("*", segments[1]) : known) + "'?)")
                    .orElse("");
            return "key '" + key + "' is unknown" + suggestion + "; known keys: " + String.join(", ", KEYS.keySet());
        }

        private String keysUnder(String section) {
            String sectionPattern = pattern(section, sections);
            return KEYS.keySet().stream().filter(k -> k.startsWith(sectionPattern + "."))
                    .map(k -> k.substring(sectionPattern.length() + 1)).collect(Collectors.joining(", "));
        }

        private String at(Node node) {
            return file + ", line " + line(node);
        }

        private static int line(Node node) {
            return node.getStartMark().getLine() + 1;
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isEmpty());
        }
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
