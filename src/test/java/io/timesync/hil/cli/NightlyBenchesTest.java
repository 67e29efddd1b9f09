package io.timesync.hil.cli;

import io.timesync.hil.config.BenchConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nightly job's matrix comes from the bench files: a bench with a ci.runner is run on that runner. */
class NightlyBenchesTest {
    private static final String BENCH = "interface: eth0\n";

    @TempDir
    Path config;

    @Test
    void theShippedLabBenchRunsNightlyOnItsRunnerAndTheSimulatedBenchDoesNot() {
        assertThat(NightlyBenches.matrix(Path.of("hil-config"), Optional.empty()))
                .isEqualTo("[{\"bench\":\"lab-example\",\"runner\":\"timesync-bench-lab\"}]");
    }

    @Test
    void addingABenchFileWithARunnerAddsAJob() throws IOException {
        Files.writeString(config.resolve("lab-1.yaml"), BENCH + "ci:\n  runner: bench-lab-1\n");
        Files.writeString(config.resolve("lab-2.yaml"), BENCH + "ci:\n  runner: bench-lab-2\n");
        Files.writeString(config.resolve("desk.yaml"), BENCH);

        assertThat(NightlyBenches.matrix(config, Optional.empty())).isEqualTo("[{\"bench\":\"lab-1\",\"runner\":"
                + "\"bench-lab-1\"},{\"bench\":\"lab-2\",\"runner\":\"bench-lab-2\"}]");
        assertThat(NightlyBenches.matrix(config, Optional.of("lab-2")))
                .isEqualTo("[{\"bench\":\"lab-2\",\"runner\":\"bench-lab-2\"}]");
        assertThatThrownBy(() -> NightlyBenches.matrix(config, Optional.of("desk")))
                .hasMessage("no nightly bench 'desk' in " + config + ": it needs a bench file desk.yaml with a ci.runner");
    }

    @Test
    void aBadBenchFileStopsTheNightlyRunWithItsError() throws IOException {
        Files.writeString(config.resolve("lab-1.yaml"), BENCH + "ci:\n  runner: bench lab 1\n");

        assertThatThrownBy(() -> NightlyBenches.matrix(config, Optional.empty()))
                .isInstanceOf(BenchConfigException.class)
                .hasMessageContaining("lab-1.yaml", "'bench lab 1' is not a runner label");
    }
}
