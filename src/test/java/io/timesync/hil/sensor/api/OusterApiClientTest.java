package io.timesync.hil.sensor.api;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.sim.SimulatedOusterApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.timesync.hil.sensor.api.ApiTestSensors.IMU_PORT;
import static io.timesync.hil.sensor.api.ApiTestSensors.LIDAR_PORT;
import static io.timesync.hil.sensor.api.ApiTestSensors.SERIAL;
import static io.timesync.hil.sensor.api.ApiTestSensors.UDP_DEST;
import static io.timesync.hil.sensor.api.ApiTestSensors.client;
import static io.timesync.hil.sensor.api.ApiTestSensors.endpoints;
import static io.timesync.hil.sensor.api.ApiTestSensors.settings;
import static io.timesync.hil.sensor.api.ApiTestSensors.start;
import static io.timesync.hil.sensor.api.ApiTestSensors.typical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** {@link OusterApiClient} against {@link SimulatedOusterApi}: every field, every firmware generation, every fault. */
class OusterApiClientTest {
    private static final String PART = "sensor os-1 API at http://127.0.0.1:";

    /** Every combination of profiles an Ouster sensor sends, each with other beams and another mode. */
    static Stream<Arguments> formats() {
        int[][] shapes = {{16, 512, 10}, {32, 512, 20}, {64, 1024, 10}, {128, 1024, 20}, {64, 2048, 10}, {32, 4096, 5}};
        int[] index = {0};
        return Arrays.stream(LidarProfile.values()).flatMap(lidar -> Arrays.stream(ImuProfile.values())
                .filter(imu -> lidar != LidarProfile.LEGACY || imu == ImuProfile.LEGACY)
                .map(imu -> {
                    int[] shape = shapes[index[0]++ % shapes.length];
                    return Arguments.of(lidar, imu, shape[0], shape[1], shape[2]);
                }));
    }

    @ParameterizedTest(name = "{0} {1} IMU, {2} beams {3}x{4}")
    @MethodSource("formats")
    void readsEveryField(LidarProfile lidar, ImuProfile imu, int beams, int columns, int fps) {
        int measurements = imu == ImuProfile.LEGACY ? 0 : 8;
        try (SimulatedOusterApi api = start(settings("3.2.0", lidar, beams, columns, fps, imu, 8));
             OusterApiClient client = client(api)) {
            OusterApiReading reading = client.read();

            assertThat(reading.identity()).isEqualTo(new SensorIdentity("OS-1-" + beams, SERIAL, api.firmwareImage(),
                    FirmwareVersion.parse(api.firmwareImage()), "RUNNING"));
            assertThat(reading.identity().firmwareImage()).isEqualTo("ousteros-image-prod-aries-v3.2.0+20240611201015");
            assertThat(reading.generation()).isEqualTo(ApiGeneration.FW_3_1);
            assertThat(reading.dataFormat()).isEqualTo(new SensorDataFormat(lidar, beams, columns, fps, imu,
                    measurements));
            assertThat(reading.dataFormat().lidarPacketFormat()).isEqualTo(new LidarPacketFormat(lidar, beams, columns));
            assertThat(reading.dataFormat().imuPacketFormat().packetBytes())
                    .isEqualTo(new ImuPacketFormat(imu, 8).packetBytes());
            assertThat(reading.dataFormat().lidarMode()).isEqualTo(columns + "x" + fps);
            assertThat(reading.config()).isEqualTo(new ActiveConfig(TimestampMode.TIME_FROM_PTP_1588, UDP_DEST,
                    LIDAR_PORT, IMU_PORT, columns + "x" + fps));
            assertThat(reading.ptp()).isEqualTo(new SensorPtpState(PortState.SLAVE, SimulatedPtp4lDatasets.HOST,
                    new PortIdentity(SimulatedPtp4lDatasets.HOST, 1), 12, 12, true, Optional.of(1_834L), Optional.of(1),
                    Optional.empty(), Optional.of("default")));
            assertThat(reading.disagreementsWith(new SensorSettings("os-1", "127.0.0.1", LIDAR_PORT, IMU_PORT,
                    new LidarPacketFormat(lidar, beams, columns), fps, new ImuPacketFormat(imu, 8), 100))).isEmpty();
        }
    }

    static Stream<Arguments> generations() {
        List<String> metadataThenConfig = List.of("/api/v1/system/firmware",
                "/api/v1/sensor/cmd/get_config_param?args=active", "/api/v1/sensor/metadata", "/api/v1/time/ptp");
        List<String> staging = List.of("/api/v1/system/firmware", "/api/v1/sensor/config", "/api/v1/sensor/metadata",
                "/api/v1/time/ptp");
        return Stream.of(
                Arguments.of("2.1.2", ApiGeneration.FW_2_1, List.of("/api/v1/system/firmware",
                        "/api/v1/sensor/cmd/get_config_param?args=active", "/api/v1/sensor/cmd/get_sensor_info",
                        "/api/v1/sensor/cmd/get_lidar_data_format", "/api/v1/time/ptp")),
                Arguments.of("2.2.0", ApiGeneration.FW_2_2, metadataThenConfig),
                Arguments.of("2.3.1", ApiGeneration.FW_2_2, metadataThenConfig),
                Arguments.of("2.4.0", ApiGeneration.FW_2_2, metadataThenConfig),
                Arguments.of("2.5.2", ApiGeneration.FW_2_2, metadataThenConfig),
                Arguments.of("3.0.1", ApiGeneration.FW_2_2, metadataThenConfig),
                Arguments.of("3.1.0", ApiGeneration.FW_3_1, staging),
                Arguments.of("3.2.0", ApiGeneration.FW_3_1, staging));
    }

    @ParameterizedTest(name = "firmware {0}")
    @MethodSource("generations")
    void readsEachFirmwareGenerationAtItsEndpoints(String firmware, ApiGeneration generation, List<String> asked) {
        // firmware 2.1 knows no UDP profiles: LEGACY
        LidarProfile lidar = generation == ApiGeneration.FW_2_1 ? LidarProfile.LEGACY : LidarProfile.RNG15_RFL8_NIR8;
        try (SimulatedOusterApi api = start(settings(firmware, lidar, 128, 2048, 10, ImuProfile.LEGACY, 8));
             OusterApiClient client = client(api)) {
            OusterApiReading reading = client.read();

            assertThat(reading.generation()).isEqualTo(generation);
            assertThat(endpoints(reading.exchanges())).containsExactlyElementsOf(asked);
            assertThat(reading.identity().firmware().number()).isEqualTo(firmware);
            assertThat(reading.dataFormat()).isEqualTo(new SensorDataFormat(lidar, 128, 2048, 10, ImuProfile.LEGACY, 0));
            assertThat(reading.config()).isEqualTo(new ActiveConfig(TimestampMode.TIME_FROM_PTP_1588, UDP_DEST,
                    LIDAR_PORT, IMU_PORT, "2048x10"));
            assertThat(reading.ptp().portState()).isEqualTo(PortState.SLAVE);
        }
    }

    @ParameterizedTest(name = "firmware {0}")
    @MethodSource("oldFirmware")
    void refusesFirmwareThatSpeaksOnlyTheTcpProtocol(String firmware) {
        try (SimulatedOusterApi api = start(settings(firmware, LidarProfile.LEGACY, 64, 1024, 10, ImuProfile.LEGACY, 8));
             OusterApiClient client = client(api)) {
            assertThatThrownBy(client::read)
                    .isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageStartingWith("Bench part misbehaving: " + PART + api.address().getPort()
                            + ": firmware " + api.firmwareImage() + " (" + firmware + ") is not supported: firmware "
                            + "before 2.1 serves its configuration over the TCP 7501 text protocol only")
                    .hasMessageContaining("\nHint: upgrade the sensor's firmware to 2.1 or later");
            assertThat(endpoints(client.exchanges())).containsExactly("/api/v1/system/firmware");
        }
    }

    static Stream<String> oldFirmware() {
        return Stream.of("2.0.0", "1.14.0");
    }

    @Test
    void timestampModeInternal() {
        try (SimulatedOusterApi api = start(typical("timestampMode=internal")); OusterApiClient client = client(api)) {
            assertThat(client.read().config().timestampMode()).isEqualTo(TimestampMode.TIME_FROM_INTERNAL_OSC);
        }
    }

    @Test
    void otherGrandmaster() {
        try (SimulatedOusterApi api = start(typical("otherGrandmaster")); OusterApiClient client = client(api)) {
            SensorPtpState ptp = client.read().ptp();
            assertThat(ptp.grandmasterIdentity()).isEqualTo(SimulatedPtp4lDatasets.FOREIGN_GRANDMASTER);
            assertThat(ptp.grandmasterIdentity().toString()).isEqualTo("02005e.fffe.0000aa");
            assertThat(ptp.parentPortIdentity()).isEqualTo(new PortIdentity(SimulatedPtp4lDatasets.FOREIGN_GRANDMASTER, 1));
            assertThat(ptp.portState()).isEqualTo(PortState.SLAVE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offsets")
    void ptpOffset(String fault, long expectedNs) {
        try (SimulatedOusterApi api = start(typical(fault)); OusterApiClient client = client(api)) {
            SensorPtpState ptp = client.ptpState();
            assertThat(ptp.offsetFromMasterNs()).isEqualTo(expectedNs);
            assertThat(ptp.masterOffsetNs()).isEqualTo(expectedNs);
        }
    }

    static Stream<Arguments> offsets() {
        return Stream.of(Arguments.of("ptpOffset=+2ms", 2_000_000L), Arguments.of("ptpOffset=-150us", -150_000L),
                Arguments.of("ptpOffset=1.5s", 1_500_000_000L));
    }

    @Test
    void ptpListening() {
        try (SimulatedOusterApi api = start(typical("ptpListening")); OusterApiClient client = client(api)) {
            SensorPtpState ptp = client.read().ptp();
            assertThat(ptp.portState()).isEqualTo(PortState.LISTENING);
            assertThat(ptp.gmPresent()).isFalse();
            // the sensor names itself when it follows no grandmaster (Ouster's manual)
            assertThat(ptp.grandmasterIdentity().toString()).isEqualTo("bc0fa7.fffe.625b3b");
            assertThat(ptp.grandmasterIdentity()).isNotEqualTo(SimulatedPtp4lDatasets.HOST);
            assertThat(ptp.stepsRemoved()).hasValue(0);
        }
    }

    @Test
    void apiDownIsUnreachableWithTheFix() {
        try (SimulatedOusterApi api = start(typical("apiDown")); OusterApiClient client = client(api)) {
            assertThatThrownBy(client::read)
                    .isInstanceOf(BenchPartUnreachableException.class)
                    .hasMessageStartingWith("Bench part unreachable: " + PART + api.address().getPort()
                            + ": GET /api/v1/system/firmware: connection refused")
                    .hasMessageContaining("\nHint: check sensors.os-1.address (127.0.0.1), that the sensor is powered");
            assertThat(client.exchanges()).isEmpty();
        }
    }

    @Test
    void apiMalformedIsMisbehavingWithTheBody() {
        try (SimulatedOusterApi api = start(typical("apiMalformed")); OusterApiClient client = client(api)) {
            assertThatThrownBy(client::read)
                    .isInstanceOf(BenchPartMisbehavingException.class)
                    .hasMessageStartingWith("Bench part misbehaving: " + PART + api.address().getPort()
                            + ": GET /api/v1/system/firmware: not JSON (Unexpected end-of-input")
                    .hasMessageContaining("body: '{\"sensor_info\": {\"prod_line\": \"OS-1-64\", \"status\": \"RUN'")
                    .hasMessageContaining("\nHint: something other than an Ouster sensor may answer at http://127.0.0.1:");
            assertThat(client.exchanges()).singleElement().extracting(ApiExchange::status).isEqualTo(200);
        }
    }

    @Test
    void apiHangFailsWithinTheRequestTimeout() {
        try (SimulatedOusterApi api = start(typical("apiHang"));
             OusterApiClient client = new OusterApiClient("os-1", api.baseUri(), TimeUnit.SECONDS.toNanos(1),
                     TimeUnit.MILLISECONDS.toNanos(300))) {
            // the bound is 1.3 s; the assertion allows for a loaded machine, not for a hang
            BenchPartUnreachableException failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    client.read();
                    return null;
                } catch (BenchPartUnreachableException e) {
                    return e;
                }
            });
            assertThat(failure).as("the hung API's failure").isNotNull();
            assertThat(failure).hasMessageStartingWith("Bench part unreachable: " + PART + api.address().getPort()
                    + ": GET /api/v1/system/firmware: the sensor accepted the connection but sent no answer within 300ms")
                    .hasMessageContaining("\nHint: the sensor's web server accepted the connection but did not answer");
        }
    }

    @Test
    void profileChangedShowsAsADisagreementWithTheBenchFile() {
        try (SimulatedOusterApi api = start(typical("profileChanged")); OusterApiClient client = client(api)) {
            OusterApiReading reading = client.read();
            assertThat(reading.dataFormat().lidarProfile()).isEqualTo(LidarProfile.RNG15_RFL8_NIR8);
            SensorSettings benchFile = new SensorSettings("os-1", "127.0.0.1", LIDAR_PORT, IMU_PORT,
                    new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024), 10,
                    new ImuPacketFormat(ImuProfile.LEGACY, 8), 100);
            assertThat(reading.disagreementsWith(benchFile)).containsExactly("udp_profile_lidar: the sensor reports "
                    + "RNG15_RFL8_NIR8, the bench file expects RNG19_RFL8_SIG16_NIR16");
        }
    }

    @Test
    void udpDestElsewhere() {
        try (SimulatedOusterApi api = start(typical("udpDestElsewhere")); OusterApiClient client = client(api)) {
            assertThat(client.read().config().udpDest()).isEqualTo("192.0.2.99").isEqualTo(SimulatedOusterApi.ELSEWHERE);
        }
    }

    @Test
    void disagreementsNameEveryFieldThatDiffers() {
        try (SimulatedOusterApi api = start(settings("3.2.0", LidarProfile.RNG19_RFL8_SIG16_NIR16, 64, 1024, 10,
                ImuProfile.ACCEL32_GYRO32_NMEA, 8)); OusterApiClient client = client(api)) {
            SensorSettings benchFile = new SensorSettings("os-1", "127.0.0.1", 7602, 0,
                    new LidarPacketFormat(LidarProfile.RNG19_RFL8_SIG16_NIR16, 32, 2048), 10,
                    new ImuPacketFormat(ImuProfile.ACCEL32_GYRO32_NMEA, 10), 100);
            assertThat(client.read().disagreementsWith(benchFile)).containsExactly(
                    "beams (pixels_per_column): the sensor reports 64, the bench file expects 32",
                    "lidar_mode: the sensor reports 1024x10, the bench file expects 2048x10",
                    "imu_measurements_per_packet: the sensor reports 8, the bench file expects 10",
                    "udp_port_lidar: the sensor reports 7502, the bench file expects 7602");
        }
    }

    @Test
    void exchangesHoldEveryAnswerAsRead() {
        try (SimulatedOusterApi api = start(typical()); OusterApiClient client = client(api)) {
            OusterApiReading reading = client.read();
            SensorPtpState again = client.ptpState();

            assertThat(reading.exchanges()).allSatisfy(exchange -> {
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(exchange.elapsedNs()).isPositive();
                assertThat(exchange.atUtcNs()).isPositive();
            });
            assertThat(reading.exchanges().get(0).body())
                    .isEqualTo("{\"fw\":\"ousteros-image-prod-aries-v3.2.0+20240611201015\"}");
            assertThat(reading.exchanges().get(2).body()).startsWith("{\"beam_intrinsics\":{\"beam_altitude_angles\":[")
                    .contains("\"sensor_info\":{\"build_date\":\"2024-06-11T20:10:15Z\"");
            assertThat(endpoints(client.exchanges())).containsExactly("/api/v1/system/firmware",
                    "/api/v1/sensor/config", "/api/v1/sensor/metadata", "/api/v1/time/ptp", "/api/v1/time/ptp");
            assertThat(again.portState()).isEqualTo(PortState.SLAVE);
        }
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        URI uri = URI.create("http://127.0.0.1:1");
        assertThatThrownBy(() -> new OusterApiClient("os-1", uri, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OusterApiClient("os-1", uri, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
