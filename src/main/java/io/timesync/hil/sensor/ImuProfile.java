package io.timesync.hil.sensor;

/** Ouster IMU UDP profiles (the sensor's udp_profile_imu). */
public enum ImuProfile {
    /** 48 bytes: sys_ts (monotonic, not PTP), accel_ts, gyro_ts u64, then 6 floats */
    LEGACY,
    /** packet header, NMEA block (ts u64 + sentence), N measurements of 36 bytes, packet footer */
    ACCEL32_GYRO32_NMEA
}
