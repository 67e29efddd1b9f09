package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timesync.hil.BenchPartMisbehavingException;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers a sensor could give that the simulator does not: each is a {@link BenchPartMisbehavingException} naming
 * the sensor, the endpoint, what was wrong (the status or JSON path, and the body's first characters) and a hint.
 */
class OusterApiErrorTest {
    private static final String FIRMWARE = "/api/v1/system/firmware";
    private static final String CONFIG = "/api/v1/sensor/config";
    private static final String METADATA = "/api/v1/sensor/metadata";
    private static final String PTP = "/api/v1/time/ptp";

    @Test
    void serverErrorShowsStatusAndBody() {
        try (ApiStub stub = ApiStub.answering(PTP, 500, "{\"error\": \"ptp4l not running\"}");
             OusterApiClient client = stub.client()) {
            assertThatThrownBy(client::read).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageStartingWith("Bench part misbehaving: sensor os-1 API at " + stub.baseUri()
                            + ": GET /api/v1/time/ptp: HTTP 500, body: '{\"error\": \"ptp4l not running\"}'")
                    .hasMessageContaining("\nHint: the sensor failed to answer: it may be initializing");
        }
    }

    @Test
    void notFoundNamesTheFirmwareThatShouldServeIt() {
        try (ApiStub stub = ApiStub.answering(METADATA, 404, "Not Found"); OusterApiClient client = stub.client()) {
            assertThatThrownBy(client::read).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageContaining(": GET /api/v1/sensor/metadata: HTTP 404, body: 'Not Found'")
                    .hasMessageContaining("\nHint: firmware ousteros-image-prod-aries-v3.2.0+20240611201015 should "
                            + "serve /api/v1/sensor/metadata");
        }
    }

    @Test
    void emptyBodyIsNotJson() {
        try (ApiStub stub = ApiStub.answering(FIRMWARE, 200, ""); OusterApiClient client = stub.client()) {
            assertThatThrownBy(client::firmware).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageContaining(": GET /api/v1/system/firmware: not JSON (empty body), body: (empty)");
        }
    }

    @Test
    void longBodiesAreCutInTheMessage() {
        String html = "<html>" + "x".repeat(500) + "</html>";
        try (ApiStub stub = ApiStub.answering(FIRMWARE, 200, html); OusterApiClient client = stub.client()) {
            assertThatThrownBy(client::firmware).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageContaining("body: '" + html.substring(0, 200) + "…' (513 characters)");
        }
    }

    @Test
    void firmwareWithoutVersion() {
        assertMisbehaving(FIRMWARE, json -> json.put("fw", "custom-build"),
                ": GET /api/v1/system/firmware: $.fw 'custom-build' holds no firmware version");
    }

    @Test
    void missingDataset() {
        assertMisbehaving(PTP, json -> json.remove("parent_data_set"), ": GET /api/v1/time/ptp: $.parent_data_set is "
                + "missing ($ has [current_data_set, port_data_set, profile, time_properties_data_set, time_status_np])");
    }

    @Test
    void wrongType() {
        assertMisbehaving(PTP, json -> ((ObjectNode) json.get("current_data_set")).put("offset_from_master", "12"),
                ": GET /api/v1/time/ptp: $.current_data_set.offset_from_master is \"12\", expected a number of "
                        + "nanoseconds");
    }

    @Test
    void clockIdentityInAnUnknownForm() {
        assertMisbehaving(PTP, json -> ((ObjectNode) json.get("parent_data_set"))
                        .put("grandmaster_identity", "02005e-fffe-000001"),
                ": GET /api/v1/time/ptp: $.parent_data_set.grandmaster_identity '02005e-fffe-000001' is not a clock "
                        + "identity (xxxxxx.xxxx.xxxxxx)");
    }

    @Test
    void unknownPortState() {
        assertMisbehaving(PTP, json -> ((ObjectNode) json.get("port_data_set")).put("port_state", "SYNCING"),
                ": GET /api/v1/time/ptp: $.port_data_set.port_state 'SYNCING' is not a PTP port state");
    }

    @Test
    void unknownTimestampMode() {
        assertMisbehaving(CONFIG, json -> json.put("timestamp_mode", "TIME_FROM_GPS"),
                ": GET /api/v1/sensor/config: $.timestamp_mode 'TIME_FROM_GPS' is none of the known modes "
                        + "[TIME_FROM_INTERNAL_OSC, TIME_FROM_SYNC_PULSE_IN, TIME_FROM_PTP_1588]");
    }

    @Test
    void lidarProfileTheSuiteDoesNotDecode() {
        assertMisbehaving(METADATA, json -> format(json).put("udp_profile_lidar", "RNG19_RFL8_SIG16_NIR16_ZONE16"),
                ": GET /api/v1/sensor/metadata: $.lidar_data_format.udp_profile_lidar is RNG19_RFL8_SIG16_NIR16_ZONE16, "
                        + "which the suite does not decode (it decodes [LEGACY, RNG19_RFL8_SIG16_NIR16, "
                        + "RNG15_RFL8_NIR8, RNG19_RFL8_SIG16_NIR16_DUAL, RNG15_RFL8_NIR8_DUAL])",
                "\nHint: set the sensor's udp_profile_lidar to one the suite decodes");
    }

    @Test
    void imuProfileOff() {
        assertMisbehaving(METADATA, json -> format(json).put("udp_profile_imu", "OFF"),
                "$.lidar_data_format.udp_profile_imu is OFF, which the suite does not decode (it decodes [LEGACY, "
                        + "ACCEL32_GYRO32_NMEA])", "match sensors.<name>.imuProfile in the bench file");
    }

    @Test
    void columnsPerPacketOtherThan16() {
        assertMisbehaving(METADATA, json -> format(json).put("columns_per_packet", 8),
                "$.lidar_data_format.columns_per_packet is 8; the suite decodes 16 columns per packet only",
                "\nHint: set the sensor's columns_per_packet to 16");
    }

    @Test
    void frameRateThatContradictsTheMode() {
        assertMisbehaving(METADATA, json -> format(json).put("fps", 20),
                "$.lidar_data_format.fps 20 does not match $.config_params.lidar_mode 1024x10");
    }

    @Test
    void measurementsPerPacketMissing() {
        assertMisbehaving(METADATA, json -> format(json).put("udp_profile_imu", "ACCEL32_GYRO32_NMEA"),
                "udp_profile_imu is ACCEL32_GYRO32_NMEA but $.imu_data_format (imu_measurements_per_packet) is missing");
    }

    @Test
    void legacyLidarWithEudpImu() {
        assertMisbehaving(METADATA, json -> {
            format(json).put("udp_profile_imu", "ACCEL32_GYRO32_NMEA").put("udp_profile_lidar", "LEGACY");
            json.putObject("imu_data_format").put("imu_measurements_per_packet", 8).put("imu_packets_per_frame", 8);
        }, "pairs udp_profile_lidar LEGACY with udp_profile_imu ACCEL32_GYRO32_NMEA, a combination Ouster sensors do "
                + "not send (the vendor SDK refuses it)");
    }

    private static ObjectNode format(ObjectNode metadata) {
        return (ObjectNode) metadata.get("lidar_data_format");
    }

    private static void assertMisbehaving(String endpoint, Consumer<ObjectNode> edit, String... fragments) {
        try (ApiStub stub = ApiStub.editing(endpoint, edit); OusterApiClient client = stub.client()) {
            var failure = assertThatThrownBy(client::read).isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageStartingWith("Bench part misbehaving: sensor os-1 API at " + stub.baseUri() + ": GET "
                            + endpoint + ": ")
                    .hasMessageContaining(", body: '{")
                    .hasMessageContaining("\nHint: ");
            for (String fragment : fragments) {
                failure.hasMessageContaining(fragment);
            }
        }
    }
}
