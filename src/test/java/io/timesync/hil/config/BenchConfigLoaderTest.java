package io.timesync.hil.config;

import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.bench.Benches;
import io.timesync.hil.sim.CameraFault;
import io.timesync.hil.sim.Ptp4lRole;
import io.timesync.hil.sim.SimulationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchConfigLoaderTest {
    private static final String MINIMAL = "interface: enp3s0\n";

    @TempDir
    Path directory;

    /** The README's key table is the catalogue's: edit a key's declaration, then paste the table printed here. */
    @Test
    void theReadmesKeyTableIsTheCatalogue() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = Benches.KEYS.markdownTable();

        assertThat(readme).as("README.md must hold the key table rendered from the catalogue:%n%s", table)
                .contains(table);
    }

    @Test
    void aRunnerLabelIsOneWord() throws IOException {
        Path bench = write(MINIMAL + "ci:\n  runner: bench-lab-1\n");
        assertThat(Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", bench.toString())))
                .ciRunner()).contains("bench-lab-1");

        Path bad = write(MINIMAL + "ci:\n  runner: bench lab\n");
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench",
                bad.toString())))).hasMessageContaining("line 3, key 'ci.runner'", "'bench lab' is not a runner label");
    }

    @Test
    void loadsTheSimulatedBenchWhenNothingIsSelected() {
        BenchConfig config = Benches.load(BenchConfigLoader.Properties.of(Map.of()));

        assertThat(config.source()).isEqualTo(Path.of("hil-config", "sim.yaml").toString());
        assertThat(config.simulated()).isTrue();
        assertThat(SimulationSettings.from(config).ptp4lRole()).isEqualTo(Ptp4lRole.GRANDMASTER);
        assertThat(SimulationSettings.from(config).ptp4lInterfaces()).isEqualTo(config.interfaces());
    }

    @Test
    void loadsTheReferenceToolsBenchByName() {
        BenchConfig config = Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", "lab-example")));

        assertThat(config.simulated()).isFalse();
        assertThat(config.interfaces()).containsExactly("enp3s0");
        assertThat(config.ptp4l().socket()).contains("/var/run/ptp4l");
        assertThat(config.ptp4l().domain()).isZero();
        BenchConfig.CameraSettings cameras = config.cameras().orElseThrow();
        assertThat(cameras.serials()).containsExactly("05520125", "05520126", "05520128", "05520129");
        assertThat(cameras.thresholdNs()).isEqualTo(100_000_000L);
        assertThat(cameras.compareToHostClock()).isFalse();
    }

    @Test
    void appliesDefaultsForOmittedKeys() throws IOException {
        BenchConfig config = load(MINIMAL);

        assertThat(config.name()).isEqualTo("bench");
        assertThat(config.timeoutNs()).isEqualTo(60_000_000_000L);
        assertThat(config.ptp4l()).isEqualTo(new BenchConfig.Ptp4lSettings(Optional.empty(), 0, 30_000_000_000L,
                1_000_000_000L, 250_000_000L, 37_000_000_000L));
        assertThat(config.cameras()).isEmpty();
        assertThat(config.simulated()).isFalse();
        // the requirement's bound: 10 ms late at most, 1 ms early at most
        assertThat(config.packetTiming()).isEqualTo(new CaptureSettings("0.0.0.0", Optional.empty(), 64 << 20, false,
                10_000_000L, 1_000_000L, 1_000_000_000L, 10_000_000_000L, 5_000_000_000L, OptionalLong.empty()));
        BenchConfig.CameraSettings cameras = load(MINIMAL + "cameras:\n  serials: [a]\n").cameras().orElseThrow();
        assertThat(cameras.thresholdNs()).isEqualTo(100_000_000L);
        assertThat(cameras.samples()).isEqualTo(1);
        assertThat(cameras.latchRounds()).isEqualTo(8);
        assertThat(cameras.callTimeoutNs()).isEqualTo(5_000_000_000L);
    }

    @Test
    void keepsSerialsAsWrittenEvenWhenYamlWouldReadThemAsOctalNumbers() throws IOException {
        BenchConfig config = load(MINIMAL + "cameras:\n  serials: [05520125, 0777, \"05520129\"]\n");

        assertThat(config.cameras().orElseThrow().serials()).containsExactly("05520125", "0777", "05520129");
    }

    @Test
    void acceptsHumanDurationsAndBareNanosecondThresholds() throws IOException {
        BenchConfig config = load(MINIMAL + "timeout: 2min\nptp4l:\n  settleTimeout: 1.5s\ncameras:\n"
                + "  serials: [a]\n  interval: 250us\n  threshold: 5000\n");

        assertThat(config.timeoutNs()).isEqualTo(120_000_000_000L);
        assertThat(config.ptp4l().settleTimeoutNs()).isEqualTo(1_500_000_000L);
        assertThat(config.cameras().orElseThrow().intervalNs()).isEqualTo(250_000L);
        assertThat(config.cameras().orElseThrow().thresholdNs()).isEqualTo(5_000L);
    }

    @Test
    void overridesWinOverTheFile() throws IOException {
        Path file = write(MINIMAL + "cameras:\n  serials: [a, b]\n  samples: 10\n");

        BenchConfig config = Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", file.toString(),
                "hil.cameras.samples", "3", "hil.cameras.serials", "x, y ,z", "hil.ptp4l.socket", "/run/ptp4lro")));

        assertThat(config.cameras().orElseThrow().samples()).isEqualTo(3);
        assertThat(config.cameras().orElseThrow().serials()).containsExactly("x", "y", "z");
        assertThat(config.ptp4l().socket()).contains("/run/ptp4lro");
    }

    @Test
    void unknownKeyNamesFileLineAndTheLikelyKey() throws IOException {
        Path file = write(MINIMAL + "ptp4l:\n  domian: 0\n");

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(BenchConfigException.class)
                .hasMessageStartingWith("Bench configuration error: " + file + ", line 3: key 'ptp4l.domian' is unknown "
                        + "(did you mean 'ptp4l.domain'?)");
    }

    @Test
    void wrongTypeNamesKeyLineAndWhatWasExpected() throws IOException {
        Path file = write(MINIMAL + "ptp4l:\n  domain: zero\n");

        assertThatThrownBy(() -> load(file)).hasMessage("Bench configuration error: " + file
                + ", line 3, key 'ptp4l.domain': expected an integer 0..255, got 'zero'");
    }

    @Test
    void durationWithoutUnitIsRejectedWhereItWouldBeAmbiguous() throws IOException {
        Path file = write(MINIMAL + "timeout: 60\n");

        assertThatThrownBy(() -> load(file)).hasMessageContaining("line 2, key 'timeout': '60' needs a unit");
    }

    @Test
    void emptySerialListIsAnError() throws IOException {
        Path file = write(MINIMAL + "cameras:\n  serials: []\n");

        assertThatThrownBy(() -> load(file)).hasMessageContaining("line 3, key 'cameras.serials': expected at least one");
    }

    @Test
    void camerasWithoutSerialsIsAnError() throws IOException {
        assertThatThrownBy(() -> load(MINIMAL + "cameras:\n  samples: 3\n"))
                .hasMessageContaining("key 'cameras.serials' is missing");
    }

    @Test
    void missingInterfaceIsAnError() throws IOException {
        assertThatThrownBy(() -> load("name: x\n")).hasMessageContaining("key 'interface' is missing");
    }

    @Test
    void missingFileNamesTheFileAndTheAvailableBenches() {
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", "lab-exampel"))))
                .hasMessage("Bench configuration error: " + Path.of("hil-config", "lab-exampel.yaml")
                        + ": no such bench file (benches in hil-config: gige-net, lab-example, sim; select one with "
                        + "-Dhil.bench=<name or file>)");
    }

    @Test
    void invalidYamlNamesTheLine() throws IOException {
        Path file = write(MINIMAL + "ptp4l: [\n");

        assertThatThrownBy(() -> load(file)).hasMessageStartingWith("Bench configuration error: " + file + ", line")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void keyGivenTwiceIsAnError() throws IOException {
        assertThatThrownBy(() -> load(MINIMAL + "interface: eth1\n"))
                .hasMessageContaining("line 2: key 'interface' appears twice (first at line 1)");
    }

    @Test
    void sectionGivenAValueIsAnError() throws IOException {
        assertThatThrownBy(() -> load(MINIMAL + "ptp4l: 3\n"))
                .hasMessageContaining("'ptp4l' is a section: expected keys under it (socket, domain, settleTimeout, "
                        + "replyTimeout, watchInterval, utcOffset)");
    }

    @Test
    void listWhereOneValueIsExpectedIsAnError() throws IOException {
        assertThatThrownBy(() -> load(MINIMAL + "ptp4l:\n  domain: [0, 1]\n"))
                .hasMessageContaining("key 'ptp4l.domain': expected a single value, not a list");
    }

    @Test
    void misspelledOverrideIsAnError() throws IOException {
        Path file = write(MINIMAL);

        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", file.toString(),
                "hil.ptp4l.sockt", "/x"))))
                .hasMessageStartingWith("Bench configuration error: -Dhil.ptp4l.sockt: key 'ptp4l.sockt' is unknown "
                        + "(did you mean 'ptp4l.socket'?)");
    }

    @Test
    void simulationKnobsNeedASimulatedBench() throws IOException {
        Path file = write(MINIMAL);

        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", file.toString(),
                "hil.simulation.ptp4l.role", "slave"))))
                .hasMessageContaining("-Dhil.simulation.ptp4l.role=slave: 'simulation.ptp4l.role' applies only to a "
                        + "simulated bench");
    }

    @Test
    void unknownSimulatedRoleListsTheRoles() {
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.simulation.ptp4l.role", "boss"))))
                .hasMessageContaining("expected one of grandmaster, slave, listening, absent, garbage, silent, got 'boss'");
    }

    @Test
    void readsCameraBackendsAndTheHostThresholdDefaultingToTheThreshold() throws IOException {
        BenchConfig config = load(MINIMAL + "cameras:\n  serials: [a]\n  threshold: 2ms\n");
        BenchConfig.CameraSettings cameras = config.cameras().orElseThrow();

        assertThat(cameras.backend()).isEqualTo(new CameraBackendChoice.Ic4(Optional.empty()));
        assertThat(cameras.hostThresholdNs()).isEqualTo(2_000_000L);

        BenchConfig simulated = load(MINIMAL + "cameras:\n  serials: [a]\n  backend: simulated\n"
                + "  hostThreshold: 50us\n");
        assertThat(simulated.cameras().orElseThrow().backend()).isEqualTo(new CameraBackendChoice.Simulated());
        assertThat(simulated.cameras().orElseThrow().hostThresholdNs()).isEqualTo(50_000L);
        assertThat(load(MINIMAL + "cameras:\n  serials: [a]\n  backend: aravis\n").cameras().orElseThrow().backend())
                .isEqualTo(new CameraBackendChoice.Aravis());
        assertThatThrownBy(() -> load(MINIMAL + "cameras:\n  serials: [a]\n  backend: aravis\n"
                + "  ic4Library: /opt/ic4/libic4core.so\n")).hasMessageContaining("key 'cameras.ic4Library': is an IC4 "
                + "setting, but cameras.backend is aravis");
    }

    @Test
    void readsSimulatedCameraFaultsBySerial() {
        BenchConfig config = Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.simulation.cameras.faults",
                "05520126 offset=+150ms, 05520126 ptpListening,05520129 frozen")));

        assertThat(SimulationSettings.from(config).cameraFaults()).isEqualTo(Map.of(
                "05520126", List.of(new CameraFault(CameraFault.Kind.OFFSET, 150_000_000L),
                        new CameraFault(CameraFault.Kind.PTP_LISTENING, 0)),
                "05520129", List.of(new CameraFault(CameraFault.Kind.FROZEN, 0))));
    }

    @Test
    void aFaultForAnUnknownCameraOrOfAnUnknownKindIsAnError() {
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.simulation.cameras.faults",
                "99999999 frozen"))))
                .hasMessageContaining("entry '99999999 frozen' names 99999999, which is not in cameras.serials");
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.simulation.cameras.faults",
                "05520126 wobbly"))))
                .hasMessageContaining("-Dhil.simulation.cameras.faults=05520126 wobbly: unknown camera fault 'wobbly'");
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.simulation.cameras.faults",
                "frozen"))))
                .hasMessageContaining("should be '<name> <fault>'");
    }

    @Test
    void unknownCameraBackendListsTheBackends() {
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.cameras.backend", "spinnaker"))))
                .hasMessageContaining("-Dhil.cameras.backend=spinnaker: expected one of ic4, aravis, simulated, got 'spinnaker'");
    }

    @Test
    void readsNamedSensorsLeavingTheirFormatAutoAndThePacketTimingSection() throws IOException {
        BenchConfig config = load(MINIMAL + "sensors:\n  os-1:\n    address: 192.168.1.21\n    beams: 128\n"
                + "  os-2:\n    address: 192.168.1.22\n    beams: 32\n    lidarProfile: LEGACY\n    mode: 2048x10\n"
                + "    imuProfile: ACCEL32_GYRO32_NMEA\n    lidarPort: 7512\n    imuPort: 7513\n"
                + "    imuMeasurementsPerPacket: 8\n    api: false\n    ptpOffsetThreshold: 5us\n"
                + "packetTiming:\n  maxDiff: 5ms\n  receiveTimestamps: hardware\n");

        SensorSpec first = config.sensors().get(0);
        assertThat(first.beams()).contains(128);
        assertThat(first.autoKeys()).containsExactly("lidarPort", "imuPort", "lidarProfile", "mode", "imuProfile",
                "imuMeasurementsPerPacket");
        assertThat(first.explicit()).isEmpty();
        assertThat(first.api()).isTrue();
        assertThat(first.apiPort()).isEqualTo(80);
        assertThat(first.settleTimeoutNs()).isEqualTo(30_000_000_000L);
        assertThat(first.ptpOffsetThresholdNs()).isEqualTo(1_000L);
        SensorSpec second = config.sensors().get(1);
        assertThat(second.api()).isFalse();
        assertThat(second.ptpOffsetThresholdNs()).isEqualTo(5_000L);
        assertThat(second.explicit()).contains(new SensorSettings("os-2", "192.168.1.22", 7512, 7513,
                new LidarPacketFormat(LidarProfile.LEGACY, 32, 2048), 10,
                new ImuPacketFormat(ImuProfile.ACCEL32_GYRO32_NMEA, 8), 100));
        assertThat(config.packetTiming()).isEqualTo(new CaptureSettings("0.0.0.0", Optional.empty(), 64 << 20, true,
                5_000_000L, 1_000_000L, 1_000_000_000L, 10_000_000_000L, 5_000_000_000L, OptionalLong.empty()));
    }

    @Test
    void aSensorNotAskedOverItsApiNeedsItsWholeFormat() {
        assertThatThrownBy(() -> load(MINIMAL + "sensors:\n  os-1:\n    address: 192.168.1.21\n    beams: 128\n"
                + "    api: false\n"))
                .hasMessageContaining("key 'sensors.os-1.api': sensor os-1 is not asked over its API (api: false), so "
                        + "its lidarPort, imuPort, lidarProfile, mode, imuProfile, imuMeasurementsPerPacket cannot be "
                        + "auto: give them in the bench file");
    }

    /** The mission's window: a packet within 10 ms after its timestamp, at most 1 ms before it. */
    @Test
    void thePacketWindowDefaultsToTheMissionsTenMilliseconds() throws IOException {
        BenchConfig config = load(MINIMAL + "sensors:\n  os-1:\n    address: 192.168.1.21\n    beams: 128\n");

        assertThat(config.packetTiming().maxDiffNs()).isEqualTo(10_000_000L);
        assertThat(config.packetTiming().futureToleranceNs()).isEqualTo(1_000_000L);
    }

    @Test
    void overridesReachNamedSensors() throws IOException {
        Path file = write(MINIMAL + "sensors:\n  os-1:\n    address: 192.168.1.21\n    beams: 128\n");

        BenchConfig config = Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", file.toString(),
                "hil.sensors.os-1.beams", "64", "hil.sensors.os-1.lidarPort", "7600")));

        assertThat(config.sensors().get(0).beams()).contains(64);
        assertThat(config.sensors().get(0).lidarPort()).contains(7600);
    }

    @Test
    void aSensorKeyErrorNamesTheSensorsKeyAndLine() throws IOException {
        assertThatThrownBy(() -> load(MINIMAL + "sensors:\n  os-1:\n    address: 192.168.1.21\n    beams: 48\n"))
                .hasMessageContaining("line 5, key 'sensors.os-1.beams': must be one of 16, 32, 64, 128, got '48'");
        assertThatThrownBy(() -> load(MINIMAL + "sensors:\n  os-1:\n    adress: 192.168.1.21\n"))
                .hasMessageContaining("line 4: key 'sensors.os-1.adress' is unknown (did you mean 'sensors.os-1.address'?)");
        assertThatThrownBy(() -> load(MINIMAL + "sensors:\n  os-1:\n    address: lidar.local\n    beams: 64\n"))
                .hasMessageContaining("key 'sensors.os-1.address': expected an IPv4 address such as 192.168.1.21");
        assertThatThrownBy(() -> load(MINIMAL + "sensors:\n  os-1:\n    address: 10.0.0.2\n    beams: 64\n"
                + "    mode: 1024x30\n"))
                .hasMessageContaining("expected a lidar mode [512x10, 512x20, 1024x10, 1024x20, 2048x10, 4096x5], "
                        + "got '1024x30'");
        assertThatThrownBy(() -> load(MINIMAL + "sensors:\n  os-1:\n    beams: 64\n"))
                .hasMessageContaining("key 'sensors.os-1.address' is missing");
    }

    @Test
    void aSensorFaultMustNameAConfiguredSensor() {
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.simulation.sensors.faults",
                "os-side late=20ms"))))
                .hasMessageContaining("names os-side, which is not in sensors [os-front, os-rear]");
        assertThatThrownBy(() -> Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.simulation.sensors.faults",
                "os-front loss=150%"))))
                .hasMessageContaining("must be a percentage between 1% and 99%");
    }

    @Test
    void selectsByNameOrByPath() {
        Path configDir = Path.of("hil-config");

        assertThat(BenchConfigLoader.benchFile("lab", configDir)).isEqualTo(configDir.resolve("lab.yaml"));
        assertThat(BenchConfigLoader.benchFile("/etc/hil/lab.yaml", configDir)).isEqualTo(Path.of("/etc/hil/lab.yaml"));
        assertThat(BenchConfigLoader.benchFile("benches/lab", configDir)).isEqualTo(Path.of("benches/lab"));
    }

    private BenchConfig load(String yaml) throws IOException {
        return load(write(yaml));
    }

    private static BenchConfig load(Path file) {
        return Benches.load(BenchConfigLoader.Properties.of(Map.of("hil.bench", file.toString())));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(directory.resolve("bench.yaml"), yaml);
    }
}
