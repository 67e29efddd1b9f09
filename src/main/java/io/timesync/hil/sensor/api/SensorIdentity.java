package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which sensor answered: its {@code sensor_info}.
 *
 * @param productLine   e.g. {@code OS-1-64}
 * @param serialNumber  {@code prod_sn}, e.g. {@code 992211000123}
 * @param firmwareImage {@code image_rev}, e.g. {@code ousteros-image-prod-aries-v2.5.2+20230714195410}
 * @param status        e.g. {@code RUNNING}, {@code INITIALIZING}, {@code STANDBY}, {@code ERROR}
 */
public record SensorIdentity(String productLine, String serialNumber, String firmwareImage, FirmwareVersion firmware,
                             String status) {
    private static final String PATH = "$.sensor_info";

    /** @param sensorInfo the {@code sensor_info} object */
    static SensorIdentity fromSensorInfo(JsonNode sensorInfo) {
        String image = ApiJson.text(sensorInfo, PATH, "image_rev");
        FirmwareVersion firmware;
        try {
            firmware = FirmwareVersion.parse(image);
        } catch (IllegalArgumentException e) {
            throw new ApiContentException(PATH + ".image_rev '" + image + "' holds no firmware version");
        }
        return new SensorIdentity(ApiJson.text(sensorInfo, PATH, "prod_line"), serialNumber(sensorInfo), image,
                firmware, ApiJson.text(sensorInfo, PATH, "status"));
    }

    /** Firmware writes prod_sn as a string; some older tools wrote a number. */
    private static String serialNumber(JsonNode sensorInfo) {
        JsonNode value = sensorInfo.get("prod_sn");
        if (value != null && value.isIntegralNumber()) {
            return value.asText();
        }
        return ApiJson.text(sensorInfo, PATH, "prod_sn");
    }
}
