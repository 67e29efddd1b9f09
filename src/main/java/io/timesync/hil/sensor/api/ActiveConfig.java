package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * The parts of the sensor's active configuration the suite checks: where its packets go and what its timestamps
 * count.
 *
 * @param udpDest {@code udp_dest}: the host the packets are sent to (empty: not sent)
 */
public record ActiveConfig(TimestampMode timestampMode, String udpDest, int udpPortLidar, int udpPortImu,
                           String lidarMode) {

    /**
     * @param config the active config document ({@code sensor/config} or {@code get_config_param?args=active})
     *               or a metadata's {@code config_params}
     * @param path   its JSON path, for messages
     */
    static ActiveConfig fromJson(JsonNode config, String path) {
        String modeName = ApiJson.text(config, path, "timestamp_mode");
        TimestampMode mode = TimestampMode.named(modeName).orElseThrow(() -> new ApiContentException(path
                + ".timestamp_mode '" + modeName + "' is none of the known modes " + Arrays.toString(
                TimestampMode.values())));
        // firmware 2.0-2.3 also report it as udp_ip; udp_ip alone only when udp_dest is absent, as the SDK reads it
        String udpDest = ApiJson.optionalText(config, path, "udp_dest")
                .orElseGet(() -> ApiJson.text(config, path, "udp_ip"));
        return new ActiveConfig(mode, udpDest, port(config, path, "udp_port_lidar"), port(config, path, "udp_port_imu"),
                ApiJson.text(config, path, "lidar_mode"));
    }

    private static int port(JsonNode config, String path, String field) {
        int port = ApiJson.integer(config, path, field);
        if (port < 0 || port > 65_535) {
            throw new ApiContentException(path + "." + field + " is " + port + ", not a UDP port");
        }
        return port;
    }
}
