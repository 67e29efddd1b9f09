package io.timesync.hil.ptp.protocol;

/** IEEE 1588 portState. ptp4l reports its internal GRAND_MASTER as MASTER. */
public enum PortState {
    INITIALIZING(1), FAULTY(2), DISABLED(3), LISTENING(4), PRE_MASTER(5), MASTER(6), PASSIVE(7),
    UNCALIBRATED(8), SLAVE(9);

    private final int code;

    PortState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static PortState decode(ByteReader in, String field) {
        int position = in.position();
        int code = in.u8(field);
        for (PortState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw in.error(field + " " + code + " at offset " + position + " is not a PTP port state (1..9)");
    }
}
