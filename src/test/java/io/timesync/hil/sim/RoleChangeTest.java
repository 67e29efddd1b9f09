package io.timesync.hil.sim;

import io.timesync.hil.config.BenchConfigException;
import io.timesync.hil.bench.Benches;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.Ptp4lNoReplyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** simulation.ptp4l.roleAfter: the simulated ptp4l loses (or never had) its role mid-run, as a real one can. */
class RoleChangeTest {
    @TempDir
    Path directory;

    @Test
    void parsesADurationAndARole() {
        assertThat(RoleChange.parse("2s:slave")).isEqualTo(new RoleChange(2_000_000_000L, Ptp4lRole.SLAVE));
        assertThat(RoleChange.parse(" 1.5s : Silent ")).isEqualTo(new RoleChange(1_500_000_000L, Ptp4lRole.SILENT));
        assertThat(RoleChange.parse("250ms:absent")).hasToString("250ms:absent");
        assertThatThrownBy(() -> RoleChange.parse("slave")).hasMessage("expected <duration>:<role>, e.g. 2s:slave, "
                + "got 'slave'");
        assertThatThrownBy(() -> RoleChange.parse("2s:boss")).hasMessage("expected a role after ':' (grandmaster, "
                + "slave, listening, absent, garbage or silent), got 'boss'");
    }

    @Test
    void aBadRoleChangeIsAConfigurationErrorNamingTheKey() {
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of(
                "hil.simulation.ptp4l.roleAfter", "2s")))).isInstanceOf(BenchConfigException.class)
                .hasMessageContaining("simulation.ptp4l.roleAfter").hasMessageContaining("expected <duration>:<role>");
        assertThatThrownBy(() -> SimulationSettings.from(Benches.load(BenchConfigLoader.Properties.of(Map.of(
                "hil.simulation.ptp4l.role", "absent", "hil.simulation.ptp4l.roleAfter", "1s:slave")))))
                .isInstanceOf(BenchConfigException.class)
                .hasMessageContaining("a simulated ptp4l that is absent from the start cannot change its role");
    }

    @Test
    void theSimulatedGrandmasterTakesTheNewRoleNoEarlierThanSaid() {
        Path socket = directory.resolve("ptp4l.sock");
        long startNanoTime = System.nanoTime();
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(Ptp4lRole.GRANDMASTER,
                Optional.of(new RoleChange(TimeUnit.SECONDS.toNanos(1), Ptp4lRole.SLAVE)), socket,
                List.of("eth0"), 0, 0).orElseThrow();
             PtpManagementClient client = PtpManagementClient.open(socket, 0, TimeUnit.MILLISECONDS.toNanos(500))) {
            String first = Ptp4lSnapshot.read(client).role();
            assertThat(first).isEqualTo(System.nanoTime() - startNanoTime < TimeUnit.SECONDS.toNanos(1)
                    ? "Grandmaster" : first); // a host stalled for a second may already see the slave

            await().atMost(Duration.ofSeconds(10)).until(() -> Ptp4lSnapshot.read(client).role().equals("Slave"));
            assertThat(System.nanoTime() - startNanoTime).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Test
    void aPtp4lThatFreezesStopsAnswering() {
        Path socket = directory.resolve("ptp4l.sock");
        try (SimulatedPtp4l ptp4l = SimulatedPtp4l.start(Ptp4lRole.GRANDMASTER,
                Optional.of(new RoleChange(TimeUnit.MILLISECONDS.toNanos(200), Ptp4lRole.SILENT)), socket,
                List.of("eth0"), 0, 0).orElseThrow();
             PtpManagementClient client = PtpManagementClient.open(socket, 0, TimeUnit.MILLISECONDS.toNanos(100))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    Ptp4lSnapshot.read(client);
                    return false;
                } catch (Ptp4lNoReplyException e) {
                    return true;
                }
            });
        }
    }
}
