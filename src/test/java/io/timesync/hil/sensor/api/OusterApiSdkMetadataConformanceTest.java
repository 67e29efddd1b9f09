package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarProfile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Metadata the vendor's ouster-sdk writes itself ({@code SensorInfo.to_json_string()}, by
 * {@code src/test/python/ouster_metadata_write.py}) for every lidar profile the suite decodes x 16/32/64/128 beams
 * x every lidar mode x both IMU profiles (ACCEL32_GYRO32_NMEA with 8 and with 3 measurements per packet) is read
 * by our metadata parser into the same packet format: our lidar and IMU packet sizes equal the SDK's
 * {@code PacketFormat(info)} sizes. The one combination the SDK refuses (LEGACY lidar with ACCEL32_GYRO32_NMEA
 * IMU) our parser refuses too.
 */
class OusterApiSdkMetadataConformanceTest {
    private static final List<Integer> BEAMS = List.of(16, 32, 64, 128);
    private static final List<String> MODES = List.of("512x10", "512x20", "1024x10", "1024x20", "2048x10", "4096x5");
    private static final List<Integer> ACCEL_MEASUREMENTS = List.of(8, 3);
    private static final long VENDOR_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> ourParserReadsTheVendorsMetadataAsTheVendorDoes() throws IOException {
        VendorPython.python();
        ObjectMapper json = new ObjectMapper();
        JsonNode written = json.readTree(VendorPython.run("ouster_metadata_write.py", List.of(),
                json.writeValueAsString(request(json)), directory, VENDOR_TIMEOUT_NS));
        String sdkVersion = written.path("sdk_version").asText();
        List<JsonNode> sensors = new ArrayList<>();
        written.path("sensors").forEach(sensors::add);
        int combinations = LidarProfile.values().length * BEAMS.size() * MODES.size() * (1 + ACCEL_MEASUREMENTS.size());
        assertThat(sensors).as("metadata the SDK wrote").hasSize(combinations);
        System.out.printf("ouster-sdk %s wrote metadata for %d sensors%n", sdkVersion, sensors.size());
        return sensors.stream().map(sensor -> DynamicTest.dynamicTest(name(sensor), () -> check(sensor)));
    }

    private static void check(JsonNode sensor) {
        LidarProfile lidar = LidarProfile.valueOf(sensor.path("lidar_profile").asText());
        ImuProfile imu = ImuProfile.valueOf(sensor.path("imu_profile").asText());
        String metadata = sensor.path("metadata").asText();
        if (sensor.has("sdk_refused")) {
            assertThat(lidar).as("the SDK refuses only LEGACY lidar with eUDP IMU: %s",
                    sensor.path("sdk_refused").asText()).isEqualTo(LidarProfile.LEGACY);
            assertThat(imu).isEqualTo(ImuProfile.ACCEL32_GYRO32_NMEA);
            assertThatThrownBy(() -> SensorDataFormat.fromMetadata(metadata)).isInstanceOf(ApiContentException.class)
                    .hasMessageContaining("pairs udp_profile_lidar LEGACY with udp_profile_imu ACCEL32_GYRO32_NMEA");
            return;
        }
        String[] mode = sensor.path("mode").asText().split("x");
        int measurements = imu == ImuProfile.LEGACY ? 0 : sensor.path("imu_measurements_per_packet").asInt();
        SensorDataFormat ours = SensorDataFormat.fromMetadata(metadata);

        assertThat(ours).isEqualTo(new SensorDataFormat(lidar, sensor.path("beams").asInt(),
                Integer.parseInt(mode[0]), Integer.parseInt(mode[1]), imu, measurements));
        assertThat(ours.lidarPacketFormat().packetBytes()).as("lidar packet bytes, ours vs the SDK's")
                .isEqualTo(sensor.path("lidar_packet_bytes").asInt());
        assertThat(ours.imuPacketFormat().packetBytes()).as("IMU packet bytes, ours vs the SDK's")
                .isEqualTo(sensor.path("imu_packet_bytes").asInt());
        assertThat(ActiveConfig.fromJson(ApiJson.parse(metadata).path("config_params"), "$.config_params"))
                .isEqualTo(new ActiveConfig(TimestampMode.TIME_FROM_PTP_1588, "192.168.1.10", 7502, 7503,
                        sensor.path("mode").asText()));
        assertThat(sensor.path("reparsed_same").asBoolean()).as("the SDK reads its own metadata back").isTrue();
    }

    private static ObjectNode request(ObjectMapper json) {
        ObjectNode request = json.createObjectNode();
        ArrayNode profiles = request.putArray("lidar_profiles");
        for (LidarProfile profile : LidarProfile.values()) {
            profiles.add(profile.name());
        }
        BEAMS.forEach(request.putArray("beams")::add);
        MODES.forEach(request.putArray("modes")::add);
        ArrayNode imu = request.putArray("imu");
        imu.addObject().put("profile", ImuProfile.LEGACY.name()).put("measurements_per_packet", 0);
        ACCEL_MEASUREMENTS.forEach(count -> imu.addObject().put("profile", ImuProfile.ACCEL32_GYRO32_NMEA.name())
                .put("measurements_per_packet", count));
        return request;
    }

    private static String name(JsonNode sensor) {
        return sensor.path("lidar_profile").asText() + " " + sensor.path("beams").asInt() + " beams "
                + sensor.path("mode").asText() + ", " + sensor.path("imu_profile").asText()
                + (sensor.path("imu_profile").asText().equals("LEGACY") ? ""
                : " x" + sensor.path("imu_measurements_per_packet").asInt()) + " IMU";
    }
}
