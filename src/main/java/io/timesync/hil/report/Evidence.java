package io.timesync.hil.report;

import io.qameta.allure.Allure;
import io.qameta.allure.model.Status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a requirement test shows QA: lines in the console and as report steps, parameters, attachments.
 * Each is also saved in the run's evidence store at once, so it survives a red test or an interrupted run;
 * tests record their evidence before the assertion that judges it.
 */
public final class Evidence {
    private final PrintStream console;
    private final EvidenceStore store;

    public Evidence(PrintStream console, EvidenceStore store) {
        this.console = console;
        this.store = store;
    }

    /** A line in the console and a step in the report. */
    public void line(String text) {
        step(text, Status.PASSED);
    }

    /** A line in the console and a step in the report with its own status (a sample out of tolerance: failed). */
    public void step(String text, Status status) {
        console.println(text);
        store.append(store.currentTest().resolve("steps.txt"), (status == Status.PASSED ? "" : status + ": ") + text);
        Allure.step(text, status);
    }

    public void parameter(String name, Object value) {
        store.append(store.currentTest().resolve("parameters.txt"), name + " = " + value);
        Allure.parameter(name, value);
    }

    public void attachJson(String name, Object value) {
        attach(name, "application/json", Json.write(value).getBytes(StandardCharsets.UTF_8), ".json");
    }

    public void attachCsv(String name, String csv) {
        attach(name, "text/csv", csv.getBytes(StandardCharsets.UTF_8), ".csv");
    }

    public void attachText(String name, String text) {
        attach(name, "text/plain", text.getBytes(StandardCharsets.UTF_8), ".txt");
    }

    public void attachPng(String name, byte[] png) {
        attach(name, "image/png", png, ".png");
    }

    /**
     * A text file the run already wrote into the evidence (a packet log), attached to the report only: the
     * evidence keeps the one copy, not one more per check.
     */
    public void attachEvidenceText(String name, Path file) {
        attachFile(name, "text/plain", file);
    }

    /**
     * A text file of the whole run the evidence already holds (the camera measurement's log and CSVs): attached to
     * the first check that shows it, named in the evidence of every later one, so the report holds it once.
     */
    public void attachRunEvidence(String name, String type, Path file) {
        if (store.firstShowing(file)) {
            attachFile(name, type, file);
        } else {
            store.append(store.currentTest().resolve("attachments in the evidence.txt"), name + ": " + file
                    + " (attached to an earlier check)");
        }
    }

    private void attachFile(String name, String type, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Allure.addAttachment(name, type, in, extensionOf(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evidence file " + file, e);
        }
        store.append(store.currentTest().resolve("attachments in the evidence.txt"), name + ": " + file);
    }

    private static String extensionOf(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
    }

    private void attach(String name, String type, byte[] content, String extension) {
        store.save(store.currentTest().resolve(Path.of(EvidenceStore.fileName(name) + extension)), content);
        Allure.addAttachment(name, type, new ByteArrayInputStream(content), extension);
    }
}
