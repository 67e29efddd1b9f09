package io.timesync.hil.sensor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packets a sensor sends, from its metadata: {@code lidar_data_format} (profile, beams as
 * {@code pixels_per_column}, columns), {@code imu_data_format.imu_measurements_per_packet} (ACCEL32_GYRO32_NMEA) and
 * the frame rate ({@code lidar_data_format.fps}, else {@code config_params.lidar_mode}), as the vendor SDK's
 * {@code parse_and_validate_metadata} reads them.
 *
 * @param imuMeasurementsPerPacket ACCEL32_GYRO32_NMEA: accel/gyro measurements per IMU packet; LEGACY: 0 (one
 *                                 fixed 48-byte layout)
 */
public record SensorDataFormat(LidarProfile lidarProfile, int beams, int columnsPerFrame, int framesPerSecond,
                               ImuProfile imuProfile, int imuMeasurementsPerPacket) {
    private static final Pattern LIDAR_MODE = Pattern.compile("(\\d{1,6})x(\\d{1,3})");
    private static final String FORMAT = "$.lidar_data_format";
    private static final String IMU_FORMAT = "$.imu_data_format";
    private static final String CONFIG = "$.config_params";
    private static final String SUPPORTED_HINT = "set the sensor's %s to one the suite decodes (%s), e.g. "
            + "curl -X POST http://<sensor>/api/v1/sensor/config -H 'Content-Type: application/json' "
            + "--data '{\"%s\": \"%s\"}' (firmware 3.1+), and match sensors.<name>.%s in the bench file";

    /** The suite's decoder for this sensor's lidar packets. */
    public LidarPacketFormat lidarPacketFormat() {
        return new LidarPacketFormat(lidarProfile, beams, columnsPerFrame);
    }

    /** The suite's decoder for this sensor's IMU packets. */
    public ImuPacketFormat imuPacketFormat() {
        return new ImuPacketFormat(imuProfile, imuMeasurementsPerPacket);
    }

    /** {@code 1024x10} */
    public String lidarMode() {
        return columnsPerFrame + "x" + framesPerSecond;
    }

    /** @throws ApiContentException when the text is not metadata the suite can use */
    public static SensorDataFormat fromMetadata(String metadataJson) {
        return fromMetadata(ApiJson.parse(metadataJson));
    }

    /**
     * @param metadata {@code /api/v1/sensor/metadata} (or the same pieces assembled), or metadata the vendor SDK
     *                 wrote
     */
    static SensorDataFormat fromMetadata(JsonNode metadata) {
        JsonNode format = ApiJson.object(metadata, "$", "lidar_data_format");
        Optional<JsonNode> config = ApiJson.optionalObject(metadata, "$", "config_params");
        Optional<String> lidarMode = config.flatMap(c -> ApiJson.optionalText(c, CONFIG, "lidar_mode"));
        Optional<int[]> mode = lidarMode.map(SensorDataFormat::columnsAndRate);

        int columnsPerFrame = ApiJson.integer(format, FORMAT, "columns_per_frame");
        if (mode.isPresent() && mode.get()[0] != columnsPerFrame) {
            throw new ApiContentException(FORMAT + ".columns_per_frame " + columnsPerFrame + " does not match "
                    + CONFIG + ".lidar_mode " + lidarMode.get());
        }
        Optional<Integer> fps = ApiJson.optionalInteger(format, FORMAT, "fps"); // firmware 3.2+ only
        if (fps.isPresent() && mode.isPresent() && fps.get() != mode.get()[1]) {
            throw new ApiContentException(FORMAT + ".fps " + fps.get() + " does not match " + CONFIG
                    + ".lidar_mode " + lidarMode.get());
        }
        int framesPerSecond = fps.or(() -> mode.map(m -> m[1])).orElseThrow(() ->
                new ApiContentException("no frame rate: neither " + FORMAT + ".fps nor " + CONFIG + ".lidar_mode"));
        // the vendor's default when absent is 16, the only value the suite decodes
        int columnsPerPacket = ApiJson.optionalInteger(format, FORMAT, "columns_per_packet")
                .orElse(LidarPacketFormat.COLUMNS_PER_PACKET);
        if (columnsPerPacket != LidarPacketFormat.COLUMNS_PER_PACKET) {
            throw new ApiContentException(FORMAT + ".columns_per_packet is " + columnsPerPacket + "; the suite "
                    + "decodes " + LidarPacketFormat.COLUMNS_PER_PACKET + " columns per packet only",
                    "set the sensor's columns_per_packet to 16");
        }
        int beams = ApiJson.integer(format, FORMAT, "pixels_per_column");
        if (beams <= 0 || columnsPerFrame <= 0 || columnsPerFrame % LidarPacketFormat.COLUMNS_PER_PACKET != 0
                || framesPerSecond <= 0) {
            throw new ApiContentException(FORMAT + " describes no Ouster lidar: " + beams + " beams, "
                    + columnsPerFrame + " columns at " + framesPerSecond + " frames/s");
        }
        // firmware 2.1 has no profiles yet: it sends LEGACY packets, which the vendor SDK assumes when absent
        LidarProfile lidarProfile = profile(LidarProfile.class, ApiJson.optionalText(format, FORMAT,
                "udp_profile_lidar").orElse(LidarProfile.LEGACY.name()), "udp_profile_lidar",
                LidarProfile.RNG19_RFL8_SIG16_NIR16, "lidarProfile");
        ImuProfile imuProfile = profile(ImuProfile.class, ApiJson.optionalText(format, FORMAT, "udp_profile_imu")
                .orElse(ImuProfile.LEGACY.name()), "udp_profile_imu", ImuProfile.LEGACY, "imuProfile");
        if (lidarProfile == LidarProfile.LEGACY && imuProfile != ImuProfile.LEGACY) {
            // the vendor SDK refuses it too: LEGACY lidar packets and eUDP IMU packets differ in headers and footers
            throw new ApiContentException(FORMAT + " pairs udp_profile_lidar LEGACY with udp_profile_imu "
                    + imuProfile + ", a combination Ouster sensors do not send (the vendor SDK refuses it)",
                    "set the sensor's udp_profile_lidar to an eUDP profile (e.g. RNG19_RFL8_SIG16_NIR16) or its "
                    + "udp_profile_imu to LEGACY");
        }
        int measurements = imuProfile == ImuProfile.LEGACY ? 0 : imuMeasurementsPerPacket(metadata);
        return new SensorDataFormat(lidarProfile, beams, columnsPerFrame, framesPerSecond, imuProfile, measurements);
    }

    /** The metadata states it; there is no default to fall back on (the vendor SDK's is 0, no real packet). */
    private static int imuMeasurementsPerPacket(JsonNode metadata) {
        JsonNode imuFormat = ApiJson.optionalObject(metadata, "$", "imu_data_format").orElseThrow(() ->
                new ApiContentException("udp_profile_imu is ACCEL32_GYRO32_NMEA but " + IMU_FORMAT
                        + " (imu_measurements_per_packet) is missing"));
        int measurements = ApiJson.integer(imuFormat, IMU_FORMAT, "imu_measurements_per_packet");
        if (measurements <= 0) {
            throw new ApiContentException(IMU_FORMAT + ".imu_measurements_per_packet is " + measurements
                    + ": an ACCEL32_GYRO32_NMEA packet holds at least one measurement");
        }
        return measurements;
    }

    private static <P extends Enum<P>> P profile(Class<P> profiles, String name, String field, P example,
                                                 String benchKey) {
        P[] known = profiles.getEnumConstants();
        return Arrays.stream(known).filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                new ApiContentException(FORMAT + "." + field + " is " + name + ", which the suite does not decode "
                        + "(it decodes " + Arrays.toString(known) + ")",
                        String.format(SUPPORTED_HINT, field, Arrays.toString(known), field, example, benchKey)));
    }

    /** {@code 1024x10} -> {1024, 10} */
    private static int[] columnsAndRate(String lidarMode) {
        Matcher matcher = LIDAR_MODE.matcher(lidarMode);
        if (!matcher.matches()) {
            throw new ApiContentException(CONFIG + ".lidar_mode '" + lidarMode + "' is not <columns>x<rate>");
        }
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
    }
}
