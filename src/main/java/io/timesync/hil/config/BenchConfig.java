package io.timesync.hil.config;

import io.timesync.hil.sensor.CaptureSettings;
import io.timesync.hil.sensor.SensorSettings;

import java.util.List;
import java.util.Optional;

/**
 * One bench, as described by a file in {@code hil-config/} plus {@code -Dhil.<key>} overrides: the typed
 * settings the fixtures use, and every value as given ({@link #values()}) for the parts that read their own
 * keys (the simulated bench).
 *
 * @param source     the file it came from, as given
 * @param interfaces network interfaces the host's ptp4l serves the bench on
 * @param timeoutNs  bound on a whole requirement's measurement
 * @param sensors    Ouster sensors whose packet timestamps are judged (none: no sensors: section)
 * @param packetTiming how sensor packets are captured and judged
 * @param simulated  the file has a simulation: section: the suite starts simulated parts
 * @param ciRunner   the self-hosted runner label the nightly job runs this bench on; empty: not run nightly
 */
public record BenchConfig(
        String name,
        String source,
        List<String> interfaces,
        long timeoutNs,
        Ptp4lSettings ptp4l,
        Optional<CameraSettings> cameras,
        List<SensorSpec> sensors,
        CaptureSettings packetTiming,
        boolean simulated,
        Optional<String> ciRunner,
        ConfigValues values) {

    public BenchConfig {
        interfaces = List.copyOf(interfaces);
        sensors = List.copyOf(sensors);
    }

    /**
     * @param socket      empty: choose automatically (linuxptp 4's read-only socket, else /var/run/ptp4l; on a
     *                    simulated bench, the simulator's)
     * @param utcOffsetNs TAI - UTC used when ptp4l does not mark its currentUtcOffset valid
     */
    public record Ptp4lSettings(Optional<String> socket, int domain, long settleTimeoutNs, long replyTimeoutNs,
                                long watchIntervalNs, long utcOffsetNs) {
    }

    /**
     * The reference camera check's options, plus how cameras are reached and measured.
     *
     * @param backend         how the cameras are reached, with what only that backend needs
     * @param latchRounds     latch rounds per sample
     * @param callTimeoutNs   how long one camera call may take
     * @param hostThresholdNs bound on |camera time - host clock| when compared with the host
     */
    public record CameraSettings(List<String> serials, CameraBackendChoice backend,
                                 int samples, long intervalNs, int latchRounds, long callTimeoutNs, long thresholdNs,
                                 boolean compareToHostClock, long hostThresholdNs, long settleTimeoutNs,
                                 long ptpOffsetThresholdNs) {
        public CameraSettings {
            serials = List.copyOf(serials);
        }
    }
}
