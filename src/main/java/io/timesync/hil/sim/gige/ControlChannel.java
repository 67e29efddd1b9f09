package io.timesync.hil.sim.gige;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Who controls the camera: the control channel privilege register (0x0A00) and its heartbeat. An application
 * becomes primary by writing the control (or exclusive) access bit and stays primary while it sends any command
 * at least once per heartbeat timeout; it is released when it writes 0 or falls silent that long. While a primary
 * holds the camera, other applications may not write (nor read, under exclusive access); with no primary, anyone
 * may, as aravis' own fake camera allows. Not thread-safe: the device guards it.
 */
final class ControlChannel {
    private int heartbeatTimeoutMs;
    private InetSocketAddress primary;
    private int privilege;
    private long lastTrafficNanoTime;

    ControlChannel(int heartbeatTimeoutMs) {
        this.heartbeatTimeoutMs = heartbeatTimeoutMs;
    }

    /** Called with every command before it is handled: the primary's commands are its heartbeat. */
    void heard(InetSocketAddress source, long nanoTime) {
        expire(nanoTime);
        answered(source, nanoTime);
    }

    /** Called when a command is answered: time the device itself spent on it does not count against the sender. */
    void answered(InetSocketAddress source, long nanoTime) {
        if (source.equals(primary)) {
            lastTrafficNanoTime = nanoTime;
        }
    }

    /** Releases a primary that sent nothing for a heartbeat timeout. */
    void expire(long nanoTime) {
        if (primary != null && nanoTime - lastTrafficNanoTime > heartbeatTimeoutMs * 1_000_000L) {
            primary = null;
            privilege = 0;
        }
    }

    boolean mayRead(InetSocketAddress source) {
        return primary == null || (privilege & Gvcp.CCP_EXCLUSIVE_ACCESS) == 0 || primary.equals(source);
    }

    boolean mayWrite(InetSocketAddress source) {
        return primary == null || primary.equals(source);
    }

    /** A write of the privilege register by {@code source}, which {@link #mayWrite} already allowed. */
    void writePrivilege(InetSocketAddress source, int value, long nanoTime) {
        int access = value & (Gvcp.CCP_CONTROL_ACCESS | Gvcp.CCP_EXCLUSIVE_ACCESS);
        if (access == 0) {
            primary = null;
            privilege = 0;
        } else {
            primary = source;
            privilege = access;
            lastTrafficNanoTime = nanoTime;
        }
    }

    int privilege() {
        return privilege;
    }

    Optional<InetSocketAddress> primary() {
        return Optional.ofNullable(primary);
    }

    int heartbeatTimeoutMs() {
        return heartbeatTimeoutMs;
    }

    /** A write of the (unsigned) register: GigE Vision's lower bound is 500 ms, smaller values are raised to it. */
    void heartbeatTimeoutMs(int registerValue) {
        heartbeatTimeoutMs = (int) Math.min(Integer.MAX_VALUE,
                Math.max(Gvcp.HEARTBEAT_TIMEOUT_MIN_MS, Integer.toUnsignedLong(registerValue)));
    }
}
