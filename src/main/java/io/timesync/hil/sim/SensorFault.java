package io.timesync.hil.sim;

import io.timesync.hil.time.DurationText;

/**
 * A fault of one simulated sensor, written {@code late=20ms}, {@code future=5ms}, {@code silent},
 * {@code malformed}, {@code loss=5%}, {@code internalOscillator}, {@code stopAfter=1s}, {@code reorder} or
 * {@code gyroLate=20ms}.
 *
 * @param amount ns for LATE, FUTURE, STOP_AFTER and GYRO_LATE, percent for LOSS, else 0
 */
public record SensorFault(Kind kind, long amount) implements Faults.Fault<SensorFault.Kind> {

    public enum Kind implements Faults.Word {
        /** packets stamped {@code amount} ns before they are sent */
        LATE("late", true),
        /** packets stamped {@code amount} ns after they are sent */
        FUTURE("future", true),
        /** nothing is sent */
        SILENT("silent", false),
        /** every 10th packet has a wrong size */
        MALFORMED("malformed", false),
        /** {@code amount} percent of the packets are not sent */
        LOSS("loss", true),
        /** timestamps count from the sensor's power-up, as when PTP is not locked (TIME_FROM_INTERNAL_OSC) */
        INTERNAL_OSCILLATOR("internalOscillator", false),
        /** the sensor stops sending {@code amount} ns after it started, and stays silent */
        STOP_AFTER("stopAfter", true),
        /** now and then a lidar packet overtakes the one before it on the way (every 50th) */
        REORDER("reorder", false),
        /** LEGACY IMU packets' gyroscope timestamp only is stamped {@code amount} ns before they are sent */
        GYRO_LATE("gyroLate", true);

        private final String word;
        private final boolean takesValue;

        Kind(String word, boolean takesValue) {
            this.word = word;
            this.takesValue = takesValue;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public boolean takesValue() {
            return takesValue;
        }
    }

    public static final String SYNTAX = "late=<duration>, future=<duration>, silent, malformed, loss=<percent>%, "
            + "internalOscillator, stopAfter=<duration>, reorder or gyroLate=<duration>";

    /** @throws IllegalArgumentException naming the accepted forms */
    public static SensorFault parse(String text) {
        Faults.ParsedText<Kind> parsed = Faults.parse(text, Kind.class, "sensor fault", SYNTAX);
        return new SensorFault(parsed.kind(), parsed.value().map(value -> parsed.kind() == Kind.LOSS ? percent(value)
                : DurationText.parseNs(value, false)).orElse(0L));
    }

    private static long percent(String value) {
        long percent = Long.parseLong(value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value);
        if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException("loss '" + value + "' must be a percentage between 1% and 99%");
        }
        return percent;
    }

    @Override
    public String toString() {
        return kind.word + (kind.takesValue ? "=" + amount : "");
    }
}
