package io.timesync.hil.junit;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.camera.AlignmentLog;
import io.timesync.hil.camera.AlignmentMeasurement;
import io.timesync.hil.camera.AlignmentRun;
import io.timesync.hil.camera.CameraBackend;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.camera.CameraSample;
import io.timesync.hil.camera.HostClock;
import io.timesync.hil.camera.ic4.Ic4CameraBackend;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchConfigException;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.UtcOffset;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.report.AllureEnvironment;
import io.timesync.hil.report.EvidenceStore;
import io.timesync.hil.report.RunFacts;
import io.timesync.hil.sensor.SensorBench;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sim.CameraFault;
import io.timesync.hil.sim.SensorFault;
import io.timesync.hil.sim.SimulatedCamera;
import io.timesync.hil.sim.SimulatedCameraBackend;
import io.timesync.hil.sim.SimulatedOusterSensor;
import io.timesync.hil.sim.SimulatedPtp4l;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bench of one run: its configuration, the simulated parts started for a simulated bench, and the
 * clients of the real (or simulated) parts, opened on first use and closed at the end of the run.
 */
public final class BenchSession implements AutoCloseable {
    /** Raw evidence (datasets, camera latches, packet records) is written here as it is measured. */
    public static final Path EVIDENCE_DIRECTORY = Path.of("target", "hil-evidence");
    private static final long DEFAULT_SIMULATED_LATCH_LATENCY_NS = 800_000;
    private final BenchConfig config;
    private final Path ptp4lSocket;
    private final Optional<SimulatedPtp4l> simulatedPtp4l;
    private final Optional<Path> simulationDirectory;
    private final EvidenceStore evidence;
    private final PrintStream console;
    private final InterruptedRunGuard interruptGuard;
    private final String linuxptpVersion;
    private final String suiteVersion = RunFacts.suiteVersion();
    private final String gitCommit = RunFacts.gitCommit();
    private PtpManagementClient ptp4l;
    private CameraRig cameras;
    private SensorBench sensors;

    private BenchSession(BenchConfig config, Path ptp4lSocket, Optional<SimulatedPtp4l> simulatedPtp4l,
                         Optional<Path> simulationDirectory, EvidenceStore evidence, PrintStream console) {
        this.config = config;
        this.ptp4lSocket = ptp4lSocket;
        this.simulatedPtp4l = simulatedPtp4l;
        this.simulationDirectory = simulationDirectory;
        this.evidence = evidence;
        this.console = console;
        this.linuxptpVersion = config.simulated() ? "simulated ptp4l (in the suite)" : RunFacts.linuxptpVersion();
        this.interruptGuard = new InterruptedRunGuard(evidence, () -> recordEnvironment(false));
        recordEnvironment(false);
    }

    /**
     * @param evidenceDirectory where this run's raw evidence goes (an earlier run's is removed)
     * @param console           where measurements are printed as they are taken
     */
    public static BenchSession open(BenchConfig config, Path evidenceDirectory, PrintStream console) {
        EvidenceStore evidence;
        try {
            evidence = EvidenceStore.fresh(evidenceDirectory);
        } catch (IllegalArgumentException e) {
            throw new BenchConfigException("-D" + BenchConfigLoader.EVIDENCE_DIR_PROPERTY, e.getMessage());
        }
        if (config.simulation().isEmpty()) {
            Path socket = PtpManagementClient.chooseSocket(config.ptp4l().socket().map(Path::of));
            return new BenchSession(config, socket, Optional.empty(), Optional.empty(), evidence, console);
        }
        BenchConfig.SimulationSettings simulation = config.simulation().get();
        try {
            Path directory = Files.createTempDirectory("timesync-hil-sim-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path socket = directory.resolve("ptp4l.sock");
            Optional<SimulatedPtp4l> ptp4l = SimulatedPtp4l.start(simulation.ptp4lRole(), socket,
                    simulation.ptp4lInterfaces(), simulation.ptp4lDomain(), simulation.masterAfterNs());
            return new BenchSession(config, socket, ptp4l, Optional.of(directory), evidence, console);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the simulated bench", e);
        }
    }

    public BenchConfig config() {
        return config;
    }

    public EvidenceStore evidence() {
        return evidence;
    }

    /** A test starts: its evidence gets its own folder, and an interrupted run reports it. */
    void testStarted(String testClass, String test) {
        evidence.startTest(testClass, test);
        interruptGuard.testStarted(testClass + " > " + test);
    }

    void testFinished() {
        interruptGuard.testFinished();
    }

    public synchronized PtpManagementClient ptp4l() {
        if (ptp4l == null) {
            ptp4l = PtpManagementClient.open(ptp4lSocket, config.ptp4l().domain(), config.ptp4l().replyTimeoutNs());
        }
        return ptp4l;
    }

    /** The bench's cameras (none when the bench file has no cameras: section), opened on first use. */
    public synchronized CameraRig cameras() {
        if (cameras == null) {
            cameras = config.cameras().map(this::cameraRig).orElseGet(CameraRig::none);
        }
        return cameras;
    }

    private CameraRig cameraRig(BenchConfig.CameraSettings settings) {
        Supplier<CameraBackend> backend = switch (settings.backend()) {
            case IC4 -> () -> Ic4CameraBackend.load(settings.ic4Library().orElse(Ic4CameraBackend.SYSTEM_LIBRARY));
            case SIMULATED -> () -> new SimulatedCameraBackend(simulatedCameras(settings.serials()),
                    config.simulation().map(BenchConfig.SimulationSettings::cameraLatchLatencyNs)
                            .orElse(DEFAULT_SIMULATED_LATCH_LATENCY_NS), HostClock.SYSTEM);
        };
        AlignmentMeasurement measurement = new AlignmentMeasurement(new AlignmentMeasurement.Settings(
                settings.samples(), settings.intervalNs(), settings.thresholdNs(), settings.hostThresholdNs(),
                config.timeoutNs()), HostClock.SYSTEM, new CameraEvidence());
        Supplier<Optional<UtcOffset>> hostReference = () -> settings.compareToHostClock()
                ? Optional.of(UtcOffset.of(ptp4l(), config.ptp4l().utcOffsetNs())) : Optional.empty();
        return new CameraRig(settings.serials(), backend, measurement, hostReference, new HostPtpLine());
    }

    private List<SimulatedCamera.Model> simulatedCameras(List<String> serials) {
        Map<String, List<CameraFault>> faults = config.simulation()
                .map(BenchConfig.SimulationSettings::cameraFaults).orElse(Map.of());
        return serials.stream().map(serial -> new SimulatedCamera.Model(serial, 0,
                faults.getOrDefault(serial, List.of()))).toList();
    }

    /** The bench's sensors (none without a sensors: section), captured on first use. */
    public synchronized SensorBench sensors() {
        if (sensors == null) {
            sensors = config.sensors().isEmpty() ? SensorBench.none()
                    : new SensorBench(config.sensors(), config.packetTiming(),
                    () -> UtcOffset.of(ptp4l(), config.ptp4l().utcOffsetNs()), evidence.root().resolve("sensors"),
                    config.simulated() ? this::simulatedSensor : (sensor, lidarPort, imuPort) -> () -> { });
        }
        return sensors;
    }

    /** The simulated bench's sensor sends from loopback to the capture's ports. */
    private AutoCloseable simulatedSensor(SensorSettings sensor, int lidarPort, int imuPort) {
        List<SensorFault> faults = config.simulation().map(s -> s.sensorFaults().getOrDefault(sensor.name(), List.of()))
                .orElse(List.of());
        return SimulatedOusterSensor.start(new SimulatedOusterSensor.Settings(sensor.lidar(), sensor.framesPerSecond(),
                        sensor.imu(), sensor.imuPacketsPerSecond(), faults),
                List.of(new InetSocketAddress("127.0.0.1", lidarPort)),
                List.of(new InetSocketAddress("127.0.0.1", imuPort)), HostClock.SYSTEM);
    }

    /** The camera measurement on the console and, row by row as it is measured, in the evidence store. */
    private final class CameraEvidence implements AlignmentMeasurement.Listener {
        private static final Path SAMPLES = Path.of("cameras", "samples.csv");
        private static final Path LATCHES = Path.of("cameras", "latches.csv");
        private static final Path LOG = Path.of("cameras", "measurement.log");

        CameraEvidence() {
            evidence.append(SAMPLES, AlignmentLog.SAMPLES_CSV_HEADER);
            evidence.append(LATCHES, AlignmentLog.LATCHES_CSV_HEADER);
        }

        @Override
        public void line(String text) {
            console.println(text);
            evidence.append(LOG, text);
        }

        @Override
        public void latched(AlignmentRun.Latch latch) {
            evidence.append(LATCHES, AlignmentLog.csvRow(latch));
        }

        @Override
        public void judged(CameraSample sample) {
            evidence.append(SAMPLES, AlignmentLog.csvRow(sample));
        }
    }

    /** The reference tool's per-sample host PTP line; after ptp4l failed once, its failure, not another wait. */
    private final class HostPtpLine implements Supplier<String> {
        private String failure;

        @Override
        public String get() {
            if (failure != null) {
                return failure;
            }
            try {
                return Ptp4lSnapshot.read(ptp4l()).summary();
            } catch (BenchPartException e) {
                failure = "unavailable (" + e.problem() + ")";
                return failure;
            }
        }
    }

    /**
     * The report's Environment block, in the Allure results and the evidence.
     *
     * @param askBenchParts whether to ask the opened bench parts (grandmaster, camera models); not from the
     *                      shutdown hook, where a test may still be using them
     */
    private void recordEnvironment(boolean askBenchParts) {
        Map<String, String> environment = environment(askBenchParts);
        AllureEnvironment.resultsDirectory().ifPresent(directory -> AllureEnvironment.write(directory, environment));
        evidence.save(Path.of("environment.properties"), AllureEnvironment.text(environment)
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    private Map<String, String> environment(boolean askBenchParts) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("Bench", config.name());
        environment.put("Bench file", config.source());
        environment.put("Simulated", config.simulation()
                .map(s -> "yes (ptp4l " + s.ptp4lRole().name().toLowerCase() + ")").orElse("no"));
        environment.put("Host", RunFacts.hostName());
        environment.put("Kernel", RunFacts.kernel());
        environment.put("linuxptp", linuxptpVersion);
        environment.put("ptp4l socket", ptp4lSocket.toString());
        environment.put("PTP domain", String.valueOf(config.ptp4l().domain()));
        environment.put("Interface", String.join(", ", config.interfaces()));
        environment.put("Grandmaster", askBenchParts && ptp4l != null ? grandmaster() : "not asked yet");
        config.cameras().ifPresent(settings -> {
            environment.put("Camera backend", settings.backend().name().toLowerCase()
                    + settings.ic4Library().map(library -> " (" + library + ")").orElse(""));
            Map<String, String> inventory = askBenchParts && cameras != null ? cameras.inventory() : Map.of();
            settings.serials().forEach(serial -> environment.put("Camera " + serial,
                    inventory.getOrDefault(serial, "not opened yet")));
        });
        config.sensors().forEach(sensor -> environment.put("Sensor " + sensor.name(), sensor.address() + ", "
                + sensor.lidar().profile() + " " + sensor.lidar().beams() + " beams " + sensor.lidar().columnsPerFrame()
                + "x" + sensor.framesPerSecond() + ", IMU " + sensor.imu().profile() + ", ports " + sensor.lidarPort()
                + "/" + sensor.imuPort()));
        environment.put("Suite version", suiteVersion);
        environment.put("Git commit", gitCommit);
        environment.put("Java", System.getProperty("java.version"));
        return environment;
    }

    private String grandmaster() {
        try {
            return ptp4l.get(ParentDataSet.ID).grandmasterIdentity().toString();
        } catch (BenchPartException e) {
            return "unknown (" + e.problem() + ")";
        }
    }

    @Override
    public synchronized void close() {
        recordEnvironment(true);
        if (sensors != null) {
            sensors.close();
        }
        if (cameras != null) {
            cameras.close();
        }
        if (ptp4l != null) {
            ptp4l.close();
        }
        simulatedPtp4l.ifPresent(SimulatedPtp4l::close);
        simulationDirectory.ifPresent(directory -> {
            try {
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the simulated bench directory " + directory, e);
            }
        });
        interruptGuard.close();
    }
}
