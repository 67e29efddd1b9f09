package io.timesync.hil.report;

import io.qameta.allure.Allure;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a requirement test shows QA: lines in the console and as report steps, parameters, attachments.
 * Everything is recorded before the assertion that judges it, so a red test still carries its evidence.
 */
public final class Evidence {
    private final PrintStream console;

    public Evidence(PrintStream console) {
        this.console = console;
    }

    /** A line in the console and a step in the report. */
    public void line(String text) {
        console.println(text);
        Allure.step(text);
    }

    public void parameter(String name, Object value) {
        Allure.parameter(name, value);
    }

    public void attachJson(String name, Object value) {
        attach(name, "application/json", Json.write(value), ".json");
    }

    public void attachCsv(String name, String csv) {
        attach(name, "text/csv", csv, ".csv");
    }

    public void attachText(String name, String text) {
        attach(name, "text/plain", text, ".txt");
    }

    public void attachPng(String name, byte[] png) {
        Allure.addAttachment(name, "image/png", new ByteArrayInputStream(png), ".png");
    }

    private static void attach(String name, String type, String content, String extension) {
        Allure.addAttachment(name, type, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                extension);
    }
}
