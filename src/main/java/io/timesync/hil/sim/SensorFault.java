package io.timesync.hil.sim;

import io.timesync.hil.DurationText;

import java.util.Arrays;

/**
 * A fault of one simulated sensor, written {@code late=20ms}, {@code future=5ms}, {@code silent},
 * {@code malformed}, {@code loss=5%} or {@code internalOscillator}.
 *
 * @param amount ns for LATE and FUTURE, percent for LOSS, else 0
 */
public record SensorFault(Kind kind, long amount) {

    public enum Kind {
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
        INTERNAL_OSCILLATOR("internalOscillator", false);

        private final String word;
        private final boolean takesAmount;

        Kind(String word, boolean takesAmount) {
            this.word = word;
            this.takesAmount = takesAmount;
        }
    }

    public static final String SYNTAX = "late=<duration>, future=<duration>, silent, malformed, loss=<percent>% "
            + "or internalOscillator";

    /** @throws IllegalArgumentException naming the accepted forms */
    public static SensorFault parse(String text) {
        String[] parts = text.strip().split("=", 2);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.word.equalsIgnoreCase(parts[0].strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sensor fault '" + parts[0].strip()
                        + "'; expected " + SYNTAX));
        if (kind.takesAmount != (parts.length == 2)) {
            throw new IllegalArgumentException("sensor fault '" + text.strip() + "' "
                    + (kind.takesAmount ? "needs a value: " : "takes no value; expected ") + SYNTAX);
        }
        if (!kind.takesAmount) {
            return new SensorFault(kind, 0);
        }
        String value = parts[1].strip();
        if (kind == Kind.LOSS) {
            long percent = Long.parseLong(value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value);
            if (percent <= 0 || percent >= 100) {
                throw new IllegalArgumentException("loss '" + value + "' must be a percentage between 1% and 99%");
            }
            return new SensorFault(kind, percent);
        }
        return new SensorFault(kind, DurationText.parseNs(value, false));
    }

    @Override
    public String toString() {
        return kind.word + (kind.takesAmount ? "=" + amount : "");
    }
}
