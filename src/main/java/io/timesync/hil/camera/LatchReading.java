package io.timesync.hil.camera;

/**
 * One camera latched once: the device time it latched and the host clock (UTC) read right before and right
 * after the latch call. The latch happened somewhere inside that bracket, so the camera's true offset to
 * the host clock at its latch instant lies in [{@link #offsetLowNs()}, {@link #offsetHighNs()}] (when the host
 * clock did not step back across the call: see {@link #usable()}).
 */
public record LatchReading(String serial, long cameraTimeNs, long hostBeforeNs, long hostAfterNs) {

    /** A host clock stepped back during the call (phc2sys, NTP) bounds nothing. */
    public boolean usable() {
        return hostAfterNs >= hostBeforeNs;
    }

    public long bracketNs() {
        return hostAfterNs - hostBeforeNs;
    }

    public long hostMidpointNs() {
        return hostBeforeNs + bracketNs() / 2;
    }

    /** Camera time minus the host time at the bracket midpoint: the estimate shown. */
    public long offsetNs() {
        return cameraTimeNs - hostMidpointNs();
    }

    /** The smallest the true offset can be: the camera latched at the end of the bracket. */
    public long offsetLowNs() {
        return cameraTimeNs - hostAfterNs;
    }

    /** The largest the true offset can be: the camera latched at the start of the bracket. */
    public long offsetHighNs() {
        return cameraTimeNs - hostBeforeNs;
    }
}
