package io.timesync.hil.real;

import io.timesync.hil.real.RealPtp4lBench.Clock;
import io.timesync.hil.requirements.CameraAlignmentTest;
import io.timesync.hil.requirements.GrandmasterPresentThroughoutTest;
import io.timesync.hil.requirements.GrandmasterPresentTest;
import io.timesync.hil.selftest.RequirementRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.timesync.hil.selftest.RequirementRun.Status.FAILED;
import static io.timesync.hil.selftest.RequirementRun.Status.PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The grandmaster watch against real linuxptp: a run of the grandmaster checks and two simulated cameras (12
 * samples, 300 ms apart) on a real grandmaster of its own, broken after the cameras' third sample — ptp4l killed,
 * frozen (SIGSTOP), or unseated by a better master joining the link. Each must fail the whole-run check saying
 * what the host became, and leave the camera samples taken afterwards unproven; a clean run passes.
 */
class GrandmasterWatchOnRealPtp4lTest {
    private static final List<Class<?>> RUN = List.of(GrandmasterPresentTest.class, CameraAlignmentTest.class,
            GrandmasterPresentThroughoutTest.class);
    private static final String HELD = "heldForTheWholeRun";
    private static final String CAMERA = "withinThresholdOfEveryOtherCamera[camera 05520125]";

    private final RealPtp4lBench shared = RealPtp4lBench.require(); // where the shared bench runs, so do these

    @TempDir
    Path directory;

    @Test
    void aCleanRunPassesWithTheWatchsRecord() throws IOException {
        try (DisposablePtp4lBench bench = DisposablePtp4lBench.start(directory.resolve("bench"))) {
            RequirementRun run = RequirementRun.of(RUN, properties(bench));

            assertThat(run.statuses()).as("outcomes: %s", run.outcomes()).containsEntry(HELD, PASSED)
                    .containsEntry(CAMERA, PASSED);
            assertThat(Files.readAllLines(directory.resolve("evidence/ptp4l/grandmaster-watch.csv")))
                    .anySatisfy(line -> assertThat(line).contains(",true,\"role=Grandmaster, gmClockID="
                            + bench.bench().grandmaster().clockIdentity()));
        }
    }

    @Test
    void aKilledGrandmasterFailsTheWatch() throws IOException {
        assertBrokenMidRun(bench -> bench.signalGrandmaster("KILL"), "unavailable (");
    }

    @Test
    void aFrozenGrandmasterFailsTheWatch() throws IOException {
        assertBrokenMidRun(bench -> bench.signalGrandmaster("STOP"), "unavailable (no reply");
    }

    @Test
    void aBetterMasterJoiningFailsTheWatch() throws IOException {
        assertBrokenMidRun(DisposablePtp4lBench::letABetterMasterJoin, "gmClockID=020000.fffe.000003");
    }

    private void assertBrokenMidRun(Consumer<DisposablePtp4lBench> breakIt, String seen) throws IOException {
        try (DisposablePtp4lBench bench = DisposablePtp4lBench.start(directory.resolve("bench"))) {
            Path samples = directory.resolve("evidence/cameras/samples.csv");
            CompletableFuture<Void> broken = CompletableFuture.runAsync(() -> {
                // the header and three samples of two cameras
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Files.exists(samples) && Files.readAllLines(samples).size() >= 7);
                breakIt.accept(bench);
            });

            RequirementRun run = RequirementRun.of(RUN, properties(bench));

            broken.orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(run.statuses()).as("outcomes: %s", run.outcomes()).containsEntry(HELD, FAILED);
            assertThat(run.message(HELD)).contains("the host lost the bench's grandmaster role during the run", seen);
            assertThat(run.statuses().get(CAMERA)).isNotEqualTo(PASSED);
            assertThat(run.message(CAMERA)).contains("taken while the host was not proven the bench's grandmaster");
        }
    }

    private Map<String, String> properties(DisposablePtp4lBench bench) throws IOException {
        Clock grandmaster = bench.bench().grandmaster();
        String yaml = String.join("\n",
                "# a real grandmaster of its own, simulated cameras",
                "name: real-gm-watch",
                "interface: " + grandmaster.interfaceName(),
                "timeout: 60s",
                "ptp4l:",
                "  socket: " + grandmaster.socket(),
                "  domain: " + bench.bench().domain(),
                "  settleTimeout: 5s",
                "  replyTimeout: 200ms",
                "cameras:",
                "  serials: [\"05520125\", \"05520126\"]",
                "  backend: simulated",
                "  samples: 12",
                "  interval: 300ms",
                "  settleTimeout: 5s",
                "simulation:",
                "  cameras:",
                "    latchLatency: 800us",
                "");
        Path file = Files.writeString(directory.resolve("real-gm-watch.yaml"), yaml);
        return Map.of("hil.bench", file.toString(), "hil.evidenceDir", directory.resolve("evidence").toString());
    }
}
