package io.timesync.hil.camera;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A camera's PTP data set as the camera itself reports it (GenICam SFNC; snapshot first with PtpDataSetLatch where
 * offered): every feature it offers, and by name the ones it does not. A ClockID is the 8-octet EUI-64 clock
 * identity as one 64-bit integer, its first octet the most significant (as {@code xxxxxx.xxxx.xxxxxx} reads it).
 *
 * @param missing    the features the camera does not offer, by name
 * @param unreadable why the data set could not be read at all (the camera failed), if so
 */
public record CameraPtpDataSet(String serial, Optional<String> status, Optional<String> servoStatus,
                               OptionalLong grandmasterClockId, OptionalLong parentClockId, OptionalLong clockId,
                               OptionalLong offsetFromMasterNs, Optional<String> clockAccuracy, List<String> missing,
                               Optional<String> unreadable) {
    public static final String LATCH = "PtpDataSetLatch";
    public static final String STATUS = "PtpStatus";
    public static final String SERVO_STATUS = "PtpServoStatus";
    public static final String GRANDMASTER_CLOCK_ID = "PtpGrandmasterClockID";
    public static final String PARENT_CLOCK_ID = "PtpParentClockID";
    public static final String CLOCK_ID = "PtpClockID";
    public static final String OFFSET_FROM_MASTER = "PtpOffsetFromMaster";
    public static final String CLOCK_ACCURACY = "PtpClockAccuracy";
    /** PtpServoStatus of a servo that holds the clock (SFNC: Locked; else Unknown). */
    public static final String SERVO_LOCKED = "Locked";

    public CameraPtpDataSet {
        missing = List.copyOf(missing);
    }

    /** The camera failed while its data set was read. */
    public static CameraPtpDataSet unreadable(String serial, String why) {
        return new CameraPtpDataSet(serial, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), List.of(),
                Optional.of(why));
    }

    /** A clock identity as ptp4l and pmc show it: {@code xxxxxx.xxxx.xxxxxx}. */
    public static String clockIdText(long clockId) {
        String hex = String.format("%016x", clockId);
        return hex.substring(0, 6) + "." + hex.substring(6, 10) + "." + hex.substring(10);
    }

    /** What the camera offered, feature by feature in SFNC names, as shown to QA (clock IDs as pmc shows them). */
    public Map<String, String> offered() {
        Map<String, String> offered = new LinkedHashMap<>();
        status.ifPresent(value -> offered.put(STATUS, value));
        servoStatus.ifPresent(value -> offered.put(SERVO_STATUS, value));
        grandmasterClockId.ifPresent(value -> offered.put(GRANDMASTER_CLOCK_ID, clockIdText(value)));
        parentClockId.ifPresent(value -> offered.put(PARENT_CLOCK_ID, clockIdText(value)));
        clockId.ifPresent(value -> offered.put(CLOCK_ID, clockIdText(value)));
        offsetFromMasterNs.ifPresent(value -> offered.put(OFFSET_FROM_MASTER, value + " ns"));
        clockAccuracy.ifPresent(value -> offered.put(CLOCK_ACCURACY, value));
        return offered;
    }

    /** The console's fields: what the camera offered of its grandmaster and offset. */
    public String consoleFields() {
        List<String> fields = new ArrayList<>();
        grandmasterClockId.ifPresent(id -> fields.add("gm_clock_id=" + clockIdText(id)));
        offsetFromMasterNs.ifPresent(offset -> fields.add("ptp_offset_ns=" + offset));
        servoStatus.ifPresent(servo -> fields.add("ptp_servo=" + servo));
        unreadable.ifPresent(why -> fields.add("ptp_data_set=unreadable"));
        return String.join(", ", fields);
    }
}
