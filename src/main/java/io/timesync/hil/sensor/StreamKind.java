package io.timesync.hil.sensor;

import java.util.List;

/** A stream of sensor timestamps judged on its own. */
public enum StreamKind {
    /** each lidar packet's first valid column */
    LIDAR("lidar"),
    /** LEGACY IMU packets' accelerometer timestamp */
    IMU_ACCEL("imu accel"),
    /** LEGACY IMU packets' gyroscope timestamp */
    IMU_GYRO("imu gyro"),
    /** ACCEL32_GYRO32_NMEA packets' newest measurement (accelerometer and gyroscope share it) */
    IMU("imu");

    private final String label;

    StreamKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The streams of a sensor with this IMU profile. */
    public static List<StreamKind> of(ImuProfile imu) {
        return imu == ImuProfile.LEGACY ? List.of(LIDAR, IMU_ACCEL, IMU_GYRO) : List.of(LIDAR, IMU);
    }
}
