package io.timesync.hil.sensor;

/** Ouster lidar UDP profiles (the sensor's udp_profile_lidar) and the bytes each pixel takes. */
public enum LidarProfile {
    /** per-column 16-byte header with timestamp, measurement id, frame id; 4-byte status footer */
    LEGACY(12),
    RNG19_RFL8_SIG16_NIR16(12),
    RNG15_RFL8_NIR8(4),
    RNG19_RFL8_SIG16_NIR16_DUAL(16),
    RNG15_RFL8_NIR8_DUAL(8);

    private final int pixelBytes;

    LidarProfile(int pixelBytes) {
        this.pixelBytes = pixelBytes;
    }

    public int pixelBytes() {
        return pixelBytes;
    }

    /** The eUDP profiles have a 32-byte packet header and footer; LEGACY has neither. */
    public boolean legacy() {
        return this == LEGACY;
    }
}
