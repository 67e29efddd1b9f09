package io.timesync.hil;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the suite, as the README's Development section draws it: bench parts at the bottom (each on its
 * own), the checks that judge what they measured, the simulated parts, the report, the bench (the one place that
 * knows every part), and the JUnit glue and the quick check on top. A new dependency against the drawing fails here.
 */
class ArchitectureTest {
    private static final JavaClasses SUITE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.timesync.hil");

    @Test
    void thePackagesDependOnlyOnTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Basics").definedBy("io.timesync.hil")
                .layer("Time").definedBy("io.timesync.hil.time..")
                .layer("PTP").definedBy("io.timesync.hil.ptp..")
                .layer("Cameras").definedBy("io.timesync.hil.camera..")
                .layer("Sensors").definedBy("io.timesync.hil.sensor")
                .layer("Sensor API").definedBy("io.timesync.hil.sensor.api..")
                .layer("Config").definedBy("io.timesync.hil.config..")
                .layer("Checks").definedBy("io.timesync.hil.checks..")
                .layer("Simulation").definedBy("io.timesync.hil.sim..")
                .layer("Report").definedBy("io.timesync.hil.report..")
                .layer("Bench").definedBy("io.timesync.hil.bench..")
                .layer("JUnit").definedBy("io.timesync.hil.junit..")
                .layer("CLI").definedBy("io.timesync.hil.cli..")
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("JUnit").mayNotBeAccessedByAnyLayer()
                .whereLayer("Bench").mayOnlyBeAccessedByLayers("JUnit", "CLI")
                .whereLayer("Report").mayOnlyBeAccessedByLayers("Bench", "JUnit", "CLI")
                .whereLayer("Simulation").mayOnlyBeAccessedByLayers("Bench")
                .whereLayer("Checks").mayOnlyBeAccessedByLayers("Report", "Bench", "JUnit", "CLI")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Simulation", "Bench", "JUnit", "CLI")
                .whereLayer("Cameras").mayOnlyBeAccessedByLayers("Checks", "Simulation", "Report", "Bench", "JUnit",
                        "CLI")
                .whereLayer("Sensors").mayOnlyBeAccessedByLayers("Sensor API", "Config", "Checks", "Simulation", "Report",
                        "Bench", "JUnit", "CLI")
                // the sensor's own view (its HTTP API) speaks of its PTP state in PTP's terms
                .whereLayer("Sensor API").mayOnlyBeAccessedByLayers("Checks", "Simulation", "Report", "Bench", "JUnit",
                        "CLI")
                .whereLayer("PTP").mayOnlyBeAccessedByLayers("Sensor API", "Checks", "Simulation", "Report", "Bench",
                        "JUnit", "CLI")
                .whereLayer("Time").mayOnlyBeAccessedByLayers("PTP", "Cameras", "Sensors", "Sensor API", "Config", "Checks",
                        "Simulation", "Report", "Bench", "JUnit", "CLI")
                .check(SUITE);
    }

    /** The checks are pure functions of what was measured: no JUnit, no Allure, no bench part's I/O. */
    @Test
    void theChecksJudgeWithoutTestFrameworkOrReport() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("io.timesync.hil.checks..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "io.qameta..", "org.opentest4j..",
                        "java.net..", "java.nio.channels..", "com.sun.jna..")
                .check(SUITE);
    }

    @Test
    void thereAreNoCyclesBetweenPackages() {
        slices().matching("io.timesync.hil.(*)..").should().beFreeOfCycles().check(SUITE);
    }
}
