package io.timesync.hil.sim.gige;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.sim.net.UdpDelayRelay;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one simulated GigE camera (optionally behind a UDP delay relay) as its own process, e.g. inside a network
 * namespace. Prints one {@code ready gvcp=<ip:port> device=<ip:port> serial=<serial>} line once bound, then
 * (with --print-latches) a {@code latch ...} line per latch; stops at stdin EOF (exit 0) or SIGTERM (the JVM's
 * exit status 143), closing its sockets either way.
 */
public final class GigeDeviceMain {
    private static final long TAI_UTC_OFFSET_NS = TimeUnit.SECONDS.toNanos(SimulatedPtp4lDatasets.TAI_UTC_OFFSET_S);

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final GigeVisionDevice device;
    private final UdpDelayRelay relay;
    private final PrintStream out;

    private GigeDeviceMain(GigeDeviceOptions options, PrintStream out) {
        this.out = out;
        DeviceIdentity identity = DeviceIdentity.simulated(options.serial());
        if (options.model().isPresent()) {
            identity = identity.withModelName(options.model().get());
        }
        InetSocketAddress publicAddress = new InetSocketAddress(options.bind(), options.port());
        GigeDeviceConfig config = GigeDeviceConfig.of(options.requestDelay().isPresent()
                        ? new InetSocketAddress(options.deviceBind(), 0) : publicAddress, identity)
                .withFaults(options.faults())
                .withTickFrequencyHz(options.tickFrequencyHz())
                .withPendingAck(options.pendingTimeoutMs(), options.pendingAckEnabled());
        if (options.requestDelay().isPresent()) {
            config = config.advertising(options.bind(), options.port());
        }
        PtpDataSet ptp = new PtpDataSet(true, options.ptpStatus(),
                options.ptpStatus() == PtpStatus.SLAVE ? PtpServoStatus.LOCKED : PtpServoStatus.UNKNOWN,
                options.grandmaster(), options.grandmaster(), identity.clockIdentity(), options.offsetNs(),
                PtpClockAccuracy.UNKNOWN);
        HostClock host = HostClock.SYSTEM;
        DeviceClock clock = DeviceClock.following(TAI_UTC_OFFSET_NS, options.offsetNs(), options.driftPpb(),
                host.nowNs());
        this.device = GigeVisionDevice.start(config, clock, () -> ptp, host, truth -> {
            if (options.printLatches()) {
                out.printf("latch kind=%s host_ns=%d device_ns=%d value=%d seq=%d%n", truth.kind(),
                        truth.hostRealtimeNs(), truth.deviceNs(), truth.reportedValue(), truth.sequence());
                out.flush();
            }
        });
        UdpDelayRelay started = null;
        if (options.requestDelay().isPresent()) {
            try {
                started = UdpDelayRelay.start(publicAddress, device.gvcpAddress(), options.requestDelay().get(),
                        options.replyDelay(), options.seed());
            } catch (RuntimeException e) {
                device.close();
                throw e;
            }
        }
        this.relay = started;
    }

    public static void main(String[] args) {
        GigeDeviceOptions options;
        try {
            options = GigeDeviceOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(GigeDeviceOptions.USAGE);
            System.exit(2);
            return;
        }
        GigeDeviceMain main = new GigeDeviceMain(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "sim-gige shutdown"));
        main.printReady(options);
        main.awaitEndOf(System.in);
        main.stop();
        System.exit(0);
    }

    private void printReady(GigeDeviceOptions options) {
        InetSocketAddress gvcp = relay != null ? relay.frontAddress() : device.gvcpAddress();
        out.printf("ready gvcp=%s:%d device=%s:%d serial=%s%n", gvcp.getAddress().getHostAddress(), gvcp.getPort(),
                device.gvcpAddress().getAddress().getHostAddress(), device.gvcpAddress().getPort(), options.serial());
        out.flush();
    }

    /** Blocks until the parent closes stdin (or the process is terminated). */
    private void awaitEndOf(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // input is ignored; only its end matters
            }
        } catch (IOException e) {
            // stdin broken: stop as at EOF
        }
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            if (relay != null) {
                relay.close();
            }
            device.close();
            out.println("stopped");
            out.flush();
        }
    }
}
