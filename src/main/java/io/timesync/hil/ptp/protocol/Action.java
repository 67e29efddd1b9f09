package io.timesync.hil.ptp.protocol;

/** actionField of a management message. */
public enum Action {
    GET, SET, RESPONSE, COMMAND, ACKNOWLEDGE;

    int code() {
        return ordinal();
    }

    static Action decode(ByteReader in, String field) {
        int position = in.position();
        int code = in.u8(field) & 0x0F;
        if (code >= values().length) {
            throw in.error(field + " " + code + " at offset " + position + " is not a management action (0..4)");
        }
        return values()[code];
    }
}
