package io.timesync.hil.sim;

import io.timesync.hil.time.DurationText;

import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * A fault of one simulated camera, written {@code offset=+150ms}, {@code drift=100ppm}, {@code frozen},
 * {@code zero}, {@code latchError}, {@code disconnectAfter=3}, {@code ptpListening}, {@code missing},
 * {@code otherGrandmaster}, {@code servoOffset=5us}, {@code servoUnlocked} or {@code noPtpDataSet}.
 *
 * @param amount ns for OFFSET and SERVO_OFFSET, ppb for DRIFT, latches for DISCONNECT_AFTER, else 0
 */
public record CameraFault(Kind kind, long amount) implements Faults.Fault<CameraFault.Kind> {

    public enum Kind implements Faults.Word {
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
        /** the camera is lost after {@code amount} latch calls (a sample takes 3) */
        DISCONNECT_AFTER("disconnectAfter", true),
        /** PtpStatus stays Listening and the clock runs free from power-up */
        PTP_LISTENING("ptpListening", false),
        /** the serial is not on the bench */
        MISSING("missing", false),
        /** the camera follows another grandmaster than the host's (its PtpGrandmasterClockID says so) */
        OTHER_GRANDMASTER("otherGrandmaster", false),
        /** the camera's own servo reports PtpOffsetFromMaster {@code amount} ns */
        SERVO_OFFSET("servoOffset", true),
        /** the camera's own servo is not locked (PtpServoStatus Unknown) */
        SERVO_UNLOCKED("servoUnlocked", false),
        /** the camera offers no PTP data set: PtpDataSetLatch and the SFNC Ptp* features are absent */
        NO_PTP_DATA_SET("noPtpDataSet", false);

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

    public static final String SYNTAX = "offset=<+/-duration>, drift=<n>ppm|ppb, frozen, zero, latchError, "
            + "disconnectAfter=<latches>, ptpListening, missing, otherGrandmaster, servoOffset=<+/-duration>, "
            + "servoUnlocked or noPtpDataSet";

    /** @throws IllegalArgumentException naming the accepted forms */
    public static CameraFault parse(String text) {
        Faults.ParsedText<Kind> parsed = Faults.parse(text, Kind.class, "camera fault", SYNTAX);
        return new CameraFault(parsed.kind(), parsed.value().map(value -> switch (parsed.kind()) {
            case OFFSET, SERVO_OFFSET -> signed(value, v -> DurationText.parseNs(v, false));
            case DRIFT -> signed(value, CameraFault::ppb);
            default -> Long.parseLong(value);
        }).orElse(0L));
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
        return kind.word + (kind.takesValue ? "=" + amount : "");
    }
}
