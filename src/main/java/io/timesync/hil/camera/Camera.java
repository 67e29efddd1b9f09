package io.timesync.hil.camera;

import java.util.Optional;

/**
 * What the camera requirement needs from one camera: latch its device clock, read the latched value, and
 * its PTP status when it has one. Calls may come from a worker thread per camera.
 */
public interface Camera extends AutoCloseable {
    /** PtpStatus value of a camera that follows a PTP master. */
    String PTP_SLAVE = "Slave";

    String serial();

    String model();

    /** Device (firmware) version, when the SDK exposes one. */
    Optional<String> deviceVersion();

    /** How the clock is latched and read, for the report (e.g. "TimestampLatch/TimestampLatchValue (ns)"). */
    default String latchMethod() {
        return "TimestampLatch/TimestampLatchValue (ns)";
    }

    /** Latches the device clock into the latch register (GenICam TimestampLatch). */
    void latchTimestamp();

    /** The latched device time in ns (GenICam TimestampLatchValue, read as a 64-bit integer). */
    long latchedTimestampNs();

    /** GenICam PtpStatus (Initializing, Faulty, Disabled, Listening, ... Slave), empty when the camera has none. */
    Optional<String> ptpStatus();

    /**
     * The camera's own PTP data set (PtpDataSetLatch, then each SFNC Ptp* feature it offers); the features it does
     * not offer are named, never guessed.
     */
    CameraPtpDataSet ptpDataSet();

    @Override
    void close();
}
