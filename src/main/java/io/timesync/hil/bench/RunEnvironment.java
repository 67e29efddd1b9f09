package io.timesync.hil.bench;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.ParentDataSet;
import io.timesync.hil.report.AllureEnvironment;
import io.timesync.hil.report.EvidenceStore;
import io.timesync.hil.report.RunFacts;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sensor.api.OusterApiReading;
import io.timesync.hil.sensor.api.SensorApis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The report's Environment block: what bench, host, versions and parts this run measured, written into the
 * Allure results and the evidence, at the start, at the end, and when the run is interrupted.
 */
final class RunEnvironment {
    private final BenchConfig config;
    private final String simulated;
    private final Path ptp4lSocket;
    private final EvidenceStore evidence;
    private final String linuxptpVersion;
    private final String suiteVersion = RunFacts.suiteVersion();
    private final String gitCommit = RunFacts.gitCommit();

    /** @param simulated what is simulated ("no" on a real bench) */
    RunEnvironment(BenchConfig config, String simulated, Path ptp4lSocket, EvidenceStore evidence) {
        this.config = config;
        this.simulated = simulated;
        this.ptp4lSocket = ptp4lSocket;
        this.evidence = evidence;
        this.linuxptpVersion = simulated.startsWith("yes (ptp4l") ? "simulated ptp4l (in the suite)"
                : RunFacts.linuxptpVersion();
    }

    /**
     * @param ptp4l   the ptp4l client, when opened (asked for the grandmaster's identity); empty: not asked
     * @param cameras the camera rig, when opened (its inventory)
     * @param sensors the sensors' APIs, when asked (what each sensor said it is)
     */
    void record(Optional<PtpManagementClient> ptp4l, Optional<CameraRig> cameras, Optional<SensorApis> sensors) {
        Map<String, String> environment = entries(ptp4l, cameras, sensors);
        AllureEnvironment.resultsDirectory().ifPresent(directory -> AllureEnvironment.write(directory, environment));
        evidence.save(Path.of("environment.properties"), AllureEnvironment.bytes(environment));
    }

    private Map<String, String> entries(Optional<PtpManagementClient> ptp4l, Optional<CameraRig> cameras,
                                        Optional<SensorApis> apis) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("Bench", config.name());
        environment.put("Bench file", config.source());
        environment.put("Simulated", simulated);
        environment.put("Host", RunFacts.hostName());
        environment.put("Kernel", RunFacts.kernel());
        environment.put("linuxptp", linuxptpVersion);
        environment.put("ptp4l socket", ptp4lSocket.toString());
        environment.put("PTP domain", String.valueOf(config.ptp4l().domain()));
        environment.put("Interface", String.join(", ", config.interfaces()));
        environment.put("Grandmaster", ptp4l.map(RunEnvironment::grandmaster).orElse("not asked yet"));
        config.cameras().ifPresent(settings -> {
            environment.put("Camera backend", settings.backend().describe());
            Map<String, String> inventory = cameras.map(CameraRig::inventory).orElse(Map.of());
            settings.serials().forEach(serial -> environment.put("Camera " + serial,
                    inventory.getOrDefault(serial, "not opened yet")));
        });
        config.sensors().forEach(sensor -> environment.put("Sensor " + sensor.name(), sensor.address() + ", "
                + sensor.explicit().map(RunEnvironment::format).orElse(String.join(", ", sensor.autoKeys())
                + " auto") + "; " + (sensor.api() ? apis.map(asked -> said(asked, sensor.name()))
                .orElse("its API not asked yet") : "not asked over its API (api: false)")));
        environment.put("Suite version", suiteVersion);
        environment.put("Git commit", gitCommit);
        environment.put("Java", System.getProperty("java.version"));
        return environment;
    }

    private static String format(SensorSettings sensor) {
        return sensor.lidar().profile() + " " + sensor.lidar().beams() + " beams " + sensor.lidar().columnsPerFrame()
                + "x" + sensor.framesPerSecond() + ", IMU " + sensor.imu().profile() + ", ports " + sensor.lidarPort()
                + "/" + sensor.imuPort();
    }

    /** What the sensor's API said when the bench opened it, as read. */
    private static String said(SensorApis apis, String sensor) {
        SensorApis.Answer answer = apis.answer(sensor);
        return answer.reading().map(OusterApiReading::summary).orElseGet(() -> "its API did not answer: "
                + answer.failure().map(e -> e instanceof BenchPartException part ? part.problem() : e.getMessage())
                .orElseThrow());
    }

    private static String grandmaster(PtpManagementClient ptp4l) {
        try {
            return ptp4l.get(ParentDataSet.ID).grandmasterIdentity().toString();
        } catch (BenchPartException e) {
            return "unknown (" + e.problem() + ")";
        }
    }
}
