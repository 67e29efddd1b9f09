package io.timesync.hil.sensor;

/**
 * The capture's time line in the receive clock's base (CLOCK_REALTIME for software receive timestamps, the NIC's
 * clock for hardware ones): a warm-up that is recorded but not judged, then the judged window.
 *
 * @param startNs when the capture started, in the receive clock's base
 */
public record CaptureWindow(long startNs, long warmUpNs, long durationNs) {

    public long judgedFromNs() {
        return startNs + warmUpNs;
    }

    public long judgedUntilNs() {
        return judgedFromNs() + durationNs;
    }

    /** Whether a packet received at {@code receiveNs} lies in the judged window. */
    public boolean judges(long receiveNs) {
        return receiveNs >= judgedFromNs() && receiveNs < judgedUntilNs();
    }
}
