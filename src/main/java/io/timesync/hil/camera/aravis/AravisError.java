package io.timesync.hil.camera.aravis;

import java.util.List;

/**
 * A GError an Aravis call set: the failed call, the error domain's name (GLib quarks are numbered per process,
 * so the name is what identifies it), the domain's code and Aravis' own message.
 */
public record AravisError(String function, String domain, int code, String message) {
    public static final String DEVICE_ERROR = "arv-device-error-quark";
    public static final String GC_ERROR = "arv-gc-error-quark";

    /** ArvDeviceError (arvdevice.h, Aravis 0.8.26), in enum order. */
    static final List<String> DEVICE_ERROR_NAMES = List.of("WRONG_FEATURE", "FEATURE_NOT_FOUND", "NOT_CONNECTED",
            "PROTOCOL_ERROR", "TRANSFER_ERROR", "TIMEOUT", "NOT_FOUND", "INVALID_PARAMETER", "GENICAM_NOT_FOUND",
            "NO_STREAM_CHANNEL", "NOT_CONTROLLER", "UNKNOWN", "PROTOCOL_ERROR_NOT_IMPLEMENTED",
            "PROTOCOL_ERROR_INVALID_PARAMETER", "PROTOCOL_ERROR_INVALID_ADDRESS", "PROTOCOL_ERROR_WRITE_PROTECT",
            "PROTOCOL_ERROR_BAD_ALIGNMENT", "PROTOCOL_ERROR_ACCESS_DENIED", "PROTOCOL_ERROR_BUSY");
    /** ArvGcError (arvgc.h, Aravis 0.8.26), in enum order. */
    static final List<String> GC_ERROR_NAMES = List.of("PROPERTY_NOT_DEFINED", "PVALUE_NOT_DEFINED", "INVALID_PVALUE",
            "EMPTY_ENUMERATION", "OUT_OF_RANGE", "NO_DEVICE_SET", "NO_EVENT_IMPLEMENTATION", "NODE_NOT_FOUND",
            "ENUM_ENTRY_NOT_FOUND", "INVALID_LENGTH", "READ_ONLY", "SET_FROM_STRING_UNDEFINED",
            "GET_AS_STRING_UNDEFINED", "INVALID_BIT_RANGE", "INVALID_SYNTAX");

    public static final int WRONG_FEATURE = DEVICE_ERROR_NAMES.indexOf("WRONG_FEATURE");
    public static final int FEATURE_NOT_FOUND = DEVICE_ERROR_NAMES.indexOf("FEATURE_NOT_FOUND");
    public static final int NOT_CONNECTED = DEVICE_ERROR_NAMES.indexOf("NOT_CONNECTED");
    public static final int TIMEOUT = DEVICE_ERROR_NAMES.indexOf("TIMEOUT");
    public static final int NOT_FOUND = DEVICE_ERROR_NAMES.indexOf("NOT_FOUND");
    public static final int NOT_CONTROLLER = DEVICE_ERROR_NAMES.indexOf("NOT_CONTROLLER");
    public static final int ACCESS_DENIED = DEVICE_ERROR_NAMES.indexOf("PROTOCOL_ERROR_ACCESS_DENIED");
    public static final int BUSY = DEVICE_ERROR_NAMES.indexOf("PROTOCOL_ERROR_BUSY");
    static final int GC_NODE_NOT_FOUND = GC_ERROR_NAMES.indexOf("NODE_NOT_FOUND");

    /** The C enum name, e.g. ARV_DEVICE_ERROR_FEATURE_NOT_FOUND, or the domain and code when unknown. */
    public String codeName() {
        if (DEVICE_ERROR.equals(domain) && code >= 0 && code < DEVICE_ERROR_NAMES.size()) {
            return "ARV_DEVICE_ERROR_" + DEVICE_ERROR_NAMES.get(code);
        }
        if (GC_ERROR.equals(domain) && code >= 0 && code < GC_ERROR_NAMES.size()) {
            return "ARV_GC_ERROR_" + GC_ERROR_NAMES.get(code);
        }
        return domain + " code " + code;
    }

    public boolean isDeviceError(int deviceErrorCode) {
        return DEVICE_ERROR.equals(domain) && code == deviceErrorCode;
    }

    /** The feature is not in the camera's GenICam description. */
    public boolean isMissingFeature() {
        return isDeviceError(FEATURE_NOT_FOUND) || GC_ERROR.equals(domain) && code == GC_NODE_NOT_FOUND;
    }

    /** The camera did not answer, or is gone. */
    public boolean isUnreachable() {
        return isDeviceError(TIMEOUT) || isDeviceError(NOT_CONNECTED) || isDeviceError(NOT_FOUND);
    }

    /** Another application holds the camera's control channel, so it refuses writes (commands). */
    public boolean isControlHeldElsewhere() {
        return isDeviceError(ACCESS_DENIED) || isDeviceError(NOT_CONTROLLER) || isDeviceError(BUSY);
    }

    @Override
    public String toString() {
        return function + " failed with " + codeName() + ": " + message;
    }
}
