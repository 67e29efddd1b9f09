package io.timesync.hil.sim.gige;

import io.timesync.hil.time.DurationText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fault of one simulated GigE camera, written {@code commandDelay=20ms}, {@code disconnectAfter=3},
 * {@code frozen}, {@code zero} or {@code noPtpDataSet}.
 *
 * @param amount ns for COMMAND_DELAY, latches for DISCONNECT_AFTER, else 0
 */
public record GigeFault(Kind kind, long amount) {

    public enum Kind {
        /** a latch command takes this long to process (PENDING_ACK when beyond the pending timeout) */
        COMMAND_DELAY("commandDelay", true),
        /** after this many latches the camera answers nothing more, not even discovery */
        DISCONNECT_AFTER("disconnectAfter", true),
        /** the latched value never changes after the first latch */
        FROZEN("frozen", false),
        /** the latched value is 0 */
        ZERO("zero", false),
        /** the GenICam file and the registers lack the PTP data set (PtpDataSetLatch, PtpStatus, ...) */
        NO_PTP_DATA_SET("noPtpDataSet", false);

        private final String word;
        private final boolean takesValue;

        Kind(String word, boolean takesValue) {
            this.word = word;
            this.takesValue = takesValue;
        }

        public String word() {
            return word;
        }
    }

    public static final String SYNTAX = "commandDelay=<duration>, disconnectAfter=<latches>, frozen, zero or "
            + "noPtpDataSet";

    public GigeFault {
        if (amount < 0) {
            throw new IllegalArgumentException(kind.word + " must not be negative: " + amount);
        }
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static GigeFault parse(String text) {
        String[] parts = text.strip().split("=", 2);
        Kind kind = Arrays.stream(Kind.values()).filter(k -> k.word.equalsIgnoreCase(parts[0].strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown GigE camera fault '" + parts[0].strip()
                        + "'; expected " + SYNTAX));
        if (kind.takesValue != (parts.length == 2)) {
            throw new IllegalArgumentException("GigE camera fault '" + text.strip() + "' "
                    + (kind.takesValue ? "needs a value: " : "takes no value; expected ") + SYNTAX);
        }
        if (!kind.takesValue) {
            return new GigeFault(kind, 0);
        }
        String value = parts[1].strip();
        try {
            return new GigeFault(kind, kind == Kind.COMMAND_DELAY ? DurationText.parseNs(value, false)
                    : Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GigE camera fault '" + text.strip() + "': " + value
                    + " is not a whole number of latches", e);
        }
    }

    /** Comma-separated faults; an empty text is no fault. */
    public static List<GigeFault> parseList(String text) {
        List<GigeFault> faults = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                faults.add(parse(part));
            }
        }
        return List.copyOf(faults);
    }

    static boolean has(List<GigeFault> faults, Kind kind) {
        return faults.stream().anyMatch(fault -> fault.kind() == kind);
    }

    /** The amount of {@code kind}'s fault, {@code absent} when there is none. */
    static long amount(List<GigeFault> faults, Kind kind, long absent) {
        return faults.stream().filter(fault -> fault.kind() == kind).mapToLong(GigeFault::amount).findFirst()
                .orElse(absent);
    }

    @Override
    public String toString() {
        if (!kind.takesValue) {
            return kind.word;
        }
        return kind.word + "=" + (kind == Kind.COMMAND_DELAY ? DurationText.format(amount) : Long.toString(amount));
    }
}
