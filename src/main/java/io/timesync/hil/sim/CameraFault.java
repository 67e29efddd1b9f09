package io.timesync.hil.sim;

import io.timesync.hil.DurationText;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * A fault of one simulated camera, written {@code offset=+150ms}, {@code drift=100ppm}, {@code frozen},
 * {@code zero}, {@code latchError}, {@code disconnectAfter=3}, {@code ptpListening} or {@code missing}.
 *
 * @param amount ns for OFFSET, ppb for DRIFT, latches for DISCONNECT_AFTER, else 0
 */
public record CameraFault(Kind kind, long amount) {

    public enum Kind {
        /** the clock is off by {@code amount} ns (out of tolerance when beyond the threshold) */
        OFFSET("offset", true),
        /** the clock runs {@code amount} ppb fast (slow when negative) */
        DRIFT("drift", true),
        /** the latched value never changes */
        FROZEN("frozen", false),
        /** the latched value is 0 */
        ZERO("zero", false),
        /** the latch command fails */
        LATCH_ERROR("latchError", false),
        /** the camera is lost after {@code amount} latches */
        DISCONNECT_AFTER("disconnectAfter", true),
        /** PtpStatus stays Listening and the clock runs free from power-up */
        PTP_LISTENING("ptpListening", false),
        /** the serial is not on the bench */
        MISSING("missing", false);

        private final String word;
        private final boolean takesAmount;

        Kind(String word, boolean takesAmount) {
            this.word = word;
            this.takesAmount = takesAmount;
        }
    }

    public static final String SYNTAX = "offset=<+/-duration>, drift=<n>ppm|ppb, frozen, zero, latchError, "
            + "disconnectAfter=<latches>, ptpListening or missing";

    /** @throws IllegalArgumentException naming the accepted forms */
    public static CameraFault parse(String text) {
        String[] parts = text.strip().split("=", 2);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.word.equalsIgnoreCase(parts[0].strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown camera fault '" + parts[0].strip()
                        + "'; expected " + SYNTAX));
        if (kind.takesAmount != (parts.length == 2)) {
            throw new IllegalArgumentException("camera fault '" + text.strip() + "' "
                    + (kind.takesAmount ? "needs a value: " : "takes no value; expected ") + SYNTAX);
        }
        if (!kind.takesAmount) {
            return new CameraFault(kind, 0);
        }
        String value = parts[1].strip();
        return new CameraFault(kind, switch (kind) {
            case OFFSET -> signed(value, v -> DurationText.parseNs(v, false));
            case DRIFT -> signed(value, CameraFault::ppb);
            default -> Long.parseLong(value);
        });
    }

    private static long signed(String value, ToLongFunction<String> parser) {
        boolean negative = value.startsWith("-");
        long magnitude = parser.applyAsLong(value.startsWith("+") || negative ? value.substring(1) : value);
        return negative ? -magnitude : magnitude;
    }

    private static long ppb(String value) {
        String lower = value.toLowerCase(Locale.ROOT).strip();
        if (lower.endsWith("ppm")) {
            return Math.round(Double.parseDouble(lower.substring(0, lower.length() - 3)) * 1000);
        }
        if (lower.endsWith("ppb")) {
            return Long.parseLong(lower.substring(0, lower.length() - 3).strip());
        }
        throw new IllegalArgumentException("drift '" + value + "' needs a unit: ppm or ppb");
    }

    @Override
    public String toString() {
        return kind.word + (kind.takesAmount ? "=" + amount : "");
    }
}
