package io.timesync.hil.sim;

import io.timesync.hil.time.DurationText;
import io.timesync.hil.sensor.api.TimestampMode;

import java.util.Map;

/**
 * A fault of one simulated sensor's HTTP API, written {@code timestampMode=internal}, {@code otherGrandmaster},
 * {@code ptpOffset=<±duration>}, {@code ptpListening}, {@code apiDown}, {@code apiMalformed}, {@code apiHang},
 * {@code profileChanged} or {@code udpDestElsewhere}.
 *
 * @param amount ns for PTP_OFFSET; for TIMESTAMP_MODE the {@link TimestampMode}'s ordinal; else 0
 */
public record SensorApiFault(Kind kind, long amount) implements Faults.Fault<SensorApiFault.Kind> {

    public enum Kind implements Faults.Word {
        /** the active config's timestamp_mode is another than TIME_FROM_PTP_1588 */
        TIMESTAMP_MODE("timestampMode", true),
        /** the sensor follows a foreign grandmaster */
        OTHER_GRANDMASTER("otherGrandmaster", false),
        /** offset_from_master / master_offset is {@code amount} ns */
        PTP_OFFSET("ptpOffset", true),
        /** the sensor's PTP port is LISTENING: it hears no grandmaster */
        PTP_LISTENING("ptpListening", false),
        /** nothing listens on the API's port: connections are refused */
        API_DOWN("apiDown", false),
        /** every answer is broken JSON */
        API_MALFORMED("apiMalformed", false),
        /** connections are accepted, requests never answered */
        API_HANG("apiHang", false),
        /** the API reports another lidar profile than the one its packets use */
        PROFILE_CHANGED("profileChanged", false),
        /** udp_dest is another host than this one */
        UDP_DEST_ELSEWHERE("udpDestElsewhere", false);

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

    public static final String SYNTAX = "timestampMode=internal|syncPulseIn|ptp, otherGrandmaster, "
            + "ptpOffset=<+/-duration>, ptpListening, apiDown, apiMalformed, apiHang, profileChanged or "
            + "udpDestElsewhere";
    private static final Map<String, TimestampMode> MODE_WORDS = Map.of("internal", TimestampMode.TIME_FROM_INTERNAL_OSC,
            "syncPulseIn", TimestampMode.TIME_FROM_SYNC_PULSE_IN, "ptp", TimestampMode.TIME_FROM_PTP_1588);

    /** @throws IllegalArgumentException naming the accepted forms */
    public static SensorApiFault parse(String text) {
        Faults.ParsedText<Kind> parsed = Faults.parse(text, Kind.class, "sensor API fault", SYNTAX);
        return new SensorApiFault(parsed.kind(), parsed.value().map(value -> switch (parsed.kind()) {
            case PTP_OFFSET -> signedNs(value);
            case TIMESTAMP_MODE -> (long) timestampMode(value).ordinal();
            default -> throw new IllegalStateException(parsed.kind() + " takes no value");
        }).orElse(0L));
    }

    /** The mode a TIMESTAMP_MODE fault sets. */
    public TimestampMode timestampMode() {
        if (kind != Kind.TIMESTAMP_MODE) {
            throw new IllegalStateException(kind.word + " sets no timestamp mode");
        }
        return TimestampMode.values()[(int) amount];
    }

    private static TimestampMode timestampMode(String value) {
        TimestampMode mode = MODE_WORDS.get(value);
        if (mode == null) {
            throw new IllegalArgumentException("timestampMode '" + value + "': expected internal, syncPulseIn or ptp");
        }
        return mode;
    }

    private static long signedNs(String value) {
        boolean negative = value.startsWith("-");
        long magnitudeNs = DurationText.parseNs(value.startsWith("+") || negative ? value.substring(1) : value, false);
        return negative ? -magnitudeNs : magnitudeNs;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PTP_OFFSET -> kind.word + "=" + (amount < 0 ? "-" : "+") + DurationText.format(Math.abs(amount));
            case TIMESTAMP_MODE -> kind.word + "=" + MODE_WORDS.entrySet().stream()
                    .filter(entry -> entry.getValue() == timestampMode()).findFirst().orElseThrow().getKey();
            default -> kind.word;
        };
    }
}
