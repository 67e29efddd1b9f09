package io.timesync.hil.bench;

import io.timesync.hil.PrivateDirectory;
import io.timesync.hil.camera.CameraBackend;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.SensorSpec;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.api.TimestampMode;
import io.timesync.hil.sim.SensorApiFault;
import io.timesync.hil.sim.SensorFault;
import io.timesync.hil.sim.SimulatedOusterApi;
import io.timesync.hil.sim.SimulatedCamera;
import io.timesync.hil.sim.SimulatedCameraBackend;
import io.timesync.hil.sim.SimulatedOusterSensor;
import io.timesync.hil.sim.SimulatedSensorProcess;
import io.timesync.hil.sim.SimulatedPtp4l;
import io.timesync.hil.sim.SimulationSettings;
import io.timesync.hil.time.HostClock;

import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The simulated parts of a bench, started for this run: a ptp4l management responder (unless the bench names a
 * real ptp4l's socket: then the suite talks to that one), cameras, and Ouster sensors on loopback with their HTTP
 * API (a sensor whose address is not a loopback address is a real one, and is not simulated).
 */
final class SimulatedBench implements AutoCloseable {
    /** The firmware simulated sensors say they run (3.2: its metadata states every profile the suite reads). */
    private static final String FIRMWARE = "3.2.0";
    private static final long SERIAL_BASE = 992_211_000_101L;
    private static final String DEFAULT_MODE = "1024x10";
    private static final int DEFAULT_BEAMS = 64;

    private final SimulationSettings settings;
    private final Optional<PrivateDirectory> directory;
    private final Optional<SimulatedPtp4l> ptp4l;
    private final Optional<Path> ptp4lSocket;
    private final boolean simulated;
    private final List<SensorSpec> sensors;
    private final Map<String, SimulatedOusterApi> sensorApis = new LinkedHashMap<>();

    private SimulatedBench(BenchConfig config, SimulationSettings settings, Optional<PrivateDirectory> directory,
                           Optional<SimulatedPtp4l> ptp4l, Optional<Path> ptp4lSocket) {
        this.simulated = config.simulated();
        this.sensors = config.sensors();
        this.settings = settings;
        this.directory = directory;
        this.ptp4l = ptp4l;
        this.ptp4lSocket = ptp4lSocket;
    }

    /** Starts the simulated ptp4l when the bench leaves ptp4l.socket to auto. */
    static SimulatedBench start(BenchConfig config) {
        SimulationSettings settings = SimulationSettings.from(config);
        if (!config.simulated() || config.ptp4l().socket().isPresent()) {
            return new SimulatedBench(config, settings, Optional.empty(), Optional.empty(), Optional.empty());
        }
        PrivateDirectory directory = PrivateDirectory.create("sim");
        try {
            Path socket = directory.path().resolve("ptp4l.sock");
            Optional<SimulatedPtp4l> ptp4l = SimulatedPtp4l.start(settings.ptp4lRole(), settings.ptp4lRoleChange(), socket,
                    settings.ptp4lInterfaces(), settings.ptp4lDomain(), settings.masterAfterNs());
            return new SimulatedBench(config, settings, Optional.of(directory), ptp4l, Optional.of(socket));
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** The simulated ptp4l's socket (missing when it plays ptp4l not running); empty: a real ptp4l is used. */
    Optional<Path> ptp4lSocket() {
        return ptp4lSocket;
    }

    /** For the report: what is simulated. */
    String description() {
        return ptp4lSocket.isPresent() ? "yes (ptp4l " + settings.ptp4lRole().name().toLowerCase()
                + settings.ptp4lRoleChange().map(change -> ", then " + change).orElse("") + ")"
                : "yes (with a real ptp4l)";
    }

    /** @param hostGrandmaster the host ptp4l's clock identity, which the simulated cameras follow when known */
    CameraBackend cameraBackend(List<String> serials, HostClock clock, Supplier<OptionalLong> hostGrandmaster) {
        return new SimulatedCameraBackend(serials.stream().map(serial -> new SimulatedCamera.Model(serial, 0,
                settings.cameraFaults().getOrDefault(serial, List.of()))).toList(), settings.cameraLatchLatencyNs(),
                settings.latchPosition(), clock, hostGrandmaster);
    }

    /**
     * Where each sensor asked over its API serves it: a simulated (loopback) sensor's API is started here, on a
     * free port of its address, saying what the simulated sensor sends (its ports chosen free when the bench file
     * leaves them auto or 0) and following the host's grandmaster when it is known; a real sensor's is at its
     * address and apiPort.
     */
    synchronized Map<String, URI> sensorApis(Supplier<OptionalLong> hostGrandmaster) {
        Map<String, URI> apis = new LinkedHashMap<>();
        for (SensorSpec sensor : sensors) {
            if (!sensor.api()) {
                continue;
            }
            if (!simulates(sensor)) {
                apis.put(sensor.name(), URI.create("http://" + sensor.address() + ":" + sensor.apiPort()));
                continue;
            }
            SimulatedOusterApi api = sensorApis.get(sensor.name());
            if (api == null) {
                ClockIdentity grandmaster = new ClockIdentity(hostGrandmaster.get().orElse(0));
                SimulatedOusterSensor.Settings truth = truth(sensor);
                api = SimulatedOusterApi.start(new SimulatedOusterApi.Settings(serialNumber(sensor), FIRMWARE,
                        truth.lidar(), truth.framesPerSecond(), truth.imu(), portOf(sensor.lidarPort()),
                        portOf(sensor.imuPort()), "127.0.0.1", grandmaster,
                        settings.sensorApiFaults().getOrDefault(sensor.name(), List.of())),
                        new InetSocketAddress(sensor.address(), 0), HostClock.SYSTEM);
                sensorApis.put(sensor.name(), api);
            }
            apis.put(sensor.name(), api.baseUri());
        }
        return apis;
    }

    /**
     * Simulated sensors send from their own (loopback) address to the capture's ports, each from a process of its
     * own that outlives no capture (see {@link SimulatedSensorProcess}), what the simulator is (not what the bench
     * file or the sensor's API say it is: they may be wrong).
     */
    SensorCaptures.Feed sensorFeed(long lifetimeNs) {
        return (sensor, lidarPort, imuPort) -> {
            SensorSpec spec = sensors.stream().filter(s -> s.name().equals(sensor.name())).findFirst().orElseThrow();
            if (!simulates(spec)) {
                return () -> { }; // a real sensor: it sends by itself
            }
            Optional.ofNullable(sensorApi(sensor.name())).ifPresent(api -> api.sendingTo(lidarPort, imuPort));
            return SimulatedSensorProcess.start(truth(spec), new InetSocketAddress(sensor.address(), 0),
                    List.of(new InetSocketAddress("127.0.0.1", lidarPort)),
                    List.of(new InetSocketAddress("127.0.0.1", imuPort)), lifetimeNs);
        };
    }

    private synchronized SimulatedOusterApi sensorApi(String name) {
        return sensorApis.get(name);
    }

    /**
     * What the simulated sensor sends: the bench file's format, else a common one (an OS-1-64 in 1024x10 sending
     * RNG19_RFL8_SIG16_NIR16 and LEGACY IMU packets). Its API's timestamp_mode fault stamps its packets too.
     */
    private SimulatedOusterSensor.Settings truth(SensorSpec sensor) {
        String[] mode = sensor.mode().orElse(DEFAULT_MODE).split("x");
        List<SensorFault> faults = new ArrayList<>(settings.sensorFaults().getOrDefault(sensor.name(), List.of()));
        settings.sensorApiFaults().getOrDefault(sensor.name(), List.of()).stream()
                .filter(fault -> fault.kind() == SensorApiFault.Kind.TIMESTAMP_MODE
                        && fault.timestampMode() != TimestampMode.TIME_FROM_PTP_1588)
                .findFirst().ifPresent(fault -> faults.add(new SensorFault(SensorFault.Kind.INTERNAL_OSCILLATOR, 0)));
        ImuPacketFormat imu = new ImuPacketFormat(sensor.imuProfile().orElse(ImuProfile.LEGACY),
                sensor.imuMeasurementsPerPacket().orElse(ImuPacketFormat.DEFAULT_MEASUREMENTS_PER_PACKET));
        return new SimulatedOusterSensor.Settings(new LidarPacketFormat(sensor.lidarProfile()
                .orElse(LidarProfile.RNG19_RFL8_SIG16_NIR16), sensor.beams().orElse(DEFAULT_BEAMS),
                Integer.parseInt(mode[0])), Integer.parseInt(mode[1]), imu, sensor.imuRate(), faults);
    }

    /** A serial number per simulated sensor, as Ouster prints them (12 digits), the same in every run. */
    private String serialNumber(SensorSpec sensor) {
        return String.valueOf(SERIAL_BASE + sensors.indexOf(sensor));
    }

    /** The port the simulated sensor says it sends to: the bench file's, or a free one for auto and 0. */
    private static int portOf(Optional<Integer> given) {
        if (given.isPresent() && given.get() != 0) {
            return given.get();
        }
        try (DatagramSocket free = new DatagramSocket(0)) {
            return free.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot find a free UDP port for a simulated sensor", e);
        }
    }

    private boolean simulates(SensorSpec sensor) {
        return simulated && isLoopback(sensor.address());
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            sensorApis.values().forEach(SimulatedOusterApi::close);
        }
        ptp4l.ifPresent(SimulatedPtp4l::close);
        directory.ifPresent(PrivateDirectory::close);
    }
}
