package io.timesync.hil.sim.gige;

/**
 * What really happened at one latch, for fidelity tests: the host instant the device processed it, the device's
 * true time then, and the value it put into the latch register (after faults such as frozen or zero).
 *
 * @param hostRealtimeNs CLOCK_REALTIME ns at which the device latched
 * @param deviceNs       the device clock (ns) at that instant
 * @param reportedValue  what the latch register holds: ns for TIS TimestampLatchValue, ticks for GevTimestampValue
 * @param sequence       1 for the device's first latch, counting both kinds
 */
public record LatchTruth(Kind kind, long hostRealtimeNs, long deviceNs, long reportedValue, long sequence) {

    public enum Kind {
        /** The Imaging Source TimestampLatch, read as TimestampLatchValue in ns. */
        TIMESTAMP_LATCH,
        /** GigE Vision bootstrap latch (0x0944 bit 30), read as GevTimestampValue in ticks. */
        GEV_TIMESTAMP_CONTROL_LATCH
    }
}
