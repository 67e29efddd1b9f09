package io.timesync.hil.sim;

import io.timesync.hil.config.Key;
import io.timesync.hil.config.ValueType;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.timesync.hil.config.ValueType.duration;

/** The keys of a simulated bench's simulation: section; the bench composition adds them to the catalogue. */
public final class SimulationKeys {
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    /** More fault entries than parts on a bench is a typo, or a hostile file. */
    private static final int MAX_FAULTS = 256;

    private SimulationKeys() {
    }

    public static final Key<Ptp4lRole> PTP4L_ROLE = Key.of("simulation.ptp4l.role", ValueType.choice(Ptp4lRole.class),
            Ptp4lRole.GRANDMASTER, "simulated ptp4l: `grandmaster`, `slave`, `listening`, `absent`, `garbage` or "
                    + "`silent`");
    public static final Key<Integer> PTP4L_DOMAIN = Key.optional("simulation.ptp4l.domain", ValueType.integer(0, 255),
            "ptp4l.domain", "the simulated ptp4l's own domain (set it apart from ptp4l.domain to simulate a mismatch)");
    public static final Key<List<String>> PTP4L_INTERFACE = Key.optional("simulation.ptp4l.interface",
            ValueType.list(ValueType.anyText(), 1, 16, "the simulated ptp4l's port interface(s)"), "interface",
            "the simulated ptp4l's port interface(s) (name another to simulate ptp4l on the wrong interface)");
    public static final Key<Long> PTP4L_MASTER_AFTER = Key.of("simulation.ptp4l.masterAfter",
            duration(0, 60 * SECOND_NS, false), 300_000_000L, "how long the simulated grandmaster stays LISTENING");
    public static final Key<RoleChange> PTP4L_ROLE_AFTER = Key.optional("simulation.ptp4l.roleAfter",
            RoleChange::parse, "none: it keeps its role", "the simulated ptp4l takes another role this long after the "
                    + "bench opened: `<duration>:<role>`, e.g. `2s:slave` (a grandmaster lost mid-run)");
    public static final Key<Long> CAMERA_LATCH_LATENCY = Key.of("simulation.cameras.latchLatency",
            duration(1_000, SECOND_NS, false), 800_000L, "median duration of a simulated camera's latch call");
    public static final Key<LatchPosition> CAMERA_LATCH_POSITION = Key.of("simulation.cameras.latchPosition",
            ValueType.choice(LatchPosition.class), LatchPosition.MIDPOINT, "where in its call a simulated camera "
                    + "latches: `midpoint`, `start`, `end`, `uniform` or `asymmetric`");
    public static final Key<List<String>> CAMERA_FAULTS = Key.of("simulation.cameras.faults",
            ValueType.list(ValueType.anyText(), 0, MAX_FAULTS, "'<serial> <fault>' entries"), List.of(),
            "simulated camera faults, `<serial> <fault>` each (see Try a faulty simulated bench)");
    public static final Key<List<String>> SENSOR_FAULTS = Key.of("simulation.sensors.faults",
            ValueType.list(ValueType.anyText(), 0, MAX_FAULTS, "'<sensor> <fault>' entries"), List.of(),
            "simulated sensor faults, `<sensor> <fault>` each (see Try a faulty simulated bench)");

    public static final List<Key<?>> ALL = List.of(PTP4L_ROLE, PTP4L_ROLE_AFTER, PTP4L_DOMAIN, PTP4L_INTERFACE, PTP4L_MASTER_AFTER,
            CAMERA_LATCH_LATENCY, CAMERA_LATCH_POSITION, CAMERA_FAULTS, SENSOR_FAULTS);
}
