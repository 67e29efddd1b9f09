package io.timesync.hil.camera.aravis;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs check classes in a JVM started by {@code unshare --net}: a private network namespace whose only
 * interface is its own loopback. Aravis' discovery broadcasts on every IPv4 interface; here it reaches only
 * the fake cameras the checks start, never a real network, and no other fake camera on the machine can answer.
 * Each check's outcome is written to a results file for {@link AravisConformanceTest} to report:
 * {@code java -cp <test classpath> ...IsolatedNetwork <results file> <class>...}.
 */
public final class IsolatedNetwork {
    /** Loopback addresses the fake cameras listen on (the fake needs an address its interface has). */
    static final String CAMERA_A = "127.0.0.91";
    public static final String CAMERA_B = "127.0.0.92";
    /** Routed to the loopback interface, where nothing listens. */
    static final String NOBODY = "127.0.0.93";

    private IsolatedNetwork() {
    }

    public static void main(String[] arguments) throws ClassNotFoundException {
        Path results = Path.of(arguments[0]);
        try {
            setUpLoopback(results.toAbsolutePath().getParent());
        } catch (RuntimeException e) {
            write(results, "FAILED", "IsolatedNetwork > loopback " + CAMERA_A + " and " + CAMERA_B, describe(e));
            System.exit(2);
        }
        var builder = request();
        for (int index = 1; index < arguments.length; index++) {
            builder.selectors(selectClass(Class.forName(arguments[index])));
        }
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(builder.build(), summary, new ResultsFile(results));
        summary.getSummary().printTo(new PrintWriter(System.out, true));
        System.exit(0); // Aravis' native threads would not keep the JVM alive, but be explicit
    }

    /** Aborts (or fails with CI=true) unless the only IPv4 interfaces are loopback ones. */
    public static void requireIsolated() {
        List<String> outside = new ArrayList<>();
        try {
            for (NetworkInterface iface : NetworkInterface.networkInterfaces().toList()) {
                if (iface.isUp() && !iface.isLoopback()
                        && iface.inetAddresses().anyMatch(address -> address instanceof Inet4Address)) {
                    outside.add(iface.getName());
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces", e);
        }
        AravisPeers.require(outside.isEmpty(), "these checks run only in a private network namespace (see "
                + "AravisConformanceTest); here Aravis' discovery would broadcast on " + outside);
    }

    /** {@code lo} is down and bare in a new namespace; its ip logs go to the results' directory. */
    private static void setUpLoopback(Path workDir) {
        for (List<String> command : List.of(List.of("ip", "link", "set", "lo", "up"),
                List.of("ip", "addr", "add", CAMERA_A + "/8", "dev", "lo"),
                List.of("ip", "addr", "add", CAMERA_B + "/8", "dev", "lo"))) {
            ToolRun.run(command, Duration.ofSeconds(30), workDir).requireSuccess(command);
        }
    }

    static String describe(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    static synchronized void write(Path results, String status, String name, String detail) {
        String line = status + "\t" + name + "\t"
                + Base64.getEncoder().encodeToString(detail.getBytes(StandardCharsets.UTF_8)) + "\n";
        try {
            Files.writeString(results, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every finished test, and every container that failed (a failed @BeforeAll reports no tests). */
    private static final class ResultsFile implements TestExecutionListener {
        private final Path results;
        private TestPlan plan;

        ResultsFile(Path results) {
            this.results = results;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            write(results, "ABORTED", name(test), "skipped: " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                return;
            }
            String detail = result.getThrowable().map(IsolatedNetwork::describe).orElse("");
            write(results, result.getStatus().name(), name(test), detail);
        }

        private String name(TestIdentifier test) {
            List<String> names = new ArrayList<>();
            for (TestIdentifier at = test; at != null; at = plan.getParent(at).orElse(null)) {
                if (at.getParentId().isPresent()) { // not the engine
                    names.add(0, at.getDisplayName());
                }
            }
            return String.join(" > ", names);
        }
    }
}
