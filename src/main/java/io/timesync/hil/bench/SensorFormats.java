package io.timesync.hil.bench;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.config.ConfigValues;
import io.timesync.hil.config.SensorSpec;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sensor.api.OusterApiReading;
import io.timesync.hil.sensor.api.SensorDataFormat;

import java.util.List;
import java.util.Map;

/**
 * A sensor's packet format and ports: what the bench file gives, the rest ({@code auto}) from what the sensor's own
 * API says; a value the bench file gives that the sensor contradicts is a configuration error naming both.
 */
final class SensorFormats {
    /** The bench file's key of each field the sensor's API reports, to name where a disagreement is. */
    private static final Map<String, String> KEYS_OF_FIELDS = Map.of("udp_profile_lidar", "lidarProfile",
            "beams", "beams", "lidar_mode", "mode", "udp_profile_imu", "imuProfile", "imu_measurements_per_packet",
            "imuMeasurementsPerPacket", "udp_port_lidar", "lidarPort", "udp_port_imu", "imuPort");

    private SensorFormats() {
    }

    /** @throws io.timesync.hil.config.BenchConfigException when the bench file and the sensor disagree */
    static SensorSettings fromApi(SensorSpec spec, OusterApiReading reading, ConfigValues values) {
        SensorDataFormat format = reading.dataFormat();
        String[] mode = spec.mode().orElse(format.lidarMode()).split("x");
        ImuProfile imuProfile = spec.imuProfile().orElse(format.imuProfile());
        int measurements = spec.imuMeasurementsPerPacket().orElse(format.imuMeasurementsPerPacket() > 0
                ? format.imuMeasurementsPerPacket() : ImuPacketFormat.DEFAULT_MEASUREMENTS_PER_PACKET);
        SensorSettings settings = new SensorSettings(spec.name(), spec.address(),
                // 0 (any port) asks the sensor which
                spec.lidarPort().filter(port -> port != 0).orElse(reading.config().udpPortLidar()),
                spec.imuPort().filter(port -> port != 0).orElse(reading.config().udpPortImu()),
                new LidarPacketFormat(spec.lidarProfile().orElse(format.lidarProfile()), spec.beams()
                        .orElse(format.beams()), Integer.parseInt(mode[0])), Integer.parseInt(mode[1]),
                new ImuPacketFormat(imuProfile, measurements), spec.imuRate());
        List<String> disagreements = reading.disagreementsWith(settings);
        if (!disagreements.isEmpty()) {
            String first = disagreements.get(0);
            String key = "sensors." + spec.name() + "." + KEYS_OF_FIELDS.entrySet().stream()
                    .filter(field -> first.startsWith(field.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElse("address");
            throw values.error(key, "sensor " + spec.name() + " (" + reading.identity().productLine() + " "
                    + reading.identity().serialNumber() + ") sends another format than the bench file says: "
                    + String.join("; ", disagreements) + ". Fix the bench file, or leave those keys auto to take the "
                    + "sensor's");
        }
        return settings;
    }

    /** The bench file's values when the sensor's API could not tell; without them the format is unknown. */
    static SensorSettings withoutApi(SensorSpec spec, RuntimeException apiFailure) {
        return spec.explicit().orElseThrow(() -> new BenchPartUnreachableException("sensor " + spec.name(),
                "its " + String.join(", ", spec.autoKeys()) + " are auto, but its API did not tell them: "
                        + (apiFailure instanceof BenchPartException part ? part.problem() : apiFailure.getMessage()),
                "bring the sensor's HTTP API up (see its checks), or give those keys in the bench file"));
    }
}
