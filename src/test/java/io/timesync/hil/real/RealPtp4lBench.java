package io.timesync.hil.real;

import io.timesync.hil.ptp.protocol.ClockIdentity;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real two-clock bench of {@code .ci/real-ptp4l-bench.sh}: a linuxptp ptp4l grandmaster and a ptp4l slave
 * in two network namespaces, found through {@value #DIRECTORY_VARIABLE} and the {@code bench.env} the script
 * writes once both clocks have settled.
 */
public record RealPtp4lBench(Path directory, int domain, Clock grandmaster, Clock slave) {
    public static final String DIRECTORY_VARIABLE = "HIL_REAL_PTP4L_DIR";
    static final String SKIP_REASON = "no real ptp4l bench (needs root and linuxptp): run `sudo "
            + ".ci/real-ptp4l-bench.sh start /tmp/b` and export " + DIRECTORY_VARIABLE + "=/tmp/b";

    private static final long PMC_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long KILL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);

    public enum Role { GRANDMASTER, SLAVE }

    /** One ptp4l of the bench. */
    public record Clock(Role role, Path socket, String interfaceName, ClockIdentity clockIdentity) {
        @Override
        public String toString() {
            return role.name().toLowerCase() + " ptp4l " + clockIdentity + " on " + interfaceName;
        }
    }

    /** One finished pmc run; {@code elapsedNs} spans process start to exit. */
    public record PmcRun(List<String> command, int exitCode, String output, long elapsedNs) {
    }

    public Clock clock(Role role) {
        return role == Role.GRANDMASTER ? grandmaster : slave;
    }

    /**
     * The bench, or: on CI (where {@code .ci/run} must have started it) a failure, elsewhere a skip whose
     * reason also goes to stdout, since Maven's summary does not show why a test was skipped. Call it
     * from the test method or instance, not from {@code @BeforeAll}: Allure 2.35's listener throws a
     * NullPointerException on an aborted class-level fixture.
     */
    public static RealPtp4lBench require() {
        String directory = System.getenv(DIRECTORY_VARIABLE);
        if (directory == null || directory.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(DIRECTORY_VARIABLE + " is not set although CI=true: .ci/run must start the real ptp4l bench "
                        + "(.ci/real-ptp4l-bench.sh start DIR) and export " + DIRECTORY_VARIABLE + "=DIR");
            }
            System.out.println("skipped: " + SKIP_REASON);
            Assumptions.abort(SKIP_REASON);
        }
        return load(Path.of(directory));
    }

    static RealPtp4lBench load(Path directory) {
        Path envFile = directory.resolve("bench.env");
        if (!Files.isRegularFile(envFile)) {
            fail(DIRECTORY_VARIABLE + "=" + directory + " but " + envFile + " does not exist: is the bench started "
                    + "(`sudo .ci/real-ptp4l-bench.sh start " + directory + "`, it writes bench.env once both clocks "
                    + "are settled)?");
        }
        Map<String, String> values = readEnv(envFile);
        RealPtp4lBench bench = new RealPtp4lBench(directory, Integer.parseInt(required(values, "DOMAIN", envFile)),
                clock(Role.GRANDMASTER, values, "GM", envFile), clock(Role.SLAVE, values, "SLAVE", envFile));
        for (Clock clock : List.of(bench.grandmaster, bench.slave)) {
            if (!Files.exists(clock.socket())) {
                fail("the " + clock + " has no management socket " + clock.socket() + ": the bench in " + directory
                        + " was stopped or its ptp4l died (see " + directory + "/*.log)");
            }
        }
        return bench;
    }

    /** {@code pmc -u -b 0 -d <domain> -s <socket> -i <clientSocket> <command>}, bounded by a timeout. */
    public PmcRun pmc(Clock clock, Path clientSocket, String command) {
        List<String> commandLine = List.of("pmc", "-u", "-b", "0", "-d", String.valueOf(domain),
                "-s", clock.socket().toString(), "-i", clientSocket.toString(), command);
        long startNs = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(commandLine).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run pmc (apt-get install -y linuxptp): " + commandLine, e);
        }
        try {
            if (!process.waitFor(PMC_TIMEOUT_NS, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILL_TIMEOUT_NS, TimeUnit.NANOSECONDS);
                fail("pmc did not exit within " + TimeUnit.NANOSECONDS.toSeconds(PMC_TIMEOUT_NS) + " s: "
                        + commandLine);
            }
            long elapsedNs = System.nanoTime() - startNs;
            // pmc has exited and its few hundred bytes fit the pipe buffer: this read cannot block
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new PmcRun(commandLine, process.exitValue(), output, elapsedNs);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pmc", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pmc's output: " + commandLine, e);
        }
    }

    private static Clock clock(Role role, Map<String, String> values, String prefix, Path envFile) {
        return new Clock(role, Path.of(required(values, prefix + "_SOCKET", envFile)),
                required(values, prefix + "_INTERFACE", envFile),
                ClockIdentity.parse(required(values, prefix + "_CLOCK_ID", envFile)));
    }

    private static Map<String, String> readEnv(Path envFile) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                    values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + envFile, e);
        }
        return values;
    }

    private static String required(Map<String, String> values, String key, Path envFile) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            fail(envFile + " has no " + key + "; it has " + values.keySet()
                    + " (written by an older .ci/real-ptp4l-bench.sh? restart the bench)");
        }
        return value;
    }
}
