package io.timesync.hil.sensor.api;

import java.util.Optional;

/**
 * Which endpoints a firmware serves, as the vendor's ouster-sdk chooses them by firmware version
 * ({@code SensorHttp::create} in ouster_client/src/sensor_http.cpp, SDK 0.12 and 1.0): firmware before 2.1
 * speaks the TCP 7501 text protocol (unsupported here); 2.1 serves its metadata piecewise under
 * {@code sensor/cmd/}; 2.2 adds the whole {@code sensor/metadata}; 3.1 adds {@code sensor/config} (the
 * staging config API) in place of {@code sensor/cmd/get_config_param}.
 */
public enum ApiGeneration {
    FW_2_1(Optional.empty(), "/api/v1/sensor/cmd/get_config_param?args=active"),
    FW_2_2(Optional.of("/api/v1/sensor/metadata"), "/api/v1/sensor/cmd/get_config_param?args=active"),
    FW_3_1(Optional.of("/api/v1/sensor/metadata"), "/api/v1/sensor/config");

    public static final String FIRMWARE_ENDPOINT = "/api/v1/system/firmware";
    public static final String PTP_ENDPOINT = "/api/v1/time/ptp";
    /** FW 2.1's pieces of the metadata (SDK 0.12, SensorHttpImp_2_1). */
    public static final String SENSOR_INFO_COMMAND = "/api/v1/sensor/cmd/get_sensor_info";
    public static final String LIDAR_DATA_FORMAT_COMMAND = "/api/v1/sensor/cmd/get_lidar_data_format";

    private final Optional<String> metadataEndpoint;
    private final String activeConfigEndpoint;

    ApiGeneration(Optional<String> metadataEndpoint, String activeConfigEndpoint) {
        this.metadataEndpoint = metadataEndpoint;
        this.activeConfigEndpoint = activeConfigEndpoint;
    }

    /** @return empty for firmware the suite cannot read over HTTP (before 2.1) */
    public static Optional<ApiGeneration> of(FirmwareVersion firmware) {
        if (firmware.atLeast(3, 1)) {
            return Optional.of(FW_3_1);
        }
        if (firmware.atLeast(2, 2)) {
            return Optional.of(FW_2_2);
        }
        return firmware.atLeast(2, 1) ? Optional.of(FW_2_1) : Optional.empty();
    }

    /** The whole metadata in one document; empty on FW 2.1, which serves it piecewise. */
    public Optional<String> metadataEndpoint() {
        return metadataEndpoint;
    }

    public String activeConfigEndpoint() {
        return activeConfigEndpoint;
    }
}
