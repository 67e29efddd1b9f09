package io.timesync.hil.sim.gige;

import io.timesync.hil.time.DurationText;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.sim.CameraFault;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.sim.net.PathDelay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of {@link GigeDeviceMain}: {@code --key=value} arguments (see {@link #USAGE}).
 *
 * @param requestDelay empty: no relay; else a {@link io.timesync.hil.sim.net.UdpDelayRelay} listens on
 *                     bind:port in front of the camera, which then binds {@code deviceBind} on any free port
 * @param deviceBind   with a relay, where the camera binds (default: {@code bind}); broadcast discovery bypasses
 *                     the relay and is answered from there, so clients must be able to reach it
 */
public record GigeDeviceOptions(InetAddress bind, int port, String serial, Optional<String> model,
                                List<GigeFault> faults, long offsetNs, long driftPpb, long tickFrequencyHz,
                                int pendingTimeoutMs, boolean pendingAckEnabled, PtpStatus ptpStatus,
                                ClockIdentity grandmaster, Optional<PathDelay> requestDelay, PathDelay replyDelay,
                                InetAddress deviceBind, long seed, boolean printLatches) {

    public static final String USAGE = String.join("\n",
            "usage: GigeDeviceMain --serial=<serial> [options]",
            "  --bind=<ipv4>               address clients reach the camera at (default 127.0.0.1)",
            "  --port=<n>                  GVCP port (default 3956; 0: any free port)",
            "  --model=<name>              model name (default " + DeviceIdentity.SIMULATED_MODEL + ")",
            "  --faults=<f1,f2>            " + GigeFault.SYNTAX,
            "  --offset=<+/-duration>      clock offset from PTP time, e.g. +150ms",
            "  --drift=<n>ppm|<n>ppb       clock drift",
            "  --tick-frequency=<hz>       GevTimestampTickFrequency (default 1000000000)",
            "  --pending-timeout=<dur>     pending timeout register (default 100ms)",
            "  --pending-ack-enabled       start with PENDING_ACK enabled (GVCP configuration bit 30)",
            "  --ptp-status=<state>        PtpStatus the camera reports (default Slave)",
            "  --grandmaster=<id>          grandmaster clockIdentity (default " + SimulatedPtp4lDatasets.HOST + ")",
            "  --request-delay=<d[+j]>     put a UDP delay relay in front: request path base delay + jitter",
            "  --reply-delay=<d[+j]>       ... and reply path (default 0)",
            "  --device-bind=<ipv4>        with a relay: where the camera itself binds, on any free port (default: the",
            "                              --bind address; the camera answers broadcast discovery from there)",
            "  --seed=<n>                  relay jitter seed (default 1)",
            "  --print-latches             print one 'latch ...' line per latch (the truth)",
            "Prints one 'ready ...' line when bound; stops at stdin EOF or SIGTERM.");

    private static final Set<String> KEYS = Set.of("bind", "port", "serial", "model", "faults", "offset", "drift",
            "tick-frequency", "pending-timeout", "pending-ack-enabled", "ptp-status", "grandmaster", "request-delay",
            "reply-delay", "device-bind", "seed", "print-latches");

    /** @throws IllegalArgumentException saying what is wrong */
    public static GigeDeviceOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String[] parts = arg.substring(2).split("=", 2);
            if (!KEYS.contains(parts[0])) {
                throw new IllegalArgumentException("unknown option --" + parts[0]);
            }
            values.put(parts[0], parts.length == 2 ? parts[1] : "");
        }
        String serial = values.get("serial");
        if (serial == null || serial.isBlank()) {
            throw new IllegalArgumentException("--serial is required");
        }
        return new GigeDeviceOptions(
                address(values.getOrDefault("bind", "127.0.0.1")),
                Integer.parseInt(values.getOrDefault("port", Integer.toString(Gvcp.PORT))),
                serial,
                Optional.ofNullable(values.get("model")),
                GigeFault.parseList(values.getOrDefault("faults", "")),
                values.containsKey("offset") ? CameraFault.parse("offset=" + values.get("offset")).amount() : 0,
                values.containsKey("drift") ? CameraFault.parse("drift=" + values.get("drift")).amount() : 0,
                Long.parseLong(values.getOrDefault("tick-frequency",
                        Long.toString(GigeDeviceConfig.NS_TICK_FREQUENCY_HZ))),
                (int) (DurationText.parseNs(values.getOrDefault("pending-timeout", "100ms"), false) / 1_000_000),
                values.containsKey("pending-ack-enabled"),
                ptpStatus(values.getOrDefault("ptp-status", PtpStatus.SLAVE.sfncName())),
                ClockIdentity.parse(values.getOrDefault("grandmaster", SimulatedPtp4lDatasets.HOST.toString())),
                Optional.ofNullable(values.get("request-delay")).map(PathDelay::parse),
                PathDelay.parse(values.getOrDefault("reply-delay", "0")),
                // not loopback: the camera's own socket answers broadcast discovery, so it must reach every
                // client the relay's front does (from 127.0.0.1 an answer to another host is refused: EINVAL)
                address(values.getOrDefault("device-bind", values.getOrDefault("bind", "127.0.0.1"))),
                Long.parseLong(values.getOrDefault("seed", "1")),
                values.containsKey("print-latches"));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }

    private static PtpStatus ptpStatus(String text) {
        return Arrays.stream(PtpStatus.values()).filter(status -> status.sfncName().equalsIgnoreCase(text))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown PtpStatus '" + text
                        + "'; expected one of " + Arrays.stream(PtpStatus.values()).map(PtpStatus::sfncName)
                        .toList()));
    }
}
