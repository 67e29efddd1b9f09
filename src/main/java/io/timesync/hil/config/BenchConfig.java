package io.timesync.hil.config;

import io.timesync.hil.sim.Ptp4lRole;

import java.util.List;
import java.util.Optional;

/**
 * One bench, as described by a file in {@code hil-config/} plus {@code -Dhil.<key>} overrides.
 *
 * @param source     the file it came from, as given
 * @param interfaces network interfaces the host's ptp4l serves the bench on
 * @param timeoutNs  bound on a whole requirement's measurement
 * @param simulation present for the simulated bench: the suite starts simulated parts instead of using hardware
 */
public record BenchConfig(
        String name,
        String source,
        List<String> interfaces,
        long timeoutNs,
        Ptp4lSettings ptp4l,
        Optional<CameraSettings> cameras,
        Optional<SimulationSettings> simulation) {

    public BenchConfig {
        interfaces = List.copyOf(interfaces);
    }

    public boolean simulated() {
        return simulation.isPresent();
    }

    /** @param socket empty: choose automatically (linuxptp 4's read-only socket, else /var/run/ptp4l) */
    public record Ptp4lSettings(Optional<String> socket, int domain, long settleTimeoutNs, long replyTimeoutNs) {
    }

    /** The reference camera check's options. */
    public record CameraSettings(List<String> serials, int samples, long intervalNs, long thresholdNs,
                                 boolean compareToHostClock, long settleTimeoutNs) {
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
     */
    public record SimulationSettings(Ptp4lRole ptp4lRole, int ptp4lDomain, List<String> ptp4lInterfaces,
                                     long masterAfterNs) {
        public SimulationSettings {
            ptp4lInterfaces = List.copyOf(ptp4lInterfaces);
        }
    }
}
