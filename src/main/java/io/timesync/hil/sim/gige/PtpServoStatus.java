package io.timesync.hil.sim.gige;

/** GenICam SFNC PtpServoStatus entries (as Basler and Baumer document them); the register values are this device's. */
public enum PtpServoStatus implements SfncEntry {
    UNKNOWN("Unknown", 0),
    LOCKED("Locked", 1);

    private final String sfncName;
    private final int code;

    PtpServoStatus(String sfncName, int code) {
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
