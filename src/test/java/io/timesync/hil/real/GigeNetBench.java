package io.timesync.hil.real;

import io.timesync.hil.camera.aravis.AravisCameraBackend;
import io.timesync.hil.selftest.RequirementRun;
import io.timesync.hil.sim.gige.LatchTruth;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * The networked GigE bench of {@code .ci/gige-net-bench.sh}: simulated GigE Vision cameras, each in a network
 * namespace of its own behind a delaying relay, bridged to a host namespace where Aravis (and the suite) run.
 * Started in a directory of the test's and removed on close, also when a start fails half-way. Needs root (network
 * namespaces) and Aravis (libaravis-0.8-0; aravis-tools-cli for the script's check that each camera answers).
 */
public final class GigeNetBench implements AutoCloseable {
    /** The bench's subnet (the script's SUBNET): the host namespace has no other IPv4 interface. */
    static final String SUBNET_PREFIX = "10.77.0.";
    static final Path BENCH_FILE = Path.of("hil-config", "gige-net.yaml").toAbsolutePath();
    private static final Path SCRIPT = Path.of(".ci", "gige-net-bench.sh").toAbsolutePath();
    private static final Duration SCRIPT_BOUND = Duration.ofSeconds(150);
    private static final Pattern LATCH = Pattern.compile(
            "^latch kind=(\\w+) host_ns=(-?\\d+) device_ns=(-?\\d+) value=(-?\\d+) seq=(\\d+)$");
    private static final String INSTALL = "apt-get install aravis-tools-cli libaravis-0.8-0 iproute2";

    private final Path directory;
    private final String hostNetns;
    private final Map<String, String> addresses;

    private GigeNetBench(Path directory, String hostNetns, Map<String, String> addresses) {
        this.directory = directory;
        this.hostNetns = hostNetns;
        this.addresses = addresses;
    }

    /**
     * Aborts with the reason (printed too: Maven's summary does not show it) unless root, ip and Aravis are here;
     * with CI=true it fails instead, since ./project-tests installs every peer. Call it from a test method, not
     * {@code @BeforeAll}: Allure's listener throws on an aborted class-level fixture.
     */
    public static void requirePeers() {
        require(isRoot(), "the networked GigE bench needs root (network namespaces): run sudo ./project-tests");
        require(onPath("ip"), "no ip on the PATH (" + INSTALL + ")");
        require(onPath("arv-tool-0.8"), "no arv-tool-0.8 on the PATH (" + INSTALL + ")");
        boolean loadable;
        try {
            AravisCameraBackend.load().close();
            loadable = true;
        } catch (RuntimeException e) {
            loadable = false;
        }
        require(loadable, "Aravis' runtime libaravis-0.8 cannot be loaded (" + INSTALL + ")");
    }

    /**
     * Starts cameras given as the script takes them, {@code SERIAL[,SETTING...]}; delays are {@code delay[+jitter]}
     * on the request and the reply path of every camera.
     */
    public static GigeNetBench start(Path directory, String requestDelay, String replyDelay, List<String> cameras) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "start", directory.toString()));
        command.addAll(cameras);
        Map<String, String> environment = Map.of("GIGE_NET_CLASSPATH", System.getProperty("java.class.path"),
                "GIGE_NET_JAVA", java(), "GIGE_NET_REQUEST_DELAY", requestDelay, "GIGE_NET_REPLY_DELAY", replyDelay);
        try {
            run(command, environment, log(directory, "start"));
            Map<String, String> env = readEnv(directory.resolve("bench.env"));
            Map<String, String> addresses = new LinkedHashMap<>();
            for (int index = 1; env.containsKey("CAMERA_" + index); index++) {
                String[] camera = env.get("CAMERA_" + index).replace("\"", "").split(" ");
                addresses.put(camera[0], camera[1]);
            }
            return new GigeNetBench(directory, env.get("HOST_NETNS"), addresses);
        } catch (RuntimeException | AssertionError e) {
            stop(directory);
            throw e;
        }
    }

    public String hostNetns() {
        return hostNetns;
    }

    /** Serial to IPv4 address, in the order they were started. */
    public Map<String, String> addresses() {
        return addresses;
    }

    /** Every latch the camera made so far, as it printed them (the truth). */
    public List<LatchTruth> truth(String serial) {
        List<LatchTruth> truths = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(directory.resolve(serial + ".log"), StandardCharsets.UTF_8)) {
                Matcher matcher = LATCH.matcher(line);
                if (matcher.matches()) {
                    truths.add(new LatchTruth(LatchTruth.Kind.valueOf(matcher.group(1)), Long.parseLong(matcher.group(2)),
                            Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4)),
                            Long.parseLong(matcher.group(5))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read camera " + serial + "'s log in " + directory, e);
        }
        return truths;
    }

    /**
     * The camera requirement run in the host namespace (a child JVM: {@link GigeNetRequirementMain}) on
     * hil-config/gige-net.yaml with these {@code hil.*} properties; its files (evidence unless given elsewhere,
     * logs) go to {@code work}.
     */
    public RequirementRun runCameraRequirement(Path work, Map<String, String> properties, Duration bound) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("hil.bench", BENCH_FILE.toString());
        all.put("hil.evidenceDir", work.resolve("evidence").toString());
        all.putAll(properties);
        Path results = work.resolve("results.tsv");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", hostNetns, java(),
                "-XX:+UseZGC", "-Djava.awt.headless=true", "-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"),
                "-Dallure.results.directory=" + work.resolve("allure-results"), "-Djava.io.tmpdir=" + work,
                "-cp", System.getProperty("java.class.path"), GigeNetRequirementMain.class.getName(),
                results.toString()));
        all.forEach((key, value) -> command.add(key + "=" + value));
        Path log = work.resolve("requirement-jvm.log");
        int exitCode = runBounded(command, Map.of(), work, log, bound);
        if (!Files.exists(results)) {
            fail("the camera requirement in " + hostNetns + " wrote no results (exit " + exitCode + "):\n"
                    + read(log));
        }
        Map<String, RequirementRun.Outcome> outcomes = new LinkedHashMap<>();
        for (String line : readLines(results)) {
            String[] fields = line.split("\t", 3);
            String message = new String(Base64.getDecoder().decode(fields[2]), StandardCharsets.UTF_8);
            if (fields[0].equals(GigeNetRequirementMain.ERROR)) {
                fail("the camera requirement in " + hostNetns + " could not run: " + message + "\n" + read(log));
            }
            outcomes.put(fields[1], new RequirementRun.Outcome(RequirementRun.Status.valueOf(fields[0]), message));
        }
        return new RequirementRun(outcomes);
    }

    @Override
    public void close() {
        stop(directory);
    }

    private static void stop(Path directory) {
        run(List.of("bash", SCRIPT.toString(), "stop", directory.toString()), Map.of(), log(directory, "stop"));
    }

    /** Beside the bench's directory (stop removes the directory itself). */
    private static Path log(Path directory, String command) {
        return directory.resolveSibling(directory.getFileName() + "-" + command + ".log");
    }

    /** aravis' own arv-tool-0.8 with {@code args}, run in the host namespace (bounded): its output. */
    public String arvTool(Path work, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", hostNetns(), "arv-tool-0.8"));
        command.addAll(List.of(args));
        Path log = work.resolve("arv-tool-" + System.nanoTime() + ".log");
        int exitCode = runBounded(command, Map.of(), Path.of("").toAbsolutePath(), log, SCRIPT_BOUND);
        String output = read(log);
        if (exitCode != 0) {
            fail(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
        }
        return output;
    }

    private static void run(List<String> command, Map<String, String> environment, Path log) {
        int exitCode = runBounded(command, environment, Path.of("").toAbsolutePath(), log, SCRIPT_BOUND);
        if (exitCode != 0) {
            fail(String.join(" ", command) + " exited with " + exitCode + ":\n" + read(log));
        }
    }

    /** Runs to its end or the bound (then it and what it started are killed, by process id): the exit code. */
    private static int runBounded(List<String> command, Map<String, String> environment, Path directory, Path log,
                                  Duration bound) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command.subList(0, Math.min(6, command.size()))) + "... did not end within "
                        + bound.toSeconds() + " s:\n" + read(log));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Map<String, String> readEnv(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : readLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + file + ")";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static boolean isRoot() {
        try {
            return readLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.split("\\s+")[2]).findFirst().map("0"::equals).orElse(false);
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory.isEmpty() ? "." : directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + " although CI=true: ./project-tests must set it up");
        }
        System.out.println("skipped: " + reason);
        Assumptions.abort(reason);
    }

    static Optional<LatchTruth> latchWithValue(List<LatchTruth> truths, long value) {
        return truths.stream().filter(truth -> truth.reportedValue() == value).findFirst();
    }
}
