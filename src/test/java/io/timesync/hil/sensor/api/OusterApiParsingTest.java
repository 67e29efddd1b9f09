package io.timesync.hil.sensor.api;

import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.PortState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small readers behind the client: versions, identities, port states, numbers. */
class OusterApiParsingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ousteros-image-prod-aries-v2.5.2+20230714195410, 2, 5, 2",
            "ousteros-image-prod-bootes-v3.0.1-rc.1+20230203215650.staging-2022, 3, 0, 1",
            "ousteros-image-prod-aries-v2.1.2+20210727223313.patch-v2.1.2, 2, 1, 2",
            "ousteros-image-prod-aries-v2.2.0-rc.1, 2, 2, 0",
            "v3.2.0, 3, 2, 0",
            "3.1.0, 3, 1, 0"})
    void firmwareVersionFromImageNames(String text, int major, int minor, int patch) {
        FirmwareVersion version = FirmwareVersion.parse(text);
        assertThat(version).isEqualTo(new FirmwareVersion(major, minor, patch, text));
    }

    @Test
    void firmwareVersionNeedsThreeNumbers() {
        assertThatThrownBy(() -> FirmwareVersion.parse("ousteros-image-prod")).isInstanceOf(
                IllegalArgumentException.class).hasMessage("no firmware version (x.y.z) in 'ousteros-image-prod'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1.14.0, ", "2.0.0, ", "2.1.0, FW_2_1", "2.1.9, FW_2_1", "2.2.0, FW_2_2", "2.4.0, FW_2_2",
            "3.0.1, FW_2_2", "3.1.0, FW_3_1", "3.2.0, FW_3_1", "4.0.0, FW_3_1"})
    void generationByFirmware(String firmware, ApiGeneration expected) {
        assertThat(ApiGeneration.of(FirmwareVersion.parse(firmware))).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"78d004.fffe.384cf2", "78D004.FFFE.384CF2", "78:d0:04:ff:fe:38:4c:f2",
            "78-d0-04-ff-fe-38-4c-f2"})
    void clockIdentityAsPmcWritesIt(String text) {
        assertThat(SensorPtpState.clockIdentity(text, "$.x")).isEqualTo(ClockIdentity.parse("78d004.fffe.384cf2"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"78d004fffe384cf2", "78d004.fffe.384cf", "", "78d004.fffe.384cf2-1"})
    void notAClockIdentity(String text) {
        assertThatThrownBy(() -> SensorPtpState.clockIdentity(text, "$.x")).isInstanceOf(ApiContentException.class)
                .hasMessage("$.x '" + text + "' is not a clock identity (xxxxxx.xxxx.xxxxxx)");
    }

    @Test
    void portIdentity() {
        assertThat(SensorPtpState.portIdentity("02005e.fffe.000001-1", "$.p"))
                .isEqualTo(new PortIdentity(ClockIdentity.parse("02005e.fffe.000001"), 1));
        assertThat(SensorPtpState.portIdentity("02-00-5e-ff-fe-00-00-01-65535", "$.p"))
                .isEqualTo(new PortIdentity(ClockIdentity.parse("02005e.fffe.000001"), 65_535));
        assertThatThrownBy(() -> SensorPtpState.portIdentity("02005e.fffe.000001-65536", "$.p"))
                .isInstanceOf(ApiContentException.class).hasMessageContaining("is not a port identity");
        assertThatThrownBy(() -> SensorPtpState.portIdentity("02005e.fffe.000001", "$.p"))
                .isInstanceOf(ApiContentException.class).hasMessageContaining("is not a port identity");
    }

    @Test
    void portStatesAsPmcPrintsThem() {
        for (PortState state : PortState.values()) {
            assertThat(SensorPtpState.portState(state.name())).isEqualTo(state);
        }
        assertThat(SensorPtpState.portState("GRAND_MASTER")).isEqualTo(PortState.MASTER);
        assertThat(SensorPtpState.portState("slave")).isEqualTo(PortState.SLAVE);
    }

    @Test
    void nanosecondsRoundAndFlagsAcceptZeroOrOne() {
        var json = ApiJson.parse("{\"a\": 224159, \"b\": -312.5, \"c\": 1e3, \"d\": 1, \"e\": false, \"f\": 2, "
                + "\"g\": 1e30}");
        assertThat(ApiJson.nanoseconds(json, "$", "a")).isEqualTo(224_159);
        assertThat(ApiJson.nanoseconds(json, "$", "b")).isEqualTo(-313);
        assertThat(ApiJson.nanoseconds(json, "$", "c")).isEqualTo(1_000);
        assertThat(ApiJson.flag(json, "$", "d")).isTrue();
        assertThat(ApiJson.flag(json, "$", "e")).isFalse();
        assertThatThrownBy(() -> ApiJson.flag(json, "$", "f")).hasMessage("$.f is 2, expected true/false");
        assertThatThrownBy(() -> ApiJson.nanoseconds(json, "$", "g")).hasMessage("$.g is 1.0E30, expected a number of nanoseconds within ±292 years");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\": 1} trailing", "{\"a\": 1, \"a\": 2}", "{\"a\": ", "<html></html>"})
    void strictJson(String text) {
        assertThatThrownBy(() -> ApiJson.parse(text)).isInstanceOf(ApiContentException.class)
                .hasMessageStartingWith("not JSON (");
    }

    @Test
    void udpIpWhenUdpDestIsAbsentAsOnOldFirmware() {
        var config = ApiJson.parse("{\"timestamp_mode\": \"TIME_FROM_SYNC_PULSE_IN\", \"udp_ip\": \"10.0.0.2\", "
                + "\"udp_port_lidar\": 7502, \"udp_port_imu\": 7503, \"lidar_mode\": \"512x20\"}");
        assertThat(ActiveConfig.fromJson(config, "$")).isEqualTo(new ActiveConfig(TimestampMode.TIME_FROM_SYNC_PULSE_IN,
                "10.0.0.2", 7502, 7503, "512x20"));
    }

    @Test
    void portOutOfRange() {
        var config = ApiJson.parse("{\"timestamp_mode\": \"TIME_FROM_PTP_1588\", \"udp_dest\": \"\", "
                + "\"udp_port_lidar\": 70000, \"udp_port_imu\": 7503, \"lidar_mode\": \"512x20\"}");
        assertThatThrownBy(() -> ActiveConfig.fromJson(config, "$")).hasMessage("$.udp_port_lidar is 70000, not a UDP port");
    }

    @Test
    void firmware21MetadataHasNoProfilesAndMeansLegacy() {
        String metadata = "{\"config_params\": {\"lidar_mode\": \"2048x10\"}, \"lidar_data_format\": "
                + "{\"column_window\": [0, 2047], \"columns_per_frame\": 2048, \"columns_per_packet\": 16, "
                + "\"pixel_shift_by_row\": [], \"pixels_per_column\": 32}}";
        assertThat(SensorDataFormat.fromMetadata(metadata)).isEqualTo(new SensorDataFormat(
                io.timesync.hil.sensor.LidarProfile.LEGACY, 32, 2048, 10, io.timesync.hil.sensor.ImuProfile.LEGACY, 0));
    }

    @Test
    void frameRateFromTheModeOrTheFormat() {
        String withoutMode = "{\"lidar_data_format\": {\"columns_per_frame\": 1024, \"pixels_per_column\": 64, "
                + "\"udp_profile_lidar\": \"RNG15_RFL8_NIR8\", \"udp_profile_imu\": \"LEGACY\", \"fps\": 20}}";
        assertThat(SensorDataFormat.fromMetadata(withoutMode).lidarMode()).isEqualTo("1024x20");
        String neither = withoutMode.replace(", \"fps\": 20", "");
        assertThatThrownBy(() -> SensorDataFormat.fromMetadata(neither)).hasMessage(
                "no frame rate: neither $.lidar_data_format.fps nor $.config_params.lidar_mode");
        String columnsDisagree = withoutMode.replace("}}", "}, \"config_params\": {\"lidar_mode\": \"2048x10\"}}");
        assertThatThrownBy(() -> SensorDataFormat.fromMetadata(columnsDisagree)).hasMessage(
                "$.lidar_data_format.columns_per_frame 1024 does not match $.config_params.lidar_mode 2048x10");
    }
}
