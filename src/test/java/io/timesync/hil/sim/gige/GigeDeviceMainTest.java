package io.timesync.hil.sim.gige;

import io.timesync.hil.sim.gige.GvcpTestClient.Ack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The camera as its own process: the ready line, answering GVCP, the relay in front, and both ways to stop. */
class GigeDeviceMainTest {
    /** A JVM starting on a loaded 2-core machine may take many seconds; only a broken process waits this long. */
    private static final long BOUND_S = 120;
    private static final Pattern READY = Pattern.compile(
            "ready gvcp=([0-9.]+):(\\d+) device=([0-9.]+):(\\d+) serial=(\\S+)");

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(BOUND_S, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsReadyAnswersGvcpReportsLatchesAndStopsAtStdinEof() throws Exception {
        Child child = start("--bind=127.0.0.1", "--port=0", "--serial=MAIN1", "--offset=+2ms", "--print-latches");
        Matcher ready = child.ready();

        try (GvcpTestClient client = new GvcpTestClient(new InetSocketAddress(ready.group(1),
                Integer.parseInt(ready.group(2))))) {
            assertThat(client.discovery().string(0xD8, 16)).isEqualTo("MAIN1");
            client.takeControl();
            client.writeRegister(Gvcp.TIMESTAMP_CONTROL, Gvcp.TIMESTAMP_CONTROL_LATCH);
            Ack value = client.readRegister(Gvcp.TIMESTAMP_VALUE_HIGH, Gvcp.TIMESTAMP_VALUE_LOW);
            long ticks = (Integer.toUnsignedLong(value.int32(0)) << 32) | Integer.toUnsignedLong(value.int32(4));

            Matcher latch = Pattern.compile("latch kind=GEV_TIMESTAMP_CONTROL_LATCH host_ns=(\\d+) device_ns=(\\d+) "
                    + "value=(\\d+) seq=1").matcher(child.nextLine());
            assertThat(latch.matches()).isTrue();
            assertThat(Long.parseLong(latch.group(3))).isEqualTo(ticks);
            assertThat(Long.parseLong(latch.group(2)) - Long.parseLong(latch.group(1)))
                    .as("TAI - UTC + the 2 ms offset").isEqualTo(37_002_000_000L);
        }

        child.process().getOutputStream().close();
        assertThat(child.process().waitFor(BOUND_S, TimeUnit.SECONDS)).isTrue();
        assertThat(child.process().exitValue()).isZero();
        assertThat(child.nextLine()).isEqualTo("stopped");
    }

    @Test
    void putsTheDelayRelayInFrontWhenAskedAndStopsAtSigterm() throws Exception {
        Child child = start("--bind=127.0.0.1", "--port=0", "--serial=MAIN2", "--request-delay=5ms",
                "--reply-delay=1ms+1ms");
        Matcher ready = child.ready();
        assertThat(ready.group(4)).as("the camera is behind the relay, on a port of its own")
                .isNotEqualTo(ready.group(2));

        try (GvcpTestClient client = new GvcpTestClient(new InetSocketAddress(ready.group(1),
                Integer.parseInt(ready.group(2))))) {
            long sentNanoTime = System.nanoTime();
            Ack ack = client.discovery();
            long roundTripNs = System.nanoTime() - sentNanoTime;

            assertThat(ack.int32(0x24)).as("it reports the relay's address").isEqualTo(0x7F00_0001);
            assertThat(roundTripNs).as("both delays, at least").isGreaterThanOrEqualTo(6_000_000L);
        }

        child.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
        assertThat(child.process().waitFor(BOUND_S, TimeUnit.SECONDS)).isTrue();
        assertThat(child.process().exitValue()).as("the JVM's status after SIGTERM").isEqualTo(143);
        assertThat(child.nextLine()).isEqualTo("stopped");
    }

    @Test
    void saysWhatIsWrongWithItsArguments() throws Exception {
        Child child = start("--port=0");

        assertThat(child.process().waitFor(BOUND_S, TimeUnit.SECONDS)).isTrue();
        assertThat(child.process().exitValue()).isEqualTo(2);
        assertThat(child.nextLine()).isEqualTo("--serial is required");
        assertThat(child.nextLine()).startsWith("usage: GigeDeviceMain --serial=<serial>");
    }

    private Child start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", // no hsperfdata file in /tmp, even if the child has to be killed
                "-cp", System.getProperty("java.class.path"), GigeDeviceMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return new Child(process);
    }

    /** A child process whose output lines are read as they come, so reading one has a bound. */
    private record Child(Process process, BlockingQueue<String> lines) {
        Child(Process process) {
            this(process, new LinkedBlockingQueue<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // the test is over: the child was killed and its output closed
                }
            }, "child output");
            reader.setDaemon(true);
            reader.start();
        }

        String nextLine() throws InterruptedException {
            String line = lines.poll(BOUND_S, TimeUnit.SECONDS);
            if (line == null) {
                fail("the child printed nothing more within " + BOUND_S + " s");
            }
            return line;
        }

        Matcher ready() throws InterruptedException {
            String line = nextLine();
            Matcher ready = READY.matcher(line);
            assertThat(ready.matches()).as(line).isTrue();
            return ready;
        }
    }
}
