package io.timesync.hil.config;

import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sim.CameraFault;
import io.timesync.hil.sim.Ptp4lRole;
import io.timesync.hil.sim.SensorFault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One bench, as described by a file in {@code hil-config/} plus {@code -Dhil.<key>} overrides.
 *
 * @param source     the file it came from, as given
 * @param interfaces network interfaces the host's ptp4l serves the bench on
 * @param timeoutNs  bound on a whole requirement's measurement
 * @param sensors    Ouster sensors whose packet timestamps are judged (none: no sensors: section)
 * @param packetTiming how sensor packets are captured and judged
 * @param simulation present for the simulated bench: the suite starts simulated parts instead of using hardware
 * @param ciRunner   the self-hosted runner label the nightly job runs this bench on; empty: not run nightly
 */
public record BenchConfig(
        String name,
        String source,
        List<String> interfaces,
        long timeoutNs,
        Ptp4lSettings ptp4l,
        Optional<CameraSettings> cameras,
        List<SensorSettings> sensors,
        CaptureSettings packetTiming,
        Optional<SimulationSettings> simulation,
        Optional<String> ciRunner) {

    public BenchConfig {
        interfaces = List.copyOf(interfaces);
        sensors = List.copyOf(sensors);
    }

    public boolean simulated() {
        return simulation.isPresent();
    }

    /**
     * @param socket      empty: choose automatically (linuxptp 4's read-only socket, else /var/run/ptp4l)
     * @param utcOffsetNs TAI - UTC used when ptp4l does not mark its currentUtcOffset valid
     */
    public record Ptp4lSettings(Optional<String> socket, int domain, long settleTimeoutNs, long replyTimeoutNs,
                                long utcOffsetNs) {
    }

    /** How cameras are reached. */
    public enum CameraBackendKind { IC4, SIMULATED }

    /**
     * The reference camera check's options, plus how cameras are reached.
     *
     * @param ic4Library      empty: the system's libic4core.so
     * @param hostThresholdNs bound on |camera time - host clock| when compared with the host
     */
    public record CameraSettings(List<String> serials, CameraBackendKind backend, Optional<String> ic4Library,
                                 int samples, long intervalNs, long thresholdNs, boolean compareToHostClock,
                                 long hostThresholdNs, long settleTimeoutNs) {
        public CameraSettings {
            serials = List.copyOf(serials);
        }
    }

    /**
     * @param ptp4lRole      what the simulated ptp4l does (a healthy grandmaster, or a fault)
     * @param ptp4lDomain     the simulated ptp4l's own domain; differs from ptp4l.domain to simulate a mismatch
     * @param ptp4lInterfaces the simulated ptp4l's ports; differ from the bench's to simulate a ptp4l started
     *                        on the wrong interface
     * @param masterAfterNs   how long the simulated grandmaster's ports stay LISTENING before MASTER
     * @param cameraLatchLatencyNs median duration of a simulated camera's latch call
     * @param cameraFaults    faults of simulated cameras, by serial
     * @param sensorFaults    faults of simulated sensors, by sensor name
     */
    public record SimulationSettings(Ptp4lRole ptp4lRole, int ptp4lDomain, List<String> ptp4lInterfaces,
                                     long masterAfterNs, long cameraLatchLatencyNs,
                                     Map<String, List<CameraFault>> cameraFaults,
                                     Map<String, List<SensorFault>> sensorFaults) {
        public SimulationSettings {
            ptp4lInterfaces = List.copyOf(ptp4lInterfaces);
            cameraFaults = Map.copyOf(cameraFaults);
            sensorFaults = Map.copyOf(sensorFaults);
        }
    }
}
