package io.timesync.hil.ptp;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.PrivateDirectory;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.ptp.protocol.Action;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.ptp.protocol.ManagementCodec;
import io.timesync.hil.ptp.protocol.ManagementData;
import io.timesync.hil.ptp.protocol.ManagementErrorStatus;
import io.timesync.hil.ptp.protocol.ManagementId;
import io.timesync.hil.ptp.protocol.ManagementMessage;
import io.timesync.hil.ptp.protocol.ManagementTlv;
import io.timesync.hil.ptp.protocol.NullManagement;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.PtpProtocolException;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSelectorProvider;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.ConnectionRefusedSocketException;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Native client of ptp4l's management protocol over its Unix-domain datagram socket: no pmc, no text,
 * no sudo. It binds its own socket in a private directory (ptp4l answers to the sender's path), matches
 * replies by sequenceId and managementId, and bounds every send and receive by the reply timeout.
 */
public final class PtpManagementClient implements AutoCloseable {
    /** linuxptp 4's read-only socket: GET only, open to every user. */
    public static final Path READ_ONLY_SOCKET = Path.of("/var/run/ptp4lro");
    /** ptp4l's default read-write socket (root, or the socket's group). */
    public static final Path READ_WRITE_SOCKET = Path.of("/var/run/ptp4l");

    private static final int RECEIVE_BUFFER_BYTES = 65536;
    private static final int SUN_PATH_MAX_BYTES = 107;

    private final Path ptp4lSocket;
    private final int domainNumber;
    private final long replyTimeoutNs;
    private final PortIdentity ownPortIdentity;
    private final PrivateDirectory privateDirectory;
    private final Path ownSocket;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(RECEIVE_BUFFER_BYTES);
    private AFUNIXDatagramChannel channel;
    private Selector selector;
    private SelectionKey key;
    private int nextSequenceId;

    private PtpManagementClient(Path ptp4lSocket, int domainNumber, long replyTimeoutNs,
                                PrivateDirectory privateDirectory) {
        this.ptp4lSocket = ptp4lSocket;
        this.domainNumber = domainNumber;
        this.replyTimeoutNs = replyTimeoutNs;
        this.privateDirectory = privateDirectory;
        this.ownSocket = privateDirectory.path().resolve("client.sock");
        // like pmc: no clockIdentity, the process ID as port number
        this.ownPortIdentity = new PortIdentity(ClockIdentity.ZERO, (int) (ProcessHandle.current().pid() & 0xFFFF));
    }

    /**
     * The configured socket; else linuxptp 4's read-only socket when present (works without root); else
     * ptp4l's default socket.
     */
    public static Path chooseSocket(Optional<Path> configured) {
        return chooseSocket(configured, READ_ONLY_SOCKET, READ_WRITE_SOCKET);
    }

    static Path chooseSocket(Optional<Path> configured, Path readOnly, Path readWrite) {
        return configured.orElseGet(() -> Files.exists(readOnly) ? readOnly : readWrite);
    }

    /** Creates the client; the connection to ptp4l is made, and re-made after a failure, on each request. */
    public static PtpManagementClient open(Path ptp4lSocket, int domainNumber, long replyTimeoutNs) {
        PtpManagementClient client = new PtpManagementClient(ptp4lSocket, domainNumber, replyTimeoutNs,
                PrivateDirectory.create("ptp"));
        if (client.ownSocket.toString().getBytes(StandardCharsets.UTF_8).length > SUN_PATH_MAX_BYTES) {
            client.close();
            throw new IllegalStateException("client socket path " + client.ownSocket
                    + " exceeds the 107 bytes of sun_path: point java.io.tmpdir at a shorter directory");
        }
        return client;
    }

    public Path socket() {
        return ptp4lSocket;
    }

    public int domainNumber() {
        return domainNumber;
    }

    /** Where this client binds its own socket; removed on close. */
    Path privateDirectory() {
        return privateDirectory.path();
    }

    /** GET of a clock-level dataset: exactly one answer, from port 0. */
    public synchronized <T extends ManagementData> T get(ManagementId<T> id) {
        requireScope(id, ManagementId.Scope.CLOCK);
        Map<Integer, T> replies = exchange(id, 1);
        if (replies.isEmpty()) {
            throw noReply("GET " + id.name(), "");
        }
        return replies.values().iterator().next();
    }

    /** GET of a port-level dataset for every port, ordered by port number. */
    public synchronized <T extends ManagementData> List<T> getFromEveryPort(ManagementId<T> id) {
        requireScope(id, ManagementId.Scope.PORT);
        int numberPorts = get(DefaultDataSet.ID).numberPorts();
        Map<Integer, T> replies = exchange(id, numberPorts);
        if (replies.size() < numberPorts) {
            throw noReply("GET " + id.name(), "; answers came from port(s) " + replies.keySet() + " of "
                    + numberPorts);
        }
        return List.copyOf(replies.values());
    }

    /**
     * The PTP domains in which ptp4l answers a ping (NULL_MANAGEMENT), probing all 256 at once. ptp4l drops
     * requests for a domain other than its own without a word, so this tells a wrong domain from a dead ptp4l.
     */
    public synchronized Set<Integer> answeringDomains() {
        int firstSequenceId = nextSequenceId;
        nextSequenceId = (nextSequenceId + 256) & 0xFFFF;
        long sendDeadlineNs = System.nanoTime() + replyTimeoutNs;
        for (int domain = 0; domain < 256; domain++) {
            ManagementMessage ping = ManagementMessage.request(domain, ownPortIdentity,
                    (firstSequenceId + domain) & 0xFFFF, PortIdentity.ALL, Action.GET,
                    ManagementTlv.empty(NullManagement.ID));
            if (!send(ManagementCodec.encode(ping), sendDeadlineNs, "GET NULL_MANAGEMENT")) {
                break; // ptp4l stopped reading: probe what was sent
            }
        }
        Set<Integer> domains = new TreeSet<>();
        long receiveDeadlineNs = System.nanoTime() + replyTimeoutNs;
        for (Optional<Received> reply = receive(receiveDeadlineNs); reply.isPresent();
             reply = receive(receiveDeadlineNs)) {
            ManagementMessage message = reply.get().message();
            if (((message.sequenceId() - firstSequenceId) & 0xFFFF) < 256 && message.action() == Action.RESPONSE) {
                domains.add(message.domainNumber());
            }
        }
        return domains;
    }

    @Override
    public synchronized void close() {
        disconnect();
        privateDirectory.close();
    }

    @Override
    public String toString() {
        return part();
    }

    private String part() {
        return "ptp4l at " + ptp4lSocket + " (domain " + domainNumber + ")";
    }

    private static void requireScope(ManagementId<?> id, ManagementId.Scope scope) {
        if (id.scope() != scope) {
            throw new IllegalArgumentException(id.name() + " is " + id.scope() + "-level, not " + scope);
        }
    }

    /** Sends one GET and collects decoded answers by source port until {@code expectedPorts} or the timeout. */
    private <T extends ManagementData> Map<Integer, T> exchange(ManagementId<T> id, int expectedPorts) {
        int sequenceId = nextSequenceId;
        nextSequenceId = (nextSequenceId + 1) & 0xFFFF;
        String what = "GET " + id.name();
        ManagementMessage request = ManagementMessage.request(domainNumber, ownPortIdentity, sequenceId,
                PortIdentity.ALL, Action.GET, ManagementTlv.empty(id));
        long deadlineNs = System.nanoTime() + replyTimeoutNs;
        Map<Integer, T> byPort = new TreeMap<>();
        if (!send(ManagementCodec.encode(request), deadlineNs, what)) {
            return byPort;
        }
        while (byPort.size() < expectedPorts) {
            Optional<Received> received = receive(deadlineNs);
            if (received.isEmpty()) {
                break;
            }
            ManagementMessage reply = received.get().message();
            if (reply.sequenceId() != sequenceId || reply.action() != Action.RESPONSE
                    || reply.payload().managementId() != id.code()) {
                continue; // a late answer to an earlier request
            }
            int port = reply.sourcePortIdentity().portNumber();
            if (reply.payload() instanceof ManagementErrorStatus error) {
                throw new ManagementErrorException(part(), what, error, port);
            }
            try {
                byPort.put(port, ((ManagementTlv) reply.payload()).decode(id, "reply to " + what));
            } catch (PtpProtocolException e) {
                throw malformed(e, received.get().bytes());
            }
        }
        return byPort;
    }

    private record Received(ManagementMessage message, byte[] bytes) {
    }

    /** @return false when ptp4l's receive queue stayed full until the deadline */
    private boolean send(byte[] datagram, long deadlineNs, String what) {
        connect();
        ByteBuffer buffer = ByteBuffer.wrap(datagram);
        try {
            while (channel.write(buffer) == 0) {
                long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0) {
                    return false;
                }
                key.interestOps(SelectionKey.OP_WRITE);
                select(remainingNs);
                key.interestOps(SelectionKey.OP_READ);
            }
            return true;
        } catch (IOException e) {
            disconnect();
            throw unreachable(e, "cannot send " + what);
        }
    }

    /** The next datagram, or empty at the deadline: checked before every datagram, so no flood outlasts it. */
    private Optional<Received> receive(long deadlineNs) {
        try {
            while (true) {
                long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0) {
                    return Optional.empty();
                }
                receiveBuffer.clear();
                if (channel.receive(receiveBuffer) != null) {
                    byte[] bytes = Arrays.copyOf(receiveBuffer.array(), receiveBuffer.position());
                    if (bytes.length == RECEIVE_BUFFER_BYTES) {
                        throw malformed(new PtpProtocolException("datagram of " + bytes.length
                                + " bytes or more is larger than any management message"), bytes);
                    }
                    try {
                        return Optional.of(new Received(ManagementCodec.decode(bytes, bytes.length, part()), bytes));
                    } catch (PtpProtocolException e) {
                        throw malformed(e, bytes);
                    }
                }
                select(remainingNs);
            }
        } catch (IOException e) {
            disconnect();
            throw unreachable(e, "cannot receive from ptp4l");
        }
    }

    private void select(long timeoutNs) throws IOException {
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNs + 999_999)));
        selector.selectedKeys().clear();
    }

    private void connect() {
        if (channel != null) {
            return;
        }
        if (!Files.exists(ptp4lSocket)) {
            throw missingSocket();
        }
        try {
            Files.deleteIfExists(ownSocket);
            AFUNIXDatagramChannel opened = AFUNIXDatagramChannel.open();
            try {
                opened.bind(AFUNIXSocketAddress.of(ownSocket));
                opened.connect(AFUNIXSocketAddress.of(ptp4lSocket));
                opened.configureBlocking(false);
                selector = AFUNIXSelectorProvider.provider().openSelector();
                key = opened.register(selector, SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            channel = opened;
        } catch (IOException e) {
            disconnect();
            throw unreachable(e, "cannot connect");
        }
    }

    private void disconnect() {
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing is best effort: the next request opens a fresh socket either way
        } finally {
            selector = null;
            channel = null;
            key = null;
        }
    }

    private BenchPartUnreachableException missingSocket() {
        return new BenchPartUnreachableException(part(), "the management socket " + ptp4lSocket + " does not exist",
                "is ptp4l running (`pgrep -a ptp4l`, `systemctl status ptp4l`)? If its uds_address is another "
                        + "path, set ptp4l.socket in the bench file or pass -Dhil.ptp4l.socket=<path>");
    }

    /** Turns a socket error into what the bench engineer should know and do. */
    BenchPartUnreachableException unreachable(IOException e, String action) {
        if (!Files.exists(ptp4lSocket)) {
            return missingSocket();
        }
        if (!isSocket(ptp4lSocket)) {
            return new BenchPartUnreachableException(part(), ptp4lSocket + " is not a socket",
                    "point ptp4l.socket at ptp4l's uds_address", e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectionRefusedSocketException || e instanceof PortUnreachableException || message.contains("Connection refused")) {
            return new BenchPartUnreachableException(part(), action + ": nothing listens on " + ptp4lSocket
                    + " (ptp4l stopped and left its socket behind)",
                    "start ptp4l again (`systemctl restart ptp4l`); check its log for why it stopped", e);
        }
        if (message.contains("Permission denied")) {
            return new BenchPartUnreachableException(part(), action + ": permission denied on " + ptp4lSocket
                    + describeOwnership(ptp4lSocket),
                    "add this user (" + System.getProperty("user.name") + ") to the socket's group "
                            + "(`sudo usermod -aG <group> $USER`, then log in again), or use linuxptp >= 4's "
                            + "read-only socket (ptp4l.socket: " + READ_ONLY_SOCKET + ")", e);
        }
        return new BenchPartUnreachableException(part(), action + ": " + message,
                "check that ptp4l is running and that " + ptp4lSocket + " is its uds_address", e);
    }

    private Ptp4lNoReplyException noReply(String what, String detail) {
        long timeoutMs = TimeUnit.NANOSECONDS.toMillis(replyTimeoutNs);
        Set<Integer> domains;
        try {
            domains = answeringDomains();
        } catch (RuntimeException probeFailed) {
            domains = Set.of();
        }
        String problem;
        String hint;
        if (!domains.isEmpty() && !domains.contains(domainNumber)) {
            problem = "no reply to " + what + " in domain " + domainNumber + "; ptp4l answers only in domain(s) "
                    + domains;
            hint = "set ptp4l.domain to ptp4l's domainNumber (" + domains.iterator().next()
                    + ") in the bench file or with -Dhil.ptp4l.domain, or fix domainNumber in ptp4l's configuration";
        } else if (domains.contains(domainNumber)) {
            problem = "no complete reply to " + what + " within " + timeoutMs + " ms" + detail
                    + ", although ptp4l answers pings";
            hint = "ptp4l may be overloaded: raise ptp4l.replyTimeout; check its log";
        } else {
            problem = "no reply to " + what + " within " + timeoutMs + " ms" + detail
                    + ", nor to a ping in any PTP domain";
            hint = "is ptp4l hung? Check its log (`journalctl -u ptp4l`). A ptp4l running as a non-root user "
                    + "cannot answer into this client's private directory " + privateDirectory.path();
        }
        return new Ptp4lNoReplyException(part(), problem, hint, domains);
    }

    private BenchPartMisbehavingException malformed(PtpProtocolException e, byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 96));
        return new BenchPartMisbehavingException(part(), "malformed reply: " + e.getMessage()
                + " [" + bytes.length + " bytes: " + hex + (bytes.length > 96 ? "..." : "") + "]",
                "is " + ptp4lSocket + " really ptp4l's management socket? Compare with `pmc -u -b 0 -s "
                        + ptp4lSocket + " 'GET CURRENT_DATA_SET'`", e);
    }

    private static boolean isSocket(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).isOther();
        } catch (IOException e) {
            return false;
        }
    }

    private static String describeOwnership(Path path) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            return " (owner " + attributes.owner().getName() + ", group " + attributes.group().getName() + ", mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
