package io.timesync.hil.sim;

import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchKeys;
import io.timesync.hil.config.ConfigValues;
import io.timesync.hil.config.Key;
import io.timesync.hil.config.SensorSpec;

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
 * @param sensorFaults    faults of simulated sensors' packets, by sensor name
 * @param sensorApiFaults faults of simulated sensors' HTTP API, by sensor name
 */
public record SimulationSettings(Ptp4lRole ptp4lRole, Optional<RoleChange> ptp4lRoleChange, int ptp4lDomain, List<String> ptp4lInterfaces,
                                 long masterAfterNs, long cameraLatchLatencyNs, LatchPosition latchPosition,
                                 Map<String, List<CameraFault>> cameraFaults,
                                 Map<String, List<SensorFault>> sensorFaults,
                                 Map<String, List<SensorApiFault>> sensorApiFaults) {
    public SimulationSettings {
        ptp4lInterfaces = List.copyOf(ptp4lInterfaces);
        cameraFaults = Map.copyOf(cameraFaults);
        sensorFaults = Map.copyOf(sensorFaults);
        sensorApiFaults = Map.copyOf(sensorApiFaults);
    }

    /** A fault of a simulated sensor: of its packets or of its HTTP API. */
    private record AnySensorFault(Optional<SensorFault> packets, Optional<SensorApiFault> api) {
        static AnySensorFault parse(String text) {
            try {
                return new AnySensorFault(Optional.of(SensorFault.parse(text)), Optional.empty());
            } catch (IllegalArgumentException notPackets) {
                try {
                    return new AnySensorFault(Optional.empty(), Optional.of(SensorApiFault.parse(text)));
                } catch (IllegalArgumentException notApi) {
                    throw new IllegalArgumentException(notPackets.getMessage() + "; or of its API: "
                            + SensorApiFault.SYNTAX);
                }
            }
        }
    }

    /** @throws io.timesync.hil.config.BenchConfigException naming where a simulation value is wrong */
    public static SimulationSettings from(BenchConfig config) {
        ConfigValues values = config.values();
        List<String> serials = config.cameras().map(BenchConfig.CameraSettings::serials).orElse(List.of());
        List<String> sensors = config.sensors().stream().map(SensorSpec::name).toList();
        Ptp4lRole role = values.get(SimulationKeys.PTP4L_ROLE);
        Optional<RoleChange> change = values.given(SimulationKeys.PTP4L_ROLE_AFTER);
        if (change.isPresent() && role == Ptp4lRole.ABSENT) {
            throw values.error(SimulationKeys.PTP4L_ROLE_AFTER.name(), "a simulated ptp4l that is absent from the "
                    + "start cannot change its role (simulation.ptp4l.role is absent)");
        }
        Map<String, List<AnySensorFault>> sensorFaults = faults(values, SimulationKeys.SENSOR_FAULTS, "sensors",
                sensors, AnySensorFault::parse);
        return new SimulationSettings(role, change,
                values.given(SimulationKeys.PTP4L_DOMAIN).orElse(config.ptp4l().domain()),
                values.given(SimulationKeys.PTP4L_INTERFACE).orElse(config.interfaces()),
                values.get(SimulationKeys.PTP4L_MASTER_AFTER), values.get(SimulationKeys.CAMERA_LATCH_LATENCY),
                values.get(SimulationKeys.CAMERA_LATCH_POSITION),
                faults(values, SimulationKeys.CAMERA_FAULTS, BenchKeys.CAMERA_SERIALS.name(), serials, CameraFault::parse),
                only(sensorFaults, AnySensorFault::packets), only(sensorFaults, AnySensorFault::api));
    }

    private static <F> Map<String, List<F>> only(Map<String, List<AnySensorFault>> faults,
                                                 Function<AnySensorFault, Optional<F>> kind) {
        Map<String, List<F>> only = new LinkedHashMap<>();
        faults.forEach((sensor, list) -> only.put(sensor, list.stream().flatMap(fault -> kind.apply(fault).stream())
                .toList()));
        return only;
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
