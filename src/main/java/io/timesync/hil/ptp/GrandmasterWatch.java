package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.PeriodicWatch;
import io.timesync.hil.time.Timeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The grandmaster watch: asks ptp4l, over a management client of its own, every interval for the whole run
 * whether the host still holds the bench's grandmaster role, and records every change as it happens.
 */
public final class GrandmasterWatch implements AutoCloseable {
    /** A sample asks ptp4l for its whole snapshot: at most this many replies are waited for. */
    private static final int QUERIES_PER_SAMPLE = 8;

    private final Supplier<PtpManagementClient> clients;
    private final List<String> benchInterfaces;
    private final int benchDomain;
    private final PeriodicWatch<GrandmasterState> watch;
    private PtpManagementClient client;

    private GrandmasterWatch(Supplier<PtpManagementClient> clients, List<String> benchInterfaces, int benchDomain,
                             long intervalNs, long replyTimeoutNs, HostClock clock, Path logFile) {
        this.clients = clients;
        this.benchInterfaces = List.copyOf(benchInterfaces);
        this.benchDomain = benchDomain;
        this.watch = PeriodicWatch.start("grandmaster-watch", this::sample,
                state -> state.held() + "," + PeriodicWatch.quoted(state.description()), "held,state", intervalNs,
                QUERIES_PER_SAMPLE * replyTimeoutNs, clock, logFile);
    }

    /**
     * @param clients opens the watch's own management client (again after it failed to open)
     * @param logFile where every change is written as it is seen
     */
    public static GrandmasterWatch start(Supplier<PtpManagementClient> clients, List<String> benchInterfaces,
                                         int benchDomain, long intervalNs, long replyTimeoutNs, HostClock clock,
                                         Path logFile) {
        return new GrandmasterWatch(clients, benchInterfaces, benchDomain, intervalNs, replyTimeoutNs, clock, logFile);
    }

    public Path logFile() {
        return watch.logFile();
    }

    /** What the watch has seen so far. */
    public Timeline<GrandmasterState> timeline() {
        return watch.timeline();
    }

    /** What the watch has seen once it sampled at or after {@code hostNs}; bounded by one interval and one sample. */
    public Timeline<GrandmasterState> timelineThrough(long hostNs) {
        return watch.timelineThrough(hostNs);
    }

    /**
     * Waits, at most {@code timeoutNs}, until the watch has seen the host hold the grandmaster role: measurements
     * start there, so that what they measure can be proven (the watch may lag ptp4l by one interval).
     */
    public boolean awaitHeld(long timeoutNs) {
        return watch.await(GrandmasterState::held, timeoutNs);
    }

    private GrandmasterState sample() {
        try {
            if (client == null) {
                client = clients.get();
            }
            return GrandmasterState.of(Ptp4lSnapshot.read(client), benchInterfaces, benchDomain);
        } catch (BenchPartException e) {
            return GrandmasterState.unreachable(e.problem());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return GrandmasterState.unreachable(message.lines().findFirst().orElse(message));
        }
    }

    @Override
    public void close() {
        watch.close();
        if (client != null && watch.stopped()) {
            client.close(); // else a sample still waits on it: its private directory goes with the JVM
        }
    }
}
