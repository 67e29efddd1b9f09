package io.timesync.hil.sensor.api;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sim.SensorApiFault;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.sim.SimulatedOusterApi;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Simulated sensors and clients on loopback for the API tests. */
final class ApiTestSensors {
    static final String SERIAL = "992211000123";
    static final String UDP_DEST = "192.168.1.10";
    static final int LIDAR_PORT = 7502;
    static final int IMU_PORT = 7503;
    /** Generous: these tests must pass on a loaded 2-core machine; only the hang test uses a tight bound. */
    static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    static final long REQUEST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private ApiTestSensors() {
    }

    static SimulatedOusterApi.Settings settings(String firmware, LidarProfile lidar, int beams, int columns, int fps,
                                                ImuProfile imu, int measurements, String... faults) {
        return new SimulatedOusterApi.Settings(SERIAL, firmware, new LidarPacketFormat(lidar, beams, columns), fps,
                new ImuPacketFormat(imu, measurements), LIDAR_PORT, IMU_PORT, UDP_DEST, SimulatedPtp4lDatasets.HOST,
                Arrays.stream(faults).map(SensorApiFault::parse).toList());
    }

    /** A 64-beam 1024x10 RNG19_RFL8_SIG16_NIR16 sensor with LEGACY IMU on firmware 3.2.0. */
    static SimulatedOusterApi.Settings typical(String... faults) {
        return settings("3.2.0", LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024, 10, ImuProfile.LEGACY, 8, faults);
    }

    static SimulatedOusterApi start(SimulatedOusterApi.Settings settings) {
        return SimulatedOusterApi.start(settings, new InetSocketAddress("127.0.0.1", 0), HostClock.SYSTEM);
    }

    static OusterApiClient client(SimulatedOusterApi api) {
        return new OusterApiClient("os-1", api.baseUri(), CONNECT_TIMEOUT_NS, REQUEST_TIMEOUT_NS);
    }

    static List<String> endpoints(List<ApiExchange> exchanges) {
        return exchanges.stream().map(ApiExchange::endpoint).toList();
    }
}
