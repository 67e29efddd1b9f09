package io.timesync.hil;

/**
 * The bench was measured but the measurement cannot prove the requirement either way (e.g. the latch
 * uncertainty exceeds the threshold): the test is broken, never reported as passed.
 */
public class MeasurementInconclusiveException extends RuntimeException {
    public static final String KIND = "Measurement inconclusive";

    public MeasurementInconclusiveException(String what, String why) {
        super(KIND + ": " + what + ": " + why);
    }
}
