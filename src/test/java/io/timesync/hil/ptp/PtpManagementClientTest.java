package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.ptp.protocol.CurrentDataSet;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ManagementErrorId;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.ptp.protocol.TimeInterval;
import io.timesync.hil.sim.SimulatedPtp4lDatasets;
import io.timesync.hil.sim.SimulatedPtp4l;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The management client against a simulated ptp4l on a real Unix datagram socket, and against bench faults. */
class PtpManagementClientTest {
    private static final long TIMEOUT_NS = 200_000_000L;
    private static final List<String> TWO_PORTS = List.of("eth0", "eth1");

    @TempDir
    Path directory;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void readsClockAndPortDatasets() {
        Ptp4lSnapshot served = SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER);
        PtpManagementClient client = client(simulated(() -> served, SimulatedPtp4l.Behaviour.ANSWER), 0);

        assertThat(client.get(DefaultDataSet.ID)).isEqualTo(served.defaultDataSet());
        assertThat(client.get(CurrentDataSet.ID)).isEqualTo(served.currentDataSet());
        assertThat(client.getFromEveryPort(PortDataSet.ID)).isEqualTo(served.portDataSets());
        assertThat(client.getFromEveryPort(PortPropertiesNp.ID)).extracting(PortPropertiesNp::interfaceName)
                .containsExactly("eth0", "eth1");
    }

    @Test
    void snapshotMapsInterfacesToPortsAndSummarizesTheRole() {
        PtpManagementClient client = client(simulated(
                () -> SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER), SimulatedPtp4l.Behaviour.ANSWER), 0);

        Ptp4lSnapshot snapshot = Ptp4lSnapshot.read(client);

        assertThat(snapshot.isGrandmaster()).isTrue();
        assertThat(snapshot.portOn("eth1")).contains(2);
        assertThat(snapshot.portOn("enp3s0")).isEmpty();
        assertThat(snapshot.summary()).isEqualTo("role=Grandmaster, gmClockID=02005e.fffe.000001, "
                + "clockID=02005e.fffe.000001, stepsRemoved=0, domain=0, ports=[1 eth0 MASTER, 2 eth1 MASTER]");
    }

    @Test
    void readOnlySocketRefusesPortPropertiesWithATypedError() {
        PtpManagementClient client = client(simulated(
                () -> SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER),
                SimulatedPtp4l.Behaviour.READ_ONLY_SOCKET), 0);

        assertThatThrownBy(() -> client.getFromEveryPort(PortPropertiesNp.ID))
                .isInstanceOfSatisfying(ManagementErrorException.class, e -> {
                    assertThat(e.is(ManagementErrorId.NOT_SUPPORTED)).isTrue();
                    assertThat(e.errorName()).isEqualTo("NOT_SUPPORTED");
                })
                .hasMessageContaining("answered GET PORT_PROPERTIES_NP with MANAGEMENT_ERROR_STATUS NOT_SUPPORTED")
                .hasMessageContaining("use the read-write socket");
        Ptp4lSnapshot snapshot = Ptp4lSnapshot.read(client);
        assertThat(snapshot.portOn("eth0")).as("two ports, no PORT_PROPERTIES_NP: no safe mapping").isEmpty();
        assertThat(snapshot.portMappingNote()).contains("read-only socket");
    }

    @Test
    void readOnlySocketOfASinglePortPtp4lMapsTheBenchInterfaceToItsPort() {
        PtpManagementClient client = client(simulated(
                () -> SimulatedPtp4lDatasets.grandmaster(List.of("eth0"), 0, PortState.MASTER),
                SimulatedPtp4l.Behaviour.READ_ONLY_SOCKET), 0);

        assertThat(Ptp4lSnapshot.read(client).portOn("enp3s0")).contains(1);
    }

    @Test
    void missingSocketSaysHowToFixIt() {
        PtpManagementClient client = client(directory.resolve("ptp4l"), 0);

        assertThatThrownBy(() -> client.get(DefaultDataSet.ID))
                .isInstanceOf(BenchPartUnreachableException.class)
                .hasMessageStartingWith("Bench part unreachable: ptp4l at " + directory.resolve("ptp4l") + " (domain 0)")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("Hint: is ptp4l running")
                .hasMessageContaining("-Dhil.ptp4l.socket");
    }

    @Test
    void socketLeftBehindByAStoppedPtp4lSaysSo() throws IOException {
        Path socket = directory.resolve("ptp4l");
        try (AFUNIXDatagramChannel stopped = AFUNIXDatagramChannel.open()) {
            stopped.bind(AFUNIXSocketAddress.of(socket));
        }
        PtpManagementClient client = client(socket, 0);

        assertThatThrownBy(() -> client.get(DefaultDataSet.ID))
                .isInstanceOf(BenchPartUnreachableException.class)
                .hasMessageContaining("nothing listens on " + socket + " (ptp4l stopped and left its socket behind)");
    }

    /**
     * Root, which runs these tests, is never denied; a user outside the socket's group gets exactly this
     * exception from junixsocket (seen running as nobody against a 0660 root:root socket).
     */
    @Test
    void permissionDeniedNamesTheSocketsGroupAndTheReadOnlySocket() throws IOException {
        Path socket = directory.resolve("ptp4l");
        AFUNIXDatagramChannel ptp4l = AFUNIXDatagramChannel.open();
        ptp4l.bind(AFUNIXSocketAddress.of(socket));
        opened.add(ptp4l);
        PtpManagementClient client = client(socket, 0);

        assertThat(client.unreachable(new SocketException("Permission denied"), "cannot connect"))
                .hasMessageContaining("cannot connect: permission denied on " + socket + " (owner ")
                .hasMessageContaining("Hint: add this user (" + System.getProperty("user.name")
                        + ") to the socket's group")
                .hasMessageContaining("linuxptp >= 4's read-only socket (ptp4l.socket: /var/run/ptp4lro)");
    }

    @Test
    void pathThatIsNotASocketIsNamed() throws IOException {
        Path file = Files.writeString(directory.resolve("ptp4l"), "not a socket");
        PtpManagementClient client = client(file, 0);

        assertThatThrownBy(() -> client.get(DefaultDataSet.ID))
                .isInstanceOf(BenchPartUnreachableException.class)
                .hasMessageContaining(file + " is not a socket");
    }

    @Test
    void silentPtp4lIsNoReplyAfterTheTimeout() {
        PtpManagementClient client = client(simulated(
                () -> SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER), SimulatedPtp4l.Behaviour.SILENT), 0);

        assertThatThrownBy(() -> client.get(CurrentDataSet.ID))
                .isInstanceOfSatisfying(Ptp4lNoReplyException.class,
                        e -> assertThat(e.answeringDomains()).isEmpty())
                .hasMessageContaining("no reply to GET CURRENT_DATA_SET within 200 ms, nor to a ping in any PTP domain");
    }

    @Test
    void ptp4lInAnotherDomainIsFoundByItsAnswerToAPing() {
        PtpManagementClient client = client(simulated(
                () -> SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 24, PortState.MASTER), SimulatedPtp4l.Behaviour.ANSWER), 0);

        assertThat(client.answeringDomains()).containsExactly(24);
        assertThatThrownBy(() -> client.get(DefaultDataSet.ID))
                .isInstanceOfSatisfying(Ptp4lNoReplyException.class,
                        e -> assertThat(e.answeringDomains()).isEqualTo(Set.of(24)))
                .hasMessageContaining("ptp4l answers only in domain(s) [24]")
                .hasMessageContaining("Hint: set ptp4l.domain to ptp4l's domainNumber (24)");
    }

    @Test
    void ptp4lThatStoppedReadingItsSocketNeverHangsTheClient() throws IOException {
        Path socket = directory.resolve("hung");
        AFUNIXDatagramChannel hung = AFUNIXDatagramChannel.open();
        hung.bind(AFUNIXSocketAddress.of(socket));
        opened.add(hung);
        PtpManagementClient client = client(socket, 0);

        // more requests than the kernel queues for a reader that never reads (net.unix.max_dgram_qlen)
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int request = 0; request < 15; request++) {
                assertThatThrownBy(() -> client.get(CurrentDataSet.ID)).isInstanceOf(Ptp4lNoReplyException.class);
            }
        }, "a hang guard, not a speed target");
    }

    @Test
    void garbageRepliesAreReportedAsMalformedWithTheirBytes() {
        PtpManagementClient client = client(simulated(
                () -> SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER), SimulatedPtp4l.Behaviour.GARBAGE), 0);

        assertThatThrownBy(() -> client.get(DefaultDataSet.ID))
                .isInstanceOf(BenchPartMisbehavingException.class)
                .hasMessageStartingWith("Bench part misbehaving:")
                .hasMessageContaining("malformed reply")
                .hasMessageMatching("(?s).*\\[\\d+ bytes: \\p{XDigit}+.*");
    }

    @Test
    void lateAnswersToEarlierRequestsAreIgnored() throws IOException {
        Path socket = directory.resolve("late");
        Ptp4lSnapshot served = SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER);
        Ptp4lSnapshot stale = new Ptp4lSnapshot(served.defaultDataSet(),
                new CurrentDataSet(7, TimeInterval.ofNs(1), TimeInterval.ofNs(1)), served.parentDataSet(),
                served.timePropertiesDataSet(), served.timeStatusNp(), served.portDataSets(), served.portProperties());
        AFUNIXDatagramChannel responder = AFUNIXDatagramChannel.open();
        responder.bind(AFUNIXSocketAddress.of(socket));
        opened.add(responder);
        Thread thread = new Thread(() -> answerWithALateReplyFirst(responder, stale, served));
        thread.setDaemon(true);
        thread.start();

        assertThat(client(socket, 0).get(CurrentDataSet.ID).stepsRemoved()).isZero();
    }

    @Test
    void reconnectsWhenPtp4lRestarts() {
        Path socket = directory.resolve("ptp4l");
        SimulatedPtp4l first = SimulatedPtp4l.start(socket,
                () -> SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER), SimulatedPtp4l.Behaviour.ANSWER);
        PtpManagementClient client = client(socket, 0);
        assertThat(client.get(CurrentDataSet.ID).stepsRemoved()).isZero();

        first.close();
        assertThatThrownBy(() -> client.get(CurrentDataSet.ID)).isInstanceOf(BenchPartUnreachableException.class);
        opened.add(SimulatedPtp4l.start(socket, () -> SimulatedPtp4lDatasets.slave(TWO_PORTS, 0, 0),
                SimulatedPtp4l.Behaviour.ANSWER));

        assertThat(client.get(CurrentDataSet.ID).stepsRemoved()).isEqualTo(1);
    }

    @Test
    void bindsInAPrivateDirectoryAndRemovesItOnClose() throws IOException {
        PtpManagementClient client = PtpManagementClient.open(simulated(
                () -> SimulatedPtp4lDatasets.grandmaster(TWO_PORTS, 0, PortState.MASTER), SimulatedPtp4l.Behaviour.ANSWER),
                0, TIMEOUT_NS);
        client.get(DefaultDataSet.ID);
        Path privateDirectory = client.privateDirectory();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateDirectory))).isEqualTo("rwx------");
        client.close();
        assertThat(privateDirectory).doesNotExist();
    }

    @Test
    void choosesTheConfiguredSocketElseTheReadOnlyOneElseTheDefault() throws IOException {
        Path readOnly = directory.resolve("ptp4lro");
        Path readWrite = directory.resolve("ptp4l");

        assertThat(PtpManagementClient.chooseSocket(Optional.of(Path.of("/run/x")), readOnly, readWrite))
                .isEqualTo(Path.of("/run/x"));
        assertThat(PtpManagementClient.chooseSocket(Optional.empty(), readOnly, readWrite)).isEqualTo(readWrite);
        Files.createFile(readOnly);
        assertThat(PtpManagementClient.chooseSocket(Optional.empty(), readOnly, readWrite)).isEqualTo(readOnly);
    }

    private Path simulated(Supplier<Ptp4lSnapshot> datasets, SimulatedPtp4l.Behaviour behaviour) {
        SimulatedPtp4l ptp4l = SimulatedPtp4l.start(directory.resolve("ptp4l"), datasets, behaviour);
        opened.add(ptp4l);
        return ptp4l.socket();
    }

    private PtpManagementClient client(Path socket, int domain) {
        PtpManagementClient client = PtpManagementClient.open(socket, domain, TIMEOUT_NS);
        opened.add(0, client);
        return client;
    }

    /** Answers the first request twice: first as if to an earlier request (sequenceId - 1), then properly. */
    private static void answerWithALateReplyFirst(AFUNIXDatagramChannel responder, Ptp4lSnapshot stale,
                                                  Ptp4lSnapshot served) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1500);
            SocketAddress client = responder.receive(buffer);
            byte[] request = Arrays.copyOf(buffer.array(), buffer.position());
            byte[] late = SimulatedPtp4l.answer(request, stale).get(0);
            int sequenceId = ((late[30] & 0xFF) << 8 | (late[31] & 0xFF)) - 1;
            late[30] = (byte) (sequenceId >> 8);
            late[31] = (byte) sequenceId;
            responder.send(ByteBuffer.wrap(late), client);
            responder.send(ByteBuffer.wrap(SimulatedPtp4l.answer(request, served).get(0)), client);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
