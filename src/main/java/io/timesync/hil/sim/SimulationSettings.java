package io.timesync.hil.sim;

import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchKeys;
import io.timesync.hil.config.ConfigValues;
import io.timesync.hil.config.Key;
import io.timesync.hil.sensor.SensorSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the simulated bench's parts do, read from its simulation: section.
 *
 * @param ptp4lRole       what the simulated ptp4l does (a healthy grandmaster, or a fault)
 * @param ptp4lRoleChange the role it takes later in the run, if any
 * @param ptp4lDomain     the simulated ptp4l's own domain; differs from ptp4l.domain to simulate a mismatch
 * @param ptp4lInterfaces the simulated ptp4l's ports; differ from the bench's to simulate a ptp4l started on the
 *                        wrong interface
 * @param masterAfterNs   how long the simulated grandmaster's ports stay LISTENING before MASTER
 * @param cameraLatchLatencyNs median duration of a simulated camera's latch call
 * @param cameraFaults    faults of simulated cameras, by serial
 * @param sensorFaults    faults of simulated sensors, by sensor name
 */
public record SimulationSettings(Ptp4lRole ptp4lRole, Optional<RoleChange> ptp4lRoleChange, int ptp4lDomain, List<String> ptp4lInterfaces,
                                 long masterAfterNs, long cameraLatchLatencyNs, LatchPosition latchPosition,
                                 Map<String, List<CameraFault>> cameraFaults,
                                 Map<String, List<SensorFault>> sensorFaults) {
    public SimulationSettings {
        ptp4lInterfaces = List.copyOf(ptp4lInterfaces);
        cameraFaults = Map.copyOf(cameraFaults);
        sensorFaults = Map.copyOf(sensorFaults);
    }

    /** @throws io.timesync.hil.config.BenchConfigException naming where a simulation value is wrong */
    public static SimulationSettings from(BenchConfig config) {
        ConfigValues values = config.values();
        List<String> serials = config.cameras().map(BenchConfig.CameraSettings::serials).orElse(List.of());
        List<String> sensors = config.sensors().stream().map(SensorSettings::name).toList();
        Ptp4lRole role = values.get(SimulationKeys.PTP4L_ROLE);
        Optional<RoleChange> change = values.given(SimulationKeys.PTP4L_ROLE_AFTER);
        if (change.isPresent() && role == Ptp4lRole.ABSENT) {
            throw values.error(SimulationKeys.PTP4L_ROLE_AFTER.name(), "a simulated ptp4l that is absent from the "
                    + "start cannot change its role (simulation.ptp4l.role is absent)");
        }
        return new SimulationSettings(role, change,
                values.given(SimulationKeys.PTP4L_DOMAIN).orElse(config.ptp4l().domain()),
                values.given(SimulationKeys.PTP4L_INTERFACE).orElse(config.interfaces()),
                values.get(SimulationKeys.PTP4L_MASTER_AFTER), values.get(SimulationKeys.CAMERA_LATCH_LATENCY),
                values.get(SimulationKeys.CAMERA_LATCH_POSITION),
                faults(values, SimulationKeys.CAMERA_FAULTS, BenchKeys.CAMERA_SERIALS.name(), serials, CameraFault::parse),
                faults(values, SimulationKeys.SENSOR_FAULTS, "sensors", sensors, SensorFault::parse));
    }

    /** Each entry '<part> <fault>', for a configured part (camera serial, sensor name). */
    private static <F> Map<String, List<F>> faults(ConfigValues values, Key<List<String>> key, String partsKey,
                                                   List<String> parts, Function<String, F> parse) {
        Map<String, List<F>> faults = new LinkedHashMap<>();
        for (String entry : values.get(key)) {
            String[] words = entry.strip().split("\\s+", 2);
            if (words.length != 2) {
                throw values.error(key.name(), "entry '" + entry + "' should be '<name> <fault>', e.g. '"
                        + (parts.isEmpty() ? "name" : parts.get(0)) + " "
                        + (key == SimulationKeys.CAMERA_FAULTS ? "offset=+150ms" : "late=20ms") + "'");
            }
            if (!parts.contains(words[0])) {
                throw values.error(key.name(), "entry '" + entry + "' names " + words[0] + ", which is not in "
                        + partsKey + " " + parts);
            }
            try {
                faults.computeIfAbsent(words[0], part -> new ArrayList<>()).add(parse.apply(words[1]));
            } catch (IllegalArgumentException e) {
                throw values.error(key.name(), e.getMessage());
            }
        }
        return faults;
    }
}
