package io.timesync.hil.ptp;

import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.sim.Ptp4lRole;
import io.timesync.hil.sim.RoleChange;
import io.timesync.hil.sim.SimulatedPtp4l;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The watch records what ptp4l is, change by change, as it happens, whatever ptp4l does meanwhile. */
class GrandmasterWatchTest {
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long REPLY_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    @TempDir
    Path directory;

    @Test
    void recordsEveryChangeInItsTimelineAndItsLogAsItHappens() throws IOException {
        AtomicReference<PortState> port = new AtomicReference<>(PortState.LISTENING);
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(directory.resolve("ptp4l.sock"),
                () -> SimulatedPtp4lDatasets.grandmaster(List.of("eth0"), 0, port.get()), SimulatedPtp4l.Behaviour.ANSWER);
             GrandmasterWatch watch = watch(ptp4l.socket())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.timeline().samples() >= 3);
            port.set(PortState.MASTER);
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.timeline().stretches().size() == 2);
            port.set(PortState.PASSIVE);
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.timeline().stretches().size() == 3);

            List<Timeline.Stretch<GrandmasterState>> stretches = watch.timeline().stretches();
            assertThat(stretches).extracting(stretch -> stretch.state().held()).containsExactly(false, true, false);
            assertThat(stretches.get(1).state().description()).isEqualTo("role=Grandmaster, gmClockID=02005e.fffe.000001, "
                    + "clockID=02005e.fffe.000001, stepsRemoved=0, domain=0, ports=[1 eth0 MASTER]");
            assertThat(stretches.get(0).samples()).isGreaterThanOrEqualTo(3);
            assertThat(stretches.get(1).firstNs()).isGreaterThan(stretches.get(0).lastNs());
            // the log holds each change already, before the watch is closed
            assertThat(Files.readAllLines(watch.logFile())).hasSize(4).element(2).asString()
                    .contains(",true,\"role=Grandmaster,");
        }
    }

    @Test
    void aPtp4lThatGoesAwayIsRecordedUnavailable() {
        Path socket = directory.resolve("ptp4l.sock");
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(Ptp4lRole.GRANDMASTER,
                Optional.of(new RoleChange(TimeUnit.MILLISECONDS.toNanos(300), Ptp4lRole.ABSENT)), socket,
                List.of("eth0"), 0, 0).orElseThrow();
             GrandmasterWatch watch = watch(socket)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.timeline().stretches().size() == 2);

            GrandmasterState gone = watch.timeline().stretches().get(1).state();
            assertThat(gone.reachable()).isFalse();
            assertThat(gone.description()).startsWith("unavailable (the management socket " + socket + " does not exist");
        }
    }

    /** A frozen ptp4l (SIGSTOP) answers nothing: each sample waits its replies out, and closing still ends it. */
    @Test
    void aSilentPtp4lIsRecordedAndTheWatchStillEndsInBoundedTime() {
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(directory.resolve("ptp4l.sock"),
                () -> SimulatedPtp4lDatasets.grandmaster(List.of("eth0"), 0, PortState.MASTER),
                SimulatedPtp4l.Behaviour.SILENT)) {
            GrandmasterWatch watch = watch(ptp4l.socket());
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.timeline().samples() >= 1);

            assertThat(watch.timeline().stretches().get(0).state().description()).startsWith("unavailable (no reply");
            assertTimeoutPreemptively(Duration.ofSeconds(5), watch::close);
        }
    }

    /** Waiting for a sample after a given instant is bounded even when none can come. */
    @Test
    void timelineThroughWaitsForTheNextSampleButNoLongerThanOneSample() {
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(directory.resolve("ptp4l.sock"),
                () -> SimulatedPtp4lDatasets.grandmaster(List.of("eth0"), 0, PortState.MASTER),
                SimulatedPtp4l.Behaviour.ANSWER);
             GrandmasterWatch watch = watch(ptp4l.socket())) {
            long nowNs = HostClock.SYSTEM.nowNs();
            assertThat(watch.timelineThrough(nowNs).lastSampleNs()).isGreaterThanOrEqualTo(nowNs);

            long farFutureNs = nowNs + TimeUnit.HOURS.toNanos(1);
            Timeline<GrandmasterState> timeline = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> watch.timelineThrough(farFutureNs));
            assertThat(timeline.lastSampleNs()).isLessThan(farFutureNs);
        }
    }

    private GrandmasterWatch watch(Path socket) {
        return GrandmasterWatch.start(() -> PtpManagementClient.open(socket, 0, REPLY_TIMEOUT_NS), List.of("eth0"), 0,
                INTERVAL_NS, REPLY_TIMEOUT_NS, HostClock.SYSTEM, directory.resolve("watch.csv"));
    }
}
