package io.timesync.hil.sim;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.api.FirmwareVersion;
import io.timesync.hil.sensor.api.TimestampMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated API's own rules: fault texts, settings it refuses, what it serves where. */
class SimulatedOusterApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"timestampMode=internal, TIMESTAMP_MODE, 0", "timestampMode=syncPulseIn, TIMESTAMP_MODE, 1",
            "timestampMode=ptp, TIMESTAMP_MODE, 2", "otherGrandmaster, OTHER_GRANDMASTER, 0",
            "ptpOffset=+2ms, PTP_OFFSET, 2000000", "ptpOffset=-150us, PTP_OFFSET, -150000",
            "ptpOffset=1s, PTP_OFFSET, 1000000000", "ptpListening, PTP_LISTENING, 0", "apiDown, API_DOWN, 0",
            "apiMalformed, API_MALFORMED, 0", "apiHang, API_HANG, 0", "profileChanged, PROFILE_CHANGED, 0",
            "udpDestElsewhere, UDP_DEST_ELSEWHERE, 0", "' APIHANG ', API_HANG, 0"})
    void parsesEveryFault(String text, SensorApiFault.Kind kind, long amount) {
        SensorApiFault fault = SensorApiFault.parse(text);
        assertThat(fault).isEqualTo(new SensorApiFault(kind, amount));
        assertThat(SensorApiFault.parse(fault.toString())).as("its text parses back").isEqualTo(fault);
    }

    @Test
    void timestampModeFaultNamesTheMode() {
        assertThat(SensorApiFault.parse("timestampMode=internal").timestampMode())
                .isEqualTo(TimestampMode.TIME_FROM_INTERNAL_OSC);
        assertThat(SensorApiFault.parse("timestampMode=internal").toString()).isEqualTo("timestampMode=internal");
        assertThatThrownBy(() -> SensorApiFault.parse("apiHang").timestampMode())
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "apiSlow | unknown sensor API fault 'apiSlow'; expected timestampMode=internal|syncPulseIn|ptp, otherGrandmaster",
            "ptpOffset | sensor API fault 'ptpOffset' needs a value",
            "apiHang=1s | sensor API fault 'apiHang=1s' takes no value",
            "timestampMode=gps | timestampMode 'gps': expected internal, syncPulseIn or ptp",
            "ptpOffset=5 | '5' needs a unit"})
    void refusesWhatItDoesNotKnow(String text, String message) {
        assertThatThrownBy(() -> SensorApiFault.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesSensorsThatDoNotExist() {
        assertThatThrownBy(() -> settings("2.1.2", LidarProfile.RNG19_RFL8_SIG16_NIR16, ImuProfile.LEGACY))
                .hasMessage("firmware 2.1.2 sends LEGACY packets only (UDP profiles came with 2.2)");
        assertThatThrownBy(() -> settings("3.1.0", LidarProfile.RNG19_RFL8_SIG16_NIR16, ImuProfile.ACCEL32_GYRO32_NMEA))
                .hasMessageContaining("firmware 3.1.0 is older");
        assertThatThrownBy(() -> settings("3.2.0", LidarProfile.LEGACY, ImuProfile.ACCEL32_GYRO32_NMEA))
                .hasMessage("Ouster sensors send no LEGACY lidar packets with ACCEL32_GYRO32_NMEA IMU packets");
        assertThatThrownBy(() -> new SimulatedOusterApi.Settings("SN-1", "3.2.0",
                new LidarPacketFormat(LidarProfile.LEGACY, 64, 1024), 10, new ImuPacketFormat(ImuProfile.LEGACY, 8),
                7502, 7503, "127.0.0.1", SimulatedPtp4lDatasets.HOST, List.of()))
                .hasMessage("prod_sn is digits, not 'SN-1'");
    }

    @ParameterizedTest(name = "firmware {0}: {1} -> {2}")
    @CsvSource({"3.2.0, /api/v1/user/data, 200", "3.2.0, /api/v1/sensor/metadata/sensor_info, 200",
            "3.2.0, /api/v1/sensor/metadata/imu_data_format, 200", "3.2.0, /api/v1/sensor/metadata/, 200",
            "3.2.0, /api/v1/zone_monitor/active/zip, 404", "3.2.0, /api/v1/sensor/cmd/get_config_param, 404",
            "3.1.0, /api/v1/sensor/cmd/get_config_param, 200",
            "3.0.1, /api/v1/sensor/metadata/imu_data_format, 404", "3.0.1, /api/v1/sensor/config, 200",
            "3.0.1, /api/v1/user/data, 404", "2.5.2, /api/v1/user/data, 200", "2.4.0, /api/v1/user/data, 404",
            "2.3.1, /api/v1/sensor/config, 404",
            "2.1.2, /api/v1/sensor/metadata, 404", "2.1.2, /api/v1/sensor/cmd/get_imu_intrinsics, 200",
            "2.0.0, /api/v1/time/ptp, 404", "2.0.0, /api/v1/system/firmware, 200"})
    void servesWhatItsFirmwareServes(String firmware, String path, int status) throws Exception {
        FirmwareVersion version = FirmwareVersion.parse(firmware);
        LidarProfile lidar = version.atLeast(2, 2) ? LidarProfile.RNG15_RFL8_NIR8 : LidarProfile.LEGACY;
        ImuProfile imu = version.atLeast(3, 2) ? ImuProfile.ACCEL32_GYRO32_NMEA : ImuProfile.LEGACY;
        try (SimulatedOusterApi api = SimulatedOusterApi.start(settings(firmware, lidar, imu),
                new InetSocketAddress("127.0.0.1", 0), HostClock.SYSTEM)) {
            HttpResponse<String> response = get(api.baseUri().resolve(path));
            assertThat(response.statusCode()).isEqualTo(status);
            if (status == 200) {
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            }
        }
    }

    @Test
    void userDataIsAnEmptyJsonString() throws Exception {
        try (SimulatedOusterApi api = start("3.2.0")) {
            assertThat(get(api.baseUri().resolve("/api/v1/user/data")).body()).isEqualTo("\"\"");
        }
    }

    @Test
    void answersGetOnly() throws Exception {
        try (SimulatedOusterApi api = start("3.2.0")) {
            HttpResponse<String> response = http().send(HttpRequest.newBuilder(api.baseUri().resolve(
                    "/api/v1/sensor/config")).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void apiDownRefusesConnectionsAtItsAddress() {
        try (SimulatedOusterApi api = start("3.2.0", "apiDown")) {
            assertThat(api.address().getPort()).isPositive();
            assertThatThrownBy(() -> get(api.baseUri().resolve("/api/v1/system/firmware")))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static SimulatedOusterApi start(String firmware, String... faults) {
        SimulatedOusterApi.Settings settings = new SimulatedOusterApi.Settings("992211000123", firmware,
                new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024), 10,
                new ImuPacketFormat(ImuProfile.LEGACY, 8), 7502, 7503, "127.0.0.1", SimulatedPtp4lDatasets.HOST,
                Arrays.stream(faults).map(SensorApiFault::parse).toList());
        return SimulatedOusterApi.start(settings, new InetSocketAddress("127.0.0.1", 0), HostClock.SYSTEM);
    }

    private static SimulatedOusterApi.Settings settings(String firmware, LidarProfile lidar, ImuProfile imu) {
        return new SimulatedOusterApi.Settings("992211000123", firmware, new LidarPacketFormat(lidar, 64, 1024), 10,
                new ImuPacketFormat(imu, 8), 7502, 7503, "127.0.0.1", SimulatedPtp4lDatasets.HOST, List.of());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http().send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).proxy(HttpClient.Builder.NO_PROXY).build();
    }
}
