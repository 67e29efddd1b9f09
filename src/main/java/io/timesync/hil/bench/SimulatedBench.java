package io.timesync.hil.bench;

import io.timesync.hil.PrivateDirectory;
import io.timesync.hil.camera.CameraBackend;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sim.SimulatedCamera;
import io.timesync.hil.sim.SimulatedCameraBackend;
import io.timesync.hil.sim.SimulatedOusterSensor;
import io.timesync.hil.sim.SimulatedSensorProcess;
import io.timesync.hil.sim.SimulatedPtp4l;
import io.timesync.hil.sim.SimulationSettings;
import io.timesync.hil.time.HostClock;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The simulated parts of a bench, started for this run: a ptp4l management responder (unless the bench names a
 * real ptp4l's socket: then the suite talks to that one), cameras, and Ouster sensors on loopback (a sensor
 * whose address is not a loopback address is a real one, and is not simulated).
 */
final class SimulatedBench implements AutoCloseable {
    private final SimulationSettings settings;
    private final Optional<PrivateDirectory> directory;
    private final Optional<SimulatedPtp4l> ptp4l;
    private final Optional<Path> ptp4lSocket;

    private SimulatedBench(SimulationSettings settings, Optional<PrivateDirectory> directory,
                           Optional<SimulatedPtp4l> ptp4l, Optional<Path> ptp4lSocket) {
        this.settings = settings;
        this.directory = directory;
        this.ptp4l = ptp4l;
        this.ptp4lSocket = ptp4lSocket;
    }

    /** Starts the simulated ptp4l when the bench leaves ptp4l.socket to auto. */
    static SimulatedBench start(BenchConfig config) {
        SimulationSettings settings = SimulationSettings.from(config);
        if (!config.simulated() || config.ptp4l().socket().isPresent()) {
            return new SimulatedBench(settings, Optional.empty(), Optional.empty(), Optional.empty());
        }
        PrivateDirectory directory = PrivateDirectory.create("sim");
        try {
            Path socket = directory.path().resolve("ptp4l.sock");
            Optional<SimulatedPtp4l> ptp4l = SimulatedPtp4l.start(settings.ptp4lRole(), settings.ptp4lRoleChange(), socket,
                    settings.ptp4lInterfaces(), settings.ptp4lDomain(), settings.masterAfterNs());
            return new SimulatedBench(settings, Optional.of(directory), ptp4l, Optional.of(socket));
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
     * Simulated sensors send from their own (loopback) address to the capture's ports, each from a process of its
     * own that outlives no capture (see {@link SimulatedSensorProcess}).
     */
    SensorCaptures.Feed sensorFeed(long lifetimeNs) {
        return (sensor, lidarPort, imuPort) -> {
            if (!isLoopback(sensor.address())) {
                return () -> { }; // a real sensor: it sends by itself
            }
            return SimulatedSensorProcess.start(settings(sensor), new InetSocketAddress(sensor.address(), 0),
                    List.of(new InetSocketAddress("127.0.0.1", lidarPort)),
                    List.of(new InetSocketAddress("127.0.0.1", imuPort)), lifetimeNs);
        };
    }

    private SimulatedOusterSensor.Settings settings(SensorSettings sensor) {
        return new SimulatedOusterSensor.Settings(sensor.lidar(), sensor.framesPerSecond(), sensor.imu(),
                sensor.imuPacketsPerSecond(), settings.sensorFaults().getOrDefault(sensor.name(), List.of()));
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
        ptp4l.ifPresent(SimulatedPtp4l::close);
        directory.ifPresent(PrivateDirectory::close);
    }
}
