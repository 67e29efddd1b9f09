package io.timesync.hil.sensor.api;

import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.SensorSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * What one sensor's API said about it, read at one time, with every answer as received ({@link #exchanges()}) for
 * the report's evidence.
 *
 * @param config the active configuration (what the sensor does now)
 */
public record OusterApiReading(SensorIdentity identity, ApiGeneration generation, SensorDataFormat dataFormat,
                               ActiveConfig config, SensorPtpState ptp, List<ApiExchange> exchanges) {
    public OusterApiReading {
        exchanges = List.copyOf(exchanges);
    }

    /**
     * Where the sensor's packets differ from what the bench file expects of them (profile, beams, mode, IMU
     * profile and measurements, ports; a port of 0 in the bench file accepts any). Empty when they agree.
     */
    public List<String> disagreementsWith(SensorSettings expected) {
        List<String> differences = new ArrayList<>();
        compare(differences, "udp_profile_lidar", dataFormat.lidarProfile(), expected.lidar().profile());
        compare(differences, "beams (pixels_per_column)", dataFormat.beams(), expected.lidar().beams());
        compare(differences, "lidar_mode", dataFormat.lidarMode(),
                expected.lidar().columnsPerFrame() + "x" + expected.framesPerSecond());
        compare(differences, "udp_profile_imu", dataFormat.imuProfile(), expected.imu().profile());
        if (dataFormat.imuProfile() == ImuProfile.ACCEL32_GYRO32_NMEA
                && expected.imu().profile() == ImuProfile.ACCEL32_GYRO32_NMEA) {
            compare(differences, "imu_measurements_per_packet", dataFormat.imuMeasurementsPerPacket(),
                    expected.imu().measurementsPerPacket());
        }
        if (expected.lidarPort() != 0) {
            compare(differences, "udp_port_lidar", config.udpPortLidar(), expected.lidarPort());
        }
        if (expected.imuPort() != 0) {
            compare(differences, "udp_port_imu", config.udpPortImu(), expected.imuPort());
        }
        return differences;
    }

    /** What the sensor said, on one line, for the report's Environment and the quick check. */
    public String summary() {
        return identity.productLine() + " " + identity.serialNumber() + ", firmware " + identity.firmware() + ", "
                + config.timestampMode() + ", sends " + dataFormat.lidarProfile() + " " + dataFormat.beams()
                + " beams " + dataFormat.lidarMode() + ", IMU " + dataFormat.imuProfile() + " to " + config.udpDest()
                + ":" + config.udpPortLidar() + "/" + config.udpPortImu() + ", PTP " + ptp.portAndGrandmaster()
                + " offset " + ptp.offsetFromMasterNs() + " ns; image " + identity.firmwareImage();
    }

    private static void compare(List<String> differences, String field, Object reported, Object expected) {
        if (!reported.equals(expected)) {
            differences.add(field + ": the sensor reports " + reported + ", the bench file expects " + expected);
        }
    }
}
