package io.timesync.hil.sim.gige;

/**
 * GenICam SFNC PtpStatus entries: the IEEE 1588 port states, with the portState codes 1..9 (the order Basler
 * documents for GevIEEE1588StatusLatched: INITIALIZING ... SLAVE) as the register value.
 */
public enum PtpStatus implements SfncEntry {
    INITIALIZING("Initializing", 1),
    FAULTY("Faulty", 2),
    DISABLED("Disabled", 3),
    LISTENING("Listening", 4),
    PRE_MASTER("PreMaster", 5),
    MASTER("Master", 6),
    PASSIVE("Passive", 7),
    UNCALIBRATED("Uncalibrated", 8),
    SLAVE("Slave", 9);

    private final String sfncName;
    private final int code;

    PtpStatus(String sfncName, int code) {
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
