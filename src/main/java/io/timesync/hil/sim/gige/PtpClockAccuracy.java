package io.timesync.hil.sim.gige;

/**
 * GenICam SFNC PtpClockAccuracy entries (the list Baumer documents) with the IEEE 1588 clockAccuracy code each
 * stands for (0x20 = within 25 ns ... 0x31 = more than 10 s, 0xFE = unknown) as the register value.
 */
public enum PtpClockAccuracy implements SfncEntry {
    WITHIN_25NS("Within25ns", 0x20),
    WITHIN_100NS("Within100ns", 0x21),
    WITHIN_250NS("Within250ns", 0x22),
    WITHIN_1US("Within1us", 0x23),
    WITHIN_2P5US("Within2p5us", 0x24),
    WITHIN_10US("Within10us", 0x25),
    WITHIN_25US("Within25us", 0x26),
    WITHIN_100US("Within100us", 0x27),
    WITHIN_250US("Within250us", 0x28),
    WITHIN_1MS("Within1ms", 0x29),
    WITHIN_2P5MS("Within2p5ms", 0x2A),
    WITHIN_10MS("Within10ms", 0x2B),
    WITHIN_25MS("Within25ms", 0x2C),
    WITHIN_100MS("Within100ms", 0x2D),
    WITHIN_250MS("Within250ms", 0x2E),
    WITHIN_1S("Within1s", 0x2F),
    WITHIN_10S("Within10s", 0x30),
    GREATER_THAN_10S("GreaterThan10s", 0x31),
    UNKNOWN("Unknown", 0xFE);

    private final String sfncName;
    private final int code;

    PtpClockAccuracy(String sfncName, int code) {
        this.sfncName = sfncName;
        this.code = code;
    }

    @Override
    public String sfncName() {
        return sfncName;
    }

    @Override
    public int code() {
        return code;
    }
}
