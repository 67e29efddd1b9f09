package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sim.SimulatedOusterApi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.timesync.hil.sensor.api.ApiTestSensors.client;
import static io.timesync.hil.sensor.api.ApiTestSensors.settings;
import static io.timesync.hil.sensor.api.ApiTestSensors.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendor's own HTTP client reads the simulated API as our client does: ouster-sdk's SensorHttp (endpoints by
 * firmware version), its metadata validator and config reader ({@code src/test/python/ouster_http_read.py}, run
 * with {@value VendorPython#PYTHON_VARIABLE}) get the same profile, beams, mode, IMU format, ports, destination,
 * timestamp mode, identity and packet sizes as {@link OusterApiClient}, with no warning about the metadata. So the
 * simulator answers what real firmware answers, as far as the vendor's client can tell, and our client reads it
 * as the vendor does. The SDK accepts "host:port", so the API runs on an ephemeral loopback port, no root needed.
 */
class OusterApiVendorConformanceTest {
    private static final long VENDOR_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    private static final int SDK_TIMEOUT_S = 10;

    @TempDir
    Path directory;

    static Stream<Arguments> sensors() {
        return Stream.of(
                Arguments.of("2.4.0", LidarProfile.RNG15_RFL8_NIR8_DUAL, 32, 512, 20, ImuProfile.LEGACY, List.of()),
                Arguments.of("2.5.2", LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024, 10, ImuProfile.LEGACY, List.of()),
                Arguments.of("3.0.1", LidarProfile.RNG19_RFL8_SIG16_NIR16_DUAL, 128, 2048, 10, ImuProfile.LEGACY,
                        List.of()),
                Arguments.of("3.1.0", LidarProfile.LEGACY, 64, 1024, 10, ImuProfile.LEGACY, List.of()),
                Arguments.of("3.2.0", LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024, 20, ImuProfile.ACCEL32_GYRO32_NMEA,
                        List.of()),
                Arguments.of("3.2.0", LidarProfile.RNG15_RFL8_NIR8, 16, 4096, 5, ImuProfile.ACCEL32_GYRO32_NMEA,
                        List.of()),
                Arguments.of("3.2.0", LidarProfile.LEGACY, 128, 512, 10, ImuProfile.LEGACY, List.of()),
                Arguments.of("3.2.0", LidarProfile.RNG19_RFL8_SIG16_NIR16, 32, 2048, 10, ImuProfile.LEGACY,
                        List.of("timestampMode=internal", "udpDestElsewhere", "profileChanged")));
    }

    @ParameterizedTest(name = "firmware {0}: {1} {2} beams {3}x{4}, {5} IMU {6}")
    @MethodSource("sensors")
    void theVendorsClientReadsWhatOursReads(String firmware, LidarProfile lidar, int beams, int columns, int fps,
                                             ImuProfile imu, List<String> faults) {
        VendorPython.python();
        try (SimulatedOusterApi api = start(settings(firmware, lidar, beams, columns, fps, imu, 8,
                faults.toArray(String[]::new))); OusterApiClient client = client(api)) {
            OusterApiReading ours = client.read();
            JsonNode vendor = vendorRead(api);

            SensorDataFormat format = ours.dataFormat();
            assertThat(vendor.path("udp_profile_lidar").asText()).isEqualTo(format.lidarProfile().name());
            assertThat(vendor.path("pixels_per_column").asInt()).isEqualTo(format.beams()).isEqualTo(beams);
            assertThat(vendor.path("columns_per_frame").asInt()).isEqualTo(format.columnsPerFrame()).isEqualTo(columns);
            assertThat(vendor.path("fps").asInt()).isEqualTo(format.framesPerSecond()).isEqualTo(fps);
            assertThat(vendor.path("columns_per_packet").asInt()).isEqualTo(16);
            assertThat(vendor.path("udp_profile_imu").asText()).isEqualTo(format.imuProfile().name())
                    .isEqualTo(imu.name());
            assertThat(vendor.path("imu_measurements_per_packet").asInt()).isEqualTo(format.imuMeasurementsPerPacket());
            assertThat(vendor.path("lidar_packet_bytes").asInt()).as("lidar packet bytes")
                    .isEqualTo(format.lidarPacketFormat().packetBytes());
            assertThat(vendor.path("imu_packet_bytes").asInt()).as("IMU packet bytes")
                    .isEqualTo(format.imuPacketFormat().packetBytes());

            ActiveConfig config = ours.config();
            assertThat(vendor.path("lidar_mode").asText()).isEqualTo(config.lidarMode()).isEqualTo(format.lidarMode());
            assertThat(vendor.path("timestamp_mode").asText()).isEqualTo(config.timestampMode().name())
                    .isEqualTo(vendor.path("raw_config_timestamp_mode").asText());
            assertThat(vendor.path("udp_dest").asText()).isEqualTo(config.udpDest());
            assertThat(vendor.path("udp_port_lidar").asInt()).isEqualTo(config.udpPortLidar());
            assertThat(vendor.path("udp_port_imu").asInt()).isEqualTo(config.udpPortImu());
            assertThat(vendor.path("config_udp_profile_lidar").asText()).isEqualTo(format.lidarProfile().name());

            SensorIdentity identity = ours.identity();
            assertThat(vendor.path("prod_line").asText()).isEqualTo(identity.productLine());
            assertThat(vendor.path("prod_sn").asText()).isEqualTo(identity.serialNumber());
            assertThat(vendor.path("image_rev").asText()).isEqualTo(identity.firmwareImage())
                    .isEqualTo(vendor.path("firmware_image").asText());
            assertThat(vendor.path("firmware").asText()).isEqualTo(identity.firmware().number()).isEqualTo(firmware);
            assertThat(vendor.path("status").asText()).isEqualTo(identity.status());

            assertThat(vendor.path("metadata_warnings")).as("the SDK's warnings about the metadata").isEmpty();
            assertThat(vendor.path("fetch_metadata").asText()).as("Sensor.fetch_metadata")
                    .matches("same|skipped: .*");
            System.out.printf("ouster-sdk %s reads firmware %s %s %d-beam %s (%s IMU) as we do; fetch_metadata: %s%n",
                    vendor.path("sdk_version").asText(), firmware, format.lidarProfile(), beams, format.lidarMode(),
                    imu, vendor.path("fetch_metadata").asText());
        }
    }

    /** The SDK supports firmware 2.4 and later; it must see 2.1-2.3 in our answers and refuse them itself. */
    @ParameterizedTest(name = "firmware {0}")
    @ValueSource(strings = {"2.2.0", "2.3.1"})
    void theVendorsClientReadsTheFirmwareVersionItNoLongerSupports(String firmware) {
        VendorPython.python();
        try (SimulatedOusterApi api = start(settings(firmware, LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024, 10,
                ImuProfile.LEGACY, 8)); OusterApiClient client = client(api)) {
            assertThat(client.read().generation()).isEqualTo(ApiGeneration.FW_2_2);
            JsonNode vendor = vendorJson(api);
            assertThat(vendor.path("error").asText()).startsWith("SensorHttp.create: RuntimeError: ")
                    .contains("upgrade your sensor to FW 2.4 or later");
        }
    }

    private JsonNode vendorRead(SimulatedOusterApi api) {
        JsonNode vendor = vendorJson(api);
        assertThat(vendor.has("error")).as("the SDK failed: %s", vendor.path("error").asText()).isFalse();
        return vendor;
    }

    private JsonNode vendorJson(SimulatedOusterApi api) {
        String hostAndPort = api.address().getAddress().getHostAddress() + ":" + api.address().getPort();
        String output = VendorPython.run("ouster_http_read.py", List.of(hostAndPort, String.valueOf(SDK_TIMEOUT_S)),
                null, directory, VENDOR_TIMEOUT_NS);
        try {
            return new ObjectMapper().readTree(output);
        } catch (JsonProcessingException e) {
            throw new AssertionError("ouster_http_read.py printed no JSON: " + output, e);
        }
    }
}
