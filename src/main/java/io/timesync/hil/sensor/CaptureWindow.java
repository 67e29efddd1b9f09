package io.timesync.hil.sensor;

/**
 * The capture's time line in the receive clock's base (CLOCK_REALTIME for software receive timestamps, the NIC's
 * clock for hardware ones): a warm-up that is recorded but not judged, then the judged window.
 *
 * @param startNs             when the capture started, in the receive clock's base
 * @param receiveClockAheadNs how far the receive clock's base is ahead of the host clock (UTC): 0 for software
 *                            receive timestamps, TAI − UTC for a NIC clock running TAI
 */
public record CaptureWindow(long startNs, long warmUpNs, long durationNs, long receiveClockAheadNs) {

    /** A window in the host clock's own base (software receive timestamps). */
    public CaptureWindow(long startNs, long warmUpNs, long durationNs) {
        this(startNs, warmUpNs, durationNs, 0);
    }

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

    /** The judged window's start on the host clock (UTC). */
    public long hostJudgedFromNs() {
        return judgedFromNs() - receiveClockAheadNs;
    }

    public long hostJudgedUntilNs() {
        return judgedUntilNs() - receiveClockAheadNs;
    }
}
