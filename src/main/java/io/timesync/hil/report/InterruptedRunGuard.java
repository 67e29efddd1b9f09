package io.timesync.hil.report;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reports a run stopped by Ctrl-C or a cancelled CI job (SIGINT, SIGTERM): from the JVM's shutdown hook it
 * marks the test that was running broken ("Run interrupted: ...") in the Allure results, so the partial
 * report shows what was done and where it stopped, records the run's status next to the evidence, and calls
 * {@code onInterrupt} (which refreshes the Environment block). The evidence itself is already on disk: it
 * is written as it is measured. The hook touches no bench part: the test thread may still hold one.
 */
public final class InterruptedRunGuard implements AutoCloseable {
    private final EvidenceStore evidence;
    private final Runnable onInterrupt;
    private final Supplier<String> soFar;
    private final String afterwards;
    private final Thread hook;
    private volatile RunningTest running;

    private record RunningTest(String name, Optional<String> allureUuid, Path evidenceFolder) {
    }

    /**
     * @param soFar      what the run's watches saw until the interruption, from memory (no bench part is asked)
     * @param afterwards what the user can do with the run afterwards, printed when it is interrupted
     */
    public InterruptedRunGuard(EvidenceStore evidence, Runnable onInterrupt, Supplier<String> soFar,
                               String afterwards) {
        this.evidence = evidence;
        this.onInterrupt = onInterrupt;
        this.soFar = soFar;
        this.afterwards = afterwards;
        status("running since " + Instant.now());
        hook = new Thread(this::interrupted, "timesync-hil interrupted run");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called on the test's thread once Allure has started its result. */
    public void testStarted(String name) {
        running = new RunningTest(name, Allure.getLifecycle().getCurrentTestCase(), evidence.currentTest());
    }

    public void testFinished() {
        running = null;
    }

    private void interrupted() {
        RunningTest test = running;
        String where = test == null ? "between tests" : "during " + test.name();
        String seen = soFar.get();
        status("interrupted at " + Instant.now() + " " + where + (seen.isEmpty() ? "" : "\n" + seen));
        if (test != null) {
            String message = "Run interrupted: the run was stopped (Ctrl-C or a cancelled job) while this test was "
                    + "running, so it was not judged. What it measured until then is in "
                    + evidence.root().resolve(test.evidenceFolder()) + " and " + evidence.root()
                    + (seen.isEmpty() ? "" : ". " + seen);
            test.allureUuid().ifPresent(uuid -> {
                AllureLifecycle allure = Allure.getLifecycle();
                allure.updateTestCase(uuid, result -> result.setStatus(Status.BROKEN)
                        .setStatusDetails(new StatusDetails().setMessage(message)));
                allure.stopTestCase(uuid);
                allure.writeTestCase(uuid);
            });
        }
        onInterrupt.run();
        evidence.writeManifest();
        System.err.println("\n*** Run interrupted " + where + ". Evidence so far: " + evidence.root()
                + (afterwards.isEmpty() ? "" : "; " + afterwards) + "\n");
    }

    /** The run ended normally: the hook is not needed any more. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook reports this run
        }
        status("completed at " + Instant.now());
        evidence.writeManifest();
    }

    private void status(String text) {
        evidence.save(EvidenceStore.RUN_STATUS, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
