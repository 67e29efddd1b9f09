package io.timesync.hil.sensor.api;

import java.util.Arrays;
import java.util.Optional;

/** The sensor's {@code timestamp_mode}: what its packet timestamps count (names as in the vendor SDK). */
public enum TimestampMode {
    /** seconds since power-up on the sensor's own oscillator: not comparable with any other clock */
    TIME_FROM_INTERNAL_OSC,
    /** counts SYNC_PULSE_IN pulses (NMEA sets the seconds) */
    TIME_FROM_SYNC_PULSE_IN,
    /** the PTP grandmaster's time (TAI) once locked */
    TIME_FROM_PTP_1588;

    public static Optional<TimestampMode> named(String name) {
        return Arrays.stream(values()).filter(mode -> mode.name().equals(name)).findFirst();
    }
}
