package io.timesync.hil.real;

import io.timesync.hil.requirements.CameraAlignmentTest;
import io.timesync.hil.selftest.RequirementRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the camera requirement in the networked GigE bench's host namespace, where Aravis' discovery reaches the
 * bench's cameras and nothing else: {@code ip netns exec <host netns> java -cp <test classpath> ...GigeNetRequirementMain
 * <results file> hil.key=value...}. Writes one line per test, {@code STATUS <tab> key <tab> base64(message)}, as
 * {@link RequirementRun} keys them, or a single {@code ERROR} line; the file appears complete (written aside, then
 * moved). Refuses to run where an interface outside the bench's subnet is up: Aravis would broadcast there.
 */
public final class GigeNetRequirementMain {
    static final String ERROR = "ERROR";

    private GigeNetRequirementMain() {
    }

    public static void main(String[] arguments) throws IOException {
        Path results = Path.of(arguments[0]);
        List<String> lines = new ArrayList<>();
        int exitCode = 0;
        try {
            requireOnlyTheBenchsNetwork(GigeNetBench.SUBNET_PREFIX);
            Map<String, String> properties = new LinkedHashMap<>();
            for (int index = 1; index < arguments.length; index++) {
                String[] property = arguments[index].split("=", 2);
                properties.put(property[0], property[1]);
            }
            RequirementRun run = RequirementRun.of(CameraAlignmentTest.class, properties);
            run.outcomes().forEach((key, outcome) -> lines.add(line(outcome.status().name(), key, outcome.message())));
        } catch (RuntimeException | Error e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            lines.add(line(ERROR, "GigeNetRequirementMain", trace.toString()));
            exitCode = 2;
        }
        Path partial = results.resolveSibling(results.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, results, StandardCopyOption.ATOMIC_MOVE);
        System.exit(exitCode); // Aravis' native threads would not keep the JVM alive, but be explicit
    }

    private static String line(String status, String key, String message) {
        return status + "\t" + key + "\t" + Base64.getEncoder().encodeToString(
                (message == null ? "" : message).getBytes(StandardCharsets.UTF_8));
    }

    /** Every IPv4 interface that is up is a loopback or in the bench's subnet. */
    static void requireOnlyTheBenchsNetwork(String subnetPrefix) {
        List<String> outside = new ArrayList<>();
        try {
            for (NetworkInterface iface : NetworkInterface.networkInterfaces().toList()) {
                if (!iface.isUp() || iface.isLoopback()) {
                    continue;
                }
                iface.inetAddresses().filter(Inet4Address.class::isInstance).map(InetAddress::getHostAddress)
                        .filter(address -> !address.startsWith(subnetPrefix))
                        .forEach(address -> outside.add(iface.getName() + " " + address));
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the network interfaces", e);
        }
        if (!outside.isEmpty()) {
            throw new IllegalStateException("not in the networked GigE bench's host namespace: Aravis' discovery "
                    + "would broadcast on " + outside + "; run this with ip netns exec <HOST_NETNS>");
        }
    }
}
