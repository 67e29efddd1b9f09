package io.timesync.hil.camera.ic4;

import java.util.Map;

/** An IC4 error: the failed function, IC4_ERROR code and IC4's own message (from ic4_get_last_error). */
public record Ic4Error(String function, int code, String message) {
    public static final int DEVICE_NOT_FOUND = 16;
    public static final int GENICAM_FEATURE_NOT_FOUND = 101;
    public static final int GENICAM_NOT_IMPLEMENTED = 107;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "NOERROR"), Map.entry(1, "UNKNOWN"), Map.entry(2, "INTERNAL"),
            Map.entry(3, "INVALID_OPERATION"), Map.entry(4, "OUT_OF_MEMORY"), Map.entry(5, "LIBRARY_NOT_INITIALIZED"),
            Map.entry(6, "DRIVER_ERROR"), Map.entry(7, "INVALID_PARAM_VAL"), Map.entry(8, "CONVERSION_NOT_SUPPORTED"),
            Map.entry(9, "NO_DATA"), Map.entry(13, "DEVICE_INVALID"), Map.entry(16, "DEVICE_NOT_FOUND"),
            Map.entry(17, "DEVICE_ERROR"), Map.entry(18, "AMBIGUOUS"), Map.entry(21, "PARSE_ERROR"),
            Map.entry(27, "TIMEOUT"), Map.entry(34, "INCOMPLETE"), Map.entry(38, "SINK_NOT_CONNECTED"),
            Map.entry(39, "IMAGETYPE_MISMATCH"), Map.entry(40, "SINK_ALREADY_ATTACHED"),
            Map.entry(41, "SINK_CONNECT_ABORTED"), Map.entry(50, "BUFFER_TOO_SMALL"), Map.entry(52, "SINK_TYPE_MISMATCH"),
            Map.entry(53, "SNAP_ABORTED"), Map.entry(60, "HANDLER_ALREADY_REGISTERED"), Map.entry(61, "HANDLER_NOT_FOUND"),
            Map.entry(101, "GENICAM_FEATURE_NOT_FOUND"), Map.entry(102, "GENICAM_DEVICE_ERROR"),
            Map.entry(103, "GENICAM_TYPE_MISMATCH"), Map.entry(106, "GENICAM_ACCESS_DENIED"),
            Map.entry(107, "GENICAM_NOT_IMPLEMENTED"), Map.entry(108, "GENICAM_VALUE_ERROR"),
            Map.entry(109, "GENICAM_CHUNKDATA_NOT_CONNECTED"), Map.entry(201, "FILE_FAILED_TO_WRITE_DATA"),
            Map.entry(202, "FILE_ACCESS_DENIED"), Map.entry(203, "FILE_PATH_NOT_FOUND"),
            Map.entry(204, "FILE_FAILED_TO_READ_DATA"));

    public String codeName() {
        return NAMES.getOrDefault(code, "IC4_ERROR " + code);
    }

    /** The camera lacks the feature (not in its GenICam description, or not implemented). */
    public boolean isMissingFeature() {
        return code == GENICAM_FEATURE_NOT_FOUND || code == GENICAM_NOT_IMPLEMENTED;
    }

    @Override
    public String toString() {
        return function + " failed with " + codeName() + ": " + message;
    }
}
