package io.timesync.hil.sim.gige;

/**
 * The simulated camera's PTP-disciplined clock, supplied by the caller. The device reads the host clock once
 * at the instant it latches and asks this for its own time at that instant, so the recorded truth (host instant,
 * latched value) is exact.
 */
@FunctionalInterface
public interface DeviceClock {
    /** The device's time in ns (PTP timescale, TAI) at the host instant {@code hostRealtimeNs} (CLOCK_REALTIME ns). */
    long deviceNsAt(long hostRealtimeNs);

    /**
     * A clock following a grandmaster whose time is host UTC + {@code taiMinusUtcNs}, off by {@code offsetNs} and
     * running {@code driftPpb} fast (slow when negative) since the host instant {@code referenceHostNs}.
     */
    static DeviceClock following(long taiMinusUtcNs, long offsetNs, long driftPpb, long referenceHostNs) {
        return hostNs -> hostNs + taiMinusUtcNs + offsetNs + Math.round(driftPpb * 1e-9 * (hostNs - referenceHostNs));
    }
}
