package io.timesync.hil.hostile;

import io.timesync.hil.bench.BenchSession;
import io.timesync.hil.bench.Benches;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchConfigException;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.report.EvidenceManifest;
import io.timesync.hil.report.EvidenceStore;
import io.timesync.hil.requirements.GrandmasterPresentTest;
import io.timesync.hil.selftest.RequirementRun;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.timesync.hil.selftest.RequirementRun.Status.BROKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What a reliability tester throws at the suite: malformed and oversized bench files, overrides that would be
 * silently ignored, names that would escape the evidence folder, evidence folders holding someone else's files,
 * and temp files left behind. Each must end in one clear message, in bounded time, with nothing outside the
 * evidence folder touched. (Hostile management responders and sensor traffic: {@link HostilePeersTest}.)
 */
class HostileInputTest {
    private static final String MINIMAL = "interface: enp3s0\n";

    @TempDir
    Path directory;

    private BenchConfig load(String yaml, Map<String, String> overrides) throws IOException {
        Path file = Files.writeString(directory.resolve("bench.yaml"), yaml);
        Map<String, String> properties = new java.util.HashMap<>(overrides);
        properties.put("hil.bench", file.toString());
        return Benches.load(BenchConfigLoader.Properties.of(properties));
    }

    private BenchConfig load(String yaml) throws IOException {
        return load(yaml, Map.of());
    }

    @Nested
    class BenchFiles {
        @Test
        void aBinaryOrLatin1FileIsNotUtf8Text() throws IOException {
            Path binary = Files.write(directory.resolve("binary.yaml"), new byte[] {0x7F, 'E', 'L', 'F', (byte) 0xC3,
                    0x28, 0});
            Path latin1 = Files.write(directory.resolve("latin1.yaml"),
                    "name: Pr\u00fcfstand\ninterface: eth0\n".getBytes(StandardCharsets.ISO_8859_1));

            for (Path file : List.of(binary, latin1)) {
                assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench",
                        file.toString())))).isInstanceOf(BenchConfigException.class).hasMessage("Bench configuration "
                        + "error: " + file + ": is not UTF-8 text (a binary file, or saved in another encoding such as "
                        + "Latin-1): save it as UTF-8 YAML");
            }
        }

        @Test
        void aDirectoryOrAFifoIsNoBenchFile() throws Exception {
            Path fifo = directory.resolve("fifo.yaml");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

            assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench",
                    directory.toString())))).hasMessageContaining("is a directory, not a bench file");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> Benches.load(
                    BenchConfigLoader.Properties.of(Map.of("hil.bench", fifo.toString()))))
                    .hasMessageContaining("is not a regular file (a FIFO, a device?)"), "a FIFO must not block");
        }

        @Test
        void aHugeFileIsRefusedAtOnce() throws IOException {
            Path huge = directory.resolve("huge.yaml");
            Files.writeString(huge, MINIMAL + "# " + "x".repeat(10 << 20) + "\n");

            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> Benches.load(
                    BenchConfigLoader.Properties.of(Map.of("hil.bench", huge.toString()))))
                    .hasMessageContaining("a bench file is a few kB of YAML (at most 1048576 bytes)"));
        }

        @Test
        void limitsNoRealBenchReachesAreSaid() {
            String serials = IntStream.range(0, 20_000).mapToObj(i -> "\"" + (10_000_000 + i) + "\"")
                    .collect(Collectors.joining(", "));

            assertThatThrownBy(() -> load(MINIMAL + "cameras:\n  serials: [" + serials + "]\n  backend: simulated\n"))
                    .hasMessageContaining("cameras.serials").hasMessageContaining("64");
            assertThatThrownBy(() -> load(MINIMAL + "packetTiming:\n  duration: 2562047h\n"))
                    .hasMessageContaining("packetTiming.duration");
        }

        @Test
        void partsThatCannotFitInTheTimeoutAreRefused() {
            assertThatThrownBy(() -> load(MINIMAL + "timeout: 5s\nptp4l:\n  settleTimeout: 40s\n"))
                    .hasMessageContaining("'ptp4l.settleTimeout' (40s) does not fit in the bench's timeout (5s)");
            assertThatThrownBy(() -> load(MINIMAL + "timeout: 1ns\n"))
                    .hasMessageContaining("key 'timeout': must be at least 1ms, got '1ns'");
        }
    }

    @Nested
    class Overrides {
        /** On a simulated bench an explicit socket means: talk to that ptp4l, not the simulator. */
        @Test
        void anExplicitPtp4lSocketIsHonouredOnTheSimulatedBench() {
            RequirementRun run = RequirementRun.of(GrandmasterPresentTest.class, Map.of(
                    "hil.ptp4l.socket", directory.resolve("ptp4l-does-not-exist").toString(),
                    "hil.evidenceDir", directory.resolve("evidence").toString()));

            assertThat(run.statuses().values()).containsOnly(BROKEN);
            assertThat(run.message("stepsRemovedIsZero")).contains(directory.resolve("ptp4l-does-not-exist")
                    + " does not exist");
        }

        @Test
        void anOverrideOfASensorThatDoesNotExistIsAnError() {
            assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of(
                    "hil.sensors.os_front.beams", "16")))).isInstanceOf(BenchConfigException.class)
                    .hasMessageContaining("os_front").hasMessageContaining("did you mean 'os-front'?");
        }

        @Test
        void duplicateCamerasAndSharedPortsNameBothEntries() {
            assertThatThrownBy(() -> load(MINIMAL + "cameras:\n  serials: [\"05520125\", \"05520126\", \"05520125\"]\n"))
                    .hasMessageContaining("lists camera serial 05520125 twice (entries 1 and 3)");
            assertThatThrownBy(() -> load(MINIMAL + "sensors:\n  a:\n    address: 10.0.0.1\n    lidarPort: 7502\n"
                    + "  b:\n    address: 10.0.0.2\n    lidarPort: 7502\n")).hasMessageContaining("port 7502 is also")
                    .hasMessageContaining("each stream needs its own UDP port");
        }
    }

    @Nested
    class Names {
        /** A sensor's name becomes a file name: nothing that could leave the evidence folder is taken. */
        @ParameterizedTest
        @ValueSource(strings = {"../escaped", "/var/tmp/x/escaped", "a/b", ".hidden", "nul\u0000byte", "tab\there",
                "", "-starts-with-dash"})
        void sensorNamesThatAreNotPlainFileNamesAreRefused(String name) {
            String yaml = MINIMAL + "sensors:\n  \"" + name.replace("\u0000", "\\0").replace("\t", "\\t")
                    + "\":\n    address: 10.0.0.1\n    beams: 64\n";

            assertThatThrownBy(() -> load(yaml)).isInstanceOf(BenchConfigException.class)
                    .hasMessageContaining("cannot name a sensors entry: use letters, digits, '_' and '-'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"../05520125", "/05520125", "0552 0125"})
        void cameraSerialsThatAreNotPlainFileNamesAreRefused(String serial) {
            assertThatThrownBy(() -> load(MINIMAL + "cameras:\n  serials: [\"" + serial + "\"]\n"))
                    .isInstanceOf(BenchConfigException.class).hasMessageContaining("cameras.serials");
        }

        /** Names are Unicode: the Environment block escapes what its file format cannot hold. */
        @Test
        void aUnicodeBenchNameIsWrittenAsIs() throws IOException {
            Path evidence = directory.resolve("evidence");
            try (BenchSession session = BenchSession.open(load(MINIMAL + "name: Prüfstand ✓ 東京\n"), evidence,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "")) {
                assertThat(session.config().name()).isEqualTo("Prüfstand ✓ 東京");
            }
            assertThat(evidence.resolve("environment.properties")).content(StandardCharsets.ISO_8859_1)
                    .contains("Bench=Pr\\u00FCfstand \\u2713 \\u6771\\u4EAC");
        }
    }

    @Nested
    class EvidenceFolders {
        @Test
        void aFileGivenAsTheEvidenceFolderIsRefused() throws IOException {
            Path file = Files.writeString(directory.resolve("evidence"), "not a folder");

            assertThatThrownBy(() -> EvidenceStore.fresh(file)).hasMessage("the evidence directory " + file
                    + " is a file, not a directory: choose another -Dhil.evidenceDir");
            assertThat(file).hasContent("not a folder");
        }

        /** An earlier run's evidence goes; someone else's notes, data and links next to it are refused, untouched. */
        @Test
        void onlyWhatTheSuiteWroteIsEverRemoved() throws IOException {
            Path evidence = directory.resolve("evidence");
            EvidenceStore earlier = EvidenceStore.fresh(evidence);
            earlier.save(EvidenceStore.RUN_STATUS, "completed\n".getBytes(StandardCharsets.UTF_8));
            earlier.append(Path.of("cameras", "samples.csv"), "row");
            Path outside = Files.writeString(directory.resolve("outside.txt"), "keep me");
            Files.writeString(evidence.resolve("notes.txt"), "mine");
            Files.createDirectories(evidence.resolve("sub"));
            Files.write(evidence.resolve("sub/data.bin"), new byte[] {1, 2, 3});
            Files.createSymbolicLink(evidence.resolve("link"), outside);

            assertThatThrownBy(() -> EvidenceStore.fresh(evidence)).hasMessage("the evidence directory " + evidence
                    + " holds 3 file(s) the suite did not write (link, notes.txt, sub/data.bin): move them away, or "
                    + "choose another -Dhil.evidenceDir");
            assertThat(evidence.resolve("notes.txt")).hasContent("mine");
            assertThat(evidence.resolve("sub/data.bin")).hasBinaryContent(new byte[] {1, 2, 3});
            assertThat(evidence.resolve("cameras/samples.csv")).exists();
            assertThat(outside).hasContent("keep me");

            Files.delete(evidence.resolve("notes.txt"));
            Files.delete(evidence.resolve("sub/data.bin"));
            Files.delete(evidence.resolve("link"));
            EvidenceStore.fresh(evidence);
            try (Stream<Path> left = Files.walk(evidence)) {
                assertThat(left.filter(Files::isRegularFile)).as("the earlier run's files, all gone").isEmpty();
            }
            assertThat(outside).hasContent("keep me");
        }

        /** A list of the suite's files that names a file outside the folder is not the suite's: nothing is removed. */
        @Test
        void aForgedListOfTheSuitesFilesCannotReachOutside() throws IOException {
            Path evidence = Files.createDirectories(directory.resolve("evidence"));
            Path victim = Files.writeString(directory.resolve("victim.txt"), "keep me");
            Files.writeString(evidence.resolve(EvidenceStore.FILES_WRITTEN), "../victim.txt\n");

            assertThatThrownBy(() -> EvidenceStore.fresh(evidence)).hasMessageContaining("names '../victim.txt', "
                    + "which is not a file inside");
            assertThat(victim).hasContent("keep me");
        }

        @Test
        void theManifestProvesAFolderCompleteAndUnaltered() throws IOException {
            Path evidence = directory.resolve("evidence");
            EvidenceStore store = EvidenceStore.fresh(evidence);
            store.append(Path.of("cameras", "samples.csv"), "row 1");
            store.save(Path.of("a, \"quoted\" name.txt"), new byte[] {42});
            store.writeManifest();

            assertThat(EvidenceManifest.verify(evidence).intact()).isTrue();
            Files.writeString(evidence.resolve("cameras/samples.csv"), "row 2\n");
            Files.delete(evidence.resolve("a, \"quoted\" name.txt"));
            Files.writeString(evidence.resolve("added.txt"), "x");
            EvidenceManifest.Verification verification = EvidenceManifest.verify(evidence);
            assertThat(verification.intact()).isFalse();
            assertThat(verification.altered()).containsExactly("cameras/samples.csv (SHA-256 differs)");
            assertThat(verification.missing()).containsExactly("a, \"quoted\" name.txt");
            assertThat(verification.unlisted()).containsExactly("added.txt");
        }
    }

    @Nested
    class LeftBehind {
        /** The simulator's and the client's private folders (their sockets) go when the bench closes, or fails to. */
        @Test
        void noTempFolderOfThisRunRemains() throws IOException {
            Path evidence = directory.resolve("evidence");
            try (BenchSession session = BenchSession.open(Benches.load(BenchConfigLoader.Properties.of(Map.of())),
                    evidence, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "")) {
                session.ptp4l().get(DefaultDataSet.ID);
                assertThat(ownTempFolders()).isNotEmpty();
            }
            assertThat(ownTempFolders()).isEmpty();

            Files.writeString(evidence.resolve("foreign.txt"), "x"); // opening the session now fails
            assertThatThrownBy(() -> BenchSession.open(Benches.load(BenchConfigLoader.Properties.of(Map.of())),
                    evidence, System.out, "")).hasMessageContaining("foreign.txt");
            assertThat(ownTempFolders()).isEmpty();
        }

        /** A folder an earlier, killed run left (its process is gone) is removed by the next run. */
        @Test
        void anAbandonedFolderOfADeadRunIsRemoved() throws Exception {
            Process dead = new ProcessBuilder("true").start();
            dead.waitFor(10, TimeUnit.SECONDS);
            Path abandoned = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                    "timesync-hil-ptp-" + dead.pid() + "-abandoned"));
            Files.writeString(abandoned.resolve("client.sock"), "");

            PtpManagementClient.open(directory.resolve("none.sock"), 0, TimeUnit.MILLISECONDS.toNanos(10)).close();

            assertThat(abandoned).doesNotExist();
        }

        private List<Path> ownTempFolders() throws IOException {
            try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                return entries.filter(path -> path.getFileName().toString().matches("timesync-hil-[a-z]+-"
                        + ProcessHandle.current().pid() + "-.*")).toList();
            }
        }
    }

}
