package io.timesync.hil.ptp.protocol;

import java.util.Arrays;

/** managementErrorId of a MANAGEMENT_ERROR_STATUS TLV. */
public enum ManagementErrorId {
    RESPONSE_TOO_BIG(0x0001), NO_SUCH_ID(0x0002), WRONG_LENGTH(0x0003), WRONG_VALUE(0x0004), NOT_SETABLE(0x0005),
    NOT_SUPPORTED(0x0006), GENERAL_ERROR(0xFFFE);

    private final int code;

    ManagementErrorId(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static String describe(int code) {
        return Arrays.stream(values()).filter(id -> id.code == code).map(Enum::name).findFirst()
                .orElse(String.format("managementErrorId 0x%04X", code));
    }
}
