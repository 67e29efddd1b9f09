package io.timesync.hil.camera;

/**
 * One camera in one sample: the device time it latched and the host clock read right before and right
 * after the latch call. The latch happened inside that bracket.
 */
public record LatchReading(String serial, long cameraTimeNs, long hostBeforeNs, long hostAfterNs) {

    public long hostMidpointNs() {
        return hostBeforeNs + (hostAfterNs - hostBeforeNs) / 2;
    }

    /** Half the bracket width: bounds how far the latch instant can be from the midpoint. */
    public long uncertaintyNs() {
        return (hostAfterNs - hostBeforeNs + 1) / 2;
    }
}
