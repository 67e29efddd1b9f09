package io.timesync.hil.junit;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.camera.AlignmentMeasurement;
import io.timesync.hil.camera.CameraBackend;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.camera.HostClock;
import io.timesync.hil.camera.ic4.Ic4CameraBackend;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.UtcOffset;
import io.timesync.hil.sensor.SensorBench;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sim.CameraFault;
import io.timesync.hil.sim.SimulatedCamera;
import io.timesync.hil.sim.SensorFault;
import io.timesync.hil.sim.SimulatedCameraBackend;
import io.timesync.hil.sim.SimulatedOusterSensor;
import io.timesync.hil.sim.SimulatedPtp4l;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
    /** Raw evidence (packet logs, ...) is written here as it is measured. */
    private static final Path EVIDENCE_DIRECTORY = Path.of("target", "hil-evidence");
    private static final long DEFAULT_SIMULATED_LATCH_LATENCY_NS = 800_000;
    private final BenchConfig config;
    private final Path ptp4lSocket;
    private final Optional<SimulatedPtp4l> simulatedPtp4l;
    private final Optional<Path> simulationDirectory;
    private PtpManagementClient ptp4l;
    private CameraRig cameras;
    private SensorBench sensors;

    private BenchSession(BenchConfig config, Path ptp4lSocket, Optional<SimulatedPtp4l> simulatedPtp4l,
                         Optional<Path> simulationDirectory) {
        this.config = config;
        this.ptp4lSocket = ptp4lSocket;
        this.simulatedPtp4l = simulatedPtp4l;
        this.simulationDirectory = simulationDirectory;
    }

    public static BenchSession open(BenchConfig config) {
        if (config.simulation().isEmpty()) {
            Path socket = PtpManagementClient.chooseSocket(config.ptp4l().socket().map(Path::of));
            return new BenchSession(config, socket, Optional.empty(), Optional.empty());
        }
        BenchConfig.SimulationSettings simulation = config.simulation().get();
        try {
            Path directory = Files.createTempDirectory("timesync-hil-sim-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path socket = directory.resolve("ptp4l.sock");
            Optional<SimulatedPtp4l> ptp4l = SimulatedPtp4l.start(simulation.ptp4lRole(), socket,
                    simulation.ptp4lInterfaces(), simulation.ptp4lDomain(), simulation.masterAfterNs());
            return new BenchSession(config, socket, ptp4l, Optional.of(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the simulated bench", e);
        }
    }

    public BenchConfig config() {
        return config;
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
                config.timeoutNs()), HostClock.SYSTEM, System.out::println);
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
                    () -> UtcOffset.of(ptp4l(), config.ptp4l().utcOffsetNs()), EVIDENCE_DIRECTORY.resolve("sensors"),
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

    /** The report's Environment block. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("Bench", config.name());
        environment.put("Bench file", config.source());
        environment.put("Simulated", config.simulation()
                .map(s -> "yes (ptp4l " + s.ptp4lRole().name().toLowerCase() + ")").orElse("no"));
        environment.put("Host", hostName());
        environment.put("Kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        environment.put("ptp4l socket", ptp4lSocket.toString());
        environment.put("PTP domain", String.valueOf(config.ptp4l().domain()));
        environment.put("Interface", String.join(", ", config.interfaces()));
        config.sensors().forEach(sensor -> environment.put("Sensor " + sensor.name(), sensor.address() + ", "
                + sensor.lidar().profile() + " " + sensor.lidar().beams() + " beams " + sensor.lidar().columnsPerFrame()
                + "x" + sensor.framesPerSecond() + ", IMU " + sensor.imu().profile() + ", ports " + sensor.lidarPort()
                + "/" + sensor.imuPort()));
        config.cameras().ifPresent(cameras -> {
            environment.put("Cameras", String.join(", ", cameras.serials()));
            environment.put("Camera backend", cameras.backend().name().toLowerCase()
                    + cameras.ic4Library().map(library -> " (" + library + ")").orElse(""));
        });
        environment.put("Java", System.getProperty("java.version"));
        return environment;
    }

    @Override
    public synchronized void close() {
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
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }
}
