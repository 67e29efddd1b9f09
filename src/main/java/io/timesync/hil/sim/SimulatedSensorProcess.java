package io.timesync.hil.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timesync.hil.time.HostClock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A simulated Ouster sensor in a JVM of its own, on the real-time scheduler where the host allows it: the test
 * JVM's garbage collections and safepoints stall every thread in it for milliseconds on a loaded host, which a
 * sensor stamping its packets must not suffer. The child reads its sensor's settings from its standard input,
 * answers "ready" once it sends, and stops when its input closes (the parent closed it, or died) or when its
 * lifetime is over, so it never outlives the run.
 */
public final class SimulatedSensorProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long READY_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long STOP_TIMEOUT_MS = 5_000;

    /** What the child runs: one sensor, where it sends from and to, and how long it may live. */
    record Spec(SimulatedOusterSensor.Settings settings, String source, List<String> lidarTargets,
                List<String> imuTargets, long lifetimeNs) {
    }

    private final Process process;
    private final OutputStream input;
    private final boolean realTime;

    private SimulatedSensorProcess(Process process, OutputStream input, boolean realTime) {
        this.process = process;
        this.input = input;
        this.realTime = realTime;
    }

    /**
     * Starts the sensor and returns once it sends.
     *
     * @param lifetimeNs after this the child stops by itself, whatever the parent does
     */
    public static SimulatedSensorProcess start(SimulatedOusterSensor.Settings settings, InetSocketAddress source,
                                               List<InetSocketAddress> lidarTargets,
                                               List<InetSocketAddress> imuTargets, long lifetimeNs) {
        Spec spec = new Spec(settings, text(source), lidarTargets.stream().map(SimulatedSensorProcess::text).toList(),
                imuTargets.stream().map(SimulatedSensorProcess::text).toList(), lifetimeNs);
        Process process;
        try {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx96m", "-Xmn64m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-cp", System.getProperty("java.class.path"), SimulatedSensorProcess.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated sensor's process", e);
        }
        try {
            OutputStream input = process.getOutputStream();
            input.write((JSON.writeValueAsString(spec) + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
            String ready = awaitLine(process);
            if (!ready.startsWith("ready")) {
                throw new IllegalStateException("the simulated sensor's process answered '" + ready + "'");
            }
            return new SimulatedSensorProcess(process, input, ready.contains("real-time"));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e instanceof RuntimeException runtime ? runtime
                    : new UncheckedIOException("cannot start the simulated sensor's process", (IOException) e);
        }
    }

    /** Whether the child runs on the real-time scheduler (root or CAP_SYS_NICE). */
    public boolean realTime() {
        return realTime;
    }

    @Override
    public void close() {
        try {
            input.close(); // the child stops at the end of its input
        } catch (IOException e) {
            // it is stopped below either way
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child: one simulated sensor, real-time if allowed, until its input ends or its lifetime is over. */
    public static void main(String[] args) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Spec spec = JSON.readValue(in.readLine(), Spec.class);
        // warmed up (and compiled) first at normal priority; then the sender above the rest, all real-time
        try (SimulatedOusterSensor sensor = SimulatedOusterSensor.start(spec.settings(), address(spec.source()),
                spec.lidarTargets().stream().map(SimulatedSensorProcess::address).toList(),
                spec.imuTargets().stream().map(SimulatedSensorProcess::address).toList(), HostClock.SYSTEM, true)) {
            if (!sensor.awaitSending(READY_TIMEOUT_NS)) {
                System.out.println("not sending");
                return;
            }
            boolean realTime = RealTimePriority.tryForThisProcess(RealTimePriority.JVM);
            System.out.println("ready" + (realTime ? " real-time" : ""));
            System.out.flush();
            Thread reader = new Thread(() -> {
                try {
                    while (in.read() >= 0) {
                        // nothing else is sent: the end of input is the signal
                    }
                } catch (IOException e) {
                    // the parent is gone
                }
            }, "parent watch");
            reader.setDaemon(true);
            reader.start();
            reader.join(TimeUnit.NANOSECONDS.toMillis(spec.lifetimeNs()));
        }
    }

    private static String awaitLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return String.valueOf(out.readLine());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return line.get(READY_TIMEOUT_NS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulated sensor's process did not start within "
                    + TimeUnit.NANOSECONDS.toSeconds(READY_TIMEOUT_NS) + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the simulated sensor's process failed to start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the simulated sensor", e);
        }
    }

    private static String text(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
