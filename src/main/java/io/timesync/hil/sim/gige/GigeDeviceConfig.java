package io.timesync.hil.sim.gige;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * How one simulated GigE camera is set up.
 *
 * @param bind                   where its GVCP socket binds (port 0: any free port, see {@code gvcpAddress()})
 * @param advertisedAddress      the IP its bootstrap registers and DISCOVERY_ACK report (the address clients
 *                               then send to: the bind address, or a relay's front address)
 * @param broadcastDiscoveryPort port of the extra socket bound to 255.255.255.255 that hears broadcast
 *                               DISCOVERY_CMDs; 0 for the GVCP socket's own port, negative for none
 * @param tickFrequencyHz        GevTimestampTickFrequency: ticks of GevTimestampValue per second
 * @param pendingTimeoutMs       the pending timeout register (0x0958): longest command before a PENDING_ACK
 * @param pendingAckEnabled      the GVCP configuration's PENDING_ACK enable bit at power-up (clients may set it)
 * @param heartbeatTimeoutMs     the heartbeat timeout register (0x0938) at power-up
 */
public record GigeDeviceConfig(InetSocketAddress bind, InetAddress advertisedAddress, int broadcastDiscoveryPort,
                               DeviceIdentity identity, long tickFrequencyHz, int pendingTimeoutMs,
                               boolean pendingAckEnabled, int heartbeatTimeoutMs, List<GigeFault> faults) {

    public static final long NS_TICK_FREQUENCY_HZ = 1_000_000_000L;
    public static final int DEFAULT_PENDING_TIMEOUT_MS = 100;

    public GigeDeviceConfig {
        faults = List.copyOf(faults);
        if (tickFrequencyHz <= 0) {
            throw new IllegalArgumentException("tick frequency must be positive: " + tickFrequencyHz);
        }
        if (pendingTimeoutMs <= 0 || heartbeatTimeoutMs < Gvcp.HEARTBEAT_TIMEOUT_MIN_MS) {
            throw new IllegalArgumentException("pending timeout must be positive and the heartbeat timeout at least "
                    + Gvcp.HEARTBEAT_TIMEOUT_MIN_MS + " ms");
        }
        if (advertisedAddress.getAddress().length != 4) {
            throw new IllegalArgumentException("GigE Vision is IPv4 only: " + advertisedAddress);
        }
    }

    /** A camera on {@code bind} with ns ticks, a 100 ms pending timeout, PENDING_ACK off and no fault. */
    public static GigeDeviceConfig of(InetSocketAddress bind, DeviceIdentity identity) {
        return new GigeDeviceConfig(bind, bind.getAddress(), 0, identity, NS_TICK_FREQUENCY_HZ,
                DEFAULT_PENDING_TIMEOUT_MS, false, Gvcp.HEARTBEAT_TIMEOUT_DEFAULT_MS, List.of());
    }

    public GigeDeviceConfig withFaults(List<GigeFault> newFaults) {
        return new GigeDeviceConfig(bind, advertisedAddress, broadcastDiscoveryPort, identity, tickFrequencyHz,
                pendingTimeoutMs, pendingAckEnabled, heartbeatTimeoutMs, newFaults);
    }

    public GigeDeviceConfig withTickFrequencyHz(long hz) {
        return new GigeDeviceConfig(bind, advertisedAddress, broadcastDiscoveryPort, identity, hz, pendingTimeoutMs,
                pendingAckEnabled, heartbeatTimeoutMs, faults);
    }

    public GigeDeviceConfig withPendingAck(int timeoutMs, boolean enabled) {
        return new GigeDeviceConfig(bind, advertisedAddress, broadcastDiscoveryPort, identity, tickFrequencyHz,
                timeoutMs, enabled, heartbeatTimeoutMs, faults);
    }

    public GigeDeviceConfig withHeartbeatTimeoutMs(int timeoutMs) {
        return new GigeDeviceConfig(bind, advertisedAddress, broadcastDiscoveryPort, identity, tickFrequencyHz,
                pendingTimeoutMs, pendingAckEnabled, timeoutMs, faults);
    }

    /** Reached through something else (a relay): reports {@code address} and hears broadcasts on {@code port}. */
    public GigeDeviceConfig advertising(InetAddress address, int discoveryPort) {
        return new GigeDeviceConfig(bind, address, discoveryPort, identity, tickFrequencyHz, pendingTimeoutMs,
                pendingAckEnabled, heartbeatTimeoutMs, faults);
    }

    public GigeDeviceConfig withoutBroadcastDiscovery() {
        return new GigeDeviceConfig(bind, advertisedAddress, -1, identity, tickFrequencyHz, pendingTimeoutMs,
                pendingAckEnabled, heartbeatTimeoutMs, faults);
    }

    boolean has(GigeFault.Kind kind) {
        return GigeFault.has(faults, kind);
    }
}
