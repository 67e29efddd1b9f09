package io.timesync.hil.bench;

import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.config.BenchKeys;
import io.timesync.hil.config.KeyCatalogue;
import io.timesync.hil.sim.SimulationKeys;
import io.timesync.hil.sim.SimulationSettings;

import java.nio.file.Path;

/** Loads benches with every key any bench part reads: the one place that knows them all. */
public final class Benches {
    /** Every key a bench file may hold: the bench's own and its simulation's. */
    public static final KeyCatalogue KEYS = KeyCatalogue.of(BenchKeys.ALL, SimulationKeys.ALL);

    private Benches() {
    }

    /** The selected bench (-Dhil.bench, default sim) with its overrides, every value checked. */
    public static BenchConfig load(BenchConfigLoader.Properties properties) {
        return validated(BenchConfigLoader.load(properties, KEYS));
    }

    public static BenchConfig load(Path file, BenchConfigLoader.Properties properties) {
        return validated(BenchConfigLoader.load(file, properties, KEYS));
    }

    /** A simulated bench's simulation settings are read now, so a bad fault entry stops the run before it starts. */
    private static BenchConfig validated(BenchConfig config) {
        if (config.simulated()) {
            SimulationSettings.from(config);
        }
        return config;
    }
}
