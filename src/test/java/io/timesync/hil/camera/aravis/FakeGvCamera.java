package io.timesync.hil.camera.aravis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * Aravis' own GigE Vision fake camera (arv-fake-gv-camera-0.8) as a subprocess on one loopback address, and
 * arv-tool-0.8 as an independent client of it. arv-tool is used only while no test holds the camera: the
 * fake ignores writes from a client that is not its controller.
 */
final class FakeGvCamera implements AutoCloseable {
    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Duration TOOL_BOUND = Duration.ofSeconds(30);
    private static final Duration STOP_BOUND = Duration.ofSeconds(10);
    private static final Pattern REGISTER = Pattern.compile("R\\[0x([0-9a-fA-F]+)\\] = 0x([0-9a-fA-F]+)");

    private final String address;
    private final String serial;
    private final Path workDir;
    private final Process process;
    private final Path log;

    private FakeGvCamera(String address, String serial, Path workDir, Process process, Path log) {
        this.address = address;
        this.serial = serial;
        this.workDir = workDir;
        this.process = process;
        this.log = log;
    }

    /** The fake as Aravis ships it. */
    static FakeGvCamera start(String address, String serial, Path workDir) {
        return start(address, serial, null, workDir);
    }

    /**
     * The fake serving its own GenICam description (taken from a plain fake, not from a copy kept here) with
     * {@code extraNodes} added, e.g. the timestamp features real cameras have and the shipped fake lacks.
     */
    static FakeGvCamera startWithNodes(String address, String serial, String extraNodes, Path workDir) {
        String description;
        try (FakeGvCamera plain = start(address, serial, workDir)) {
            description = plain.tool("genicam").replace("\0", "");
        }
        int end = description.lastIndexOf("</RegisterDescription>");
        if (end < 0) {
            throw new IllegalStateException("arv-tool-0.8 genicam printed no GenICam description:\n" + description);
        }
        Path genicam = workDir.resolve(serial + ".xml");
        try {
            Files.writeString(genicam, description.substring(0, end) + extraNodes + description.substring(end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(address, serial, genicam, workDir);
    }

    private static FakeGvCamera start(String address, String serial, Path genicam, Path workDir) {
        List<String> command = new ArrayList<>(List.of(AravisPeers.FAKE_CAMERA, "-i", address, "-s", serial));
        if (genicam != null) {
            command.addAll(List.of("-g", genicam.toString()));
        }
        Path log = workDir.resolve("fake-" + serial + "-" + System.nanoTime() + ".log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FakeGvCamera fake = new FakeGvCamera(address, serial, workDir, process, log);
        try {
            await("fake camera " + serial + " answering at " + address).atMost(START_BOUND)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("fake camera " + serial + " exited", () -> !process.isAlive())
                    .until(fake::answers);
        } catch (RuntimeException e) {
            fake.close();
            throw new IllegalStateException(e.getMessage() + "; its output:\n" + fake.output(), e);
        }
        return fake;
    }

    String address() {
        return address;
    }

    String serial() {
        return serial;
    }

    /** The id Aravis gives it: vendor-model-serial. */
    String deviceId() {
        return "Aravis-Fake-" + serial;
    }

    /** What arv-tool-0.8 prints for {@code control <arguments>}, e.g. "Width = 512". */
    String tool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(AravisPeers.TOOL, "-a", address));
        command.addAll(List.of(arguments));
        return ToolRun.run(command, TOOL_BOUND, workDir).requireSuccess(command).output();
    }

    /** A feature's value as arv-tool-0.8 reads it. */
    String feature(String name) {
        String output = tool("control", name);
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + " = (.*)$", Pattern.MULTILINE).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("arv-tool-0.8 control " + name + " printed:\n" + output);
        }
        // integers are printed with their bounds: "Width = 512 min:1 max:2048"
        return matcher.group(1).replaceFirst(" min:\\S* max:\\S*$", "").trim();
    }

    long readRegister(long registerAddress) {
        return register(tool("control", "R[0x" + Long.toHexString(registerAddress) + "]"), registerAddress);
    }

    /** Writes a 32-bit register and reads it back (a write the fake ignored would show). */
    void writeRegister(long registerAddress, long value) {
        tool("control", "R[0x" + Long.toHexString(registerAddress) + "]=0x" + Long.toHexString(value));
        long readBack = readRegister(registerAddress);
        if (readBack != value) {
            throw new IllegalStateException("register 0x" + Long.toHexString(registerAddress) + " of " + serial
                    + " reads 0x" + Long.toHexString(readBack) + " after writing 0x" + Long.toHexString(value));
        }
    }

    /** A 64-bit big-endian value over two registers, as GigE Vision stores its timestamps. */
    void writeRegister64(long registerAddress, long value) {
        writeRegister(registerAddress, value >>> 32);
        writeRegister(registerAddress + 4, value & 0xFFFF_FFFFL);
    }

    /** What Aravis' discovery lists for this fake, as arv-tool-0.8 prints it. */
    String listing() {
        return deviceId() + " (" + address + ")";
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        List<String> command = List.of(AravisPeers.TOOL, "-a", address, "control", "DeviceID");
        ToolRun run = ToolRun.run(command, TOOL_BOUND, workDir);
        return run.exitCode() == 0 && run.output().contains("DeviceID = " + serial);
    }

    private static long register(String output, long registerAddress) {
        Matcher matcher = REGISTER.matcher(output);
        while (matcher.find()) {
            if (Long.parseLong(matcher.group(1), 16) == registerAddress) {
                return Long.parseLong(matcher.group(2), 16);
            }
        }
        throw new IllegalStateException("arv-tool-0.8 printed no value for register 0x"
                + Long.toHexString(registerAddress) + ":\n" + output);
    }
}
