package io.timesync.hil.sensor;

/**
 * One Ouster sensor of the bench.
 *
 * @param address           the sensor's IPv4 address: packets from elsewhere are counted and ignored
 * @param lidarPort         where its lidar packets arrive (0: any free port, on the simulated bench)
 * @param framesPerSecond   the lidar mode's rate (10 in 1024x10)
 * @param imuPacketsPerSecond the IMU packet rate (100 on Ouster sensors), to spot IMU packets lost
 */
public record SensorSettings(String name, String address, int lidarPort, int imuPort, LidarPacketFormat lidar,
                             int framesPerSecond, ImuPacketFormat imu, int imuPacketsPerSecond) {
}
