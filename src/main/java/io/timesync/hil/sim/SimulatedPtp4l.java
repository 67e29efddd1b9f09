package io.timesync.hil.sim;

import io.timesync.hil.ptp.Ptp4lSnapshot;
import io.timesync.hil.ptp.protocol.Action;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.ptp.protocol.ManagementCodec;
import io.timesync.hil.ptp.protocol.ManagementData;
import io.timesync.hil.ptp.protocol.ManagementErrorId;
import io.timesync.hil.ptp.protocol.ManagementErrorStatus;
import io.timesync.hil.ptp.protocol.ManagementId;
import io.timesync.hil.ptp.protocol.ManagementMessage;
import io.timesync.hil.ptp.protocol.ManagementPayload;
import io.timesync.hil.ptp.protocol.ManagementTlv;
import io.timesync.hil.ptp.protocol.NullManagement;
import io.timesync.hil.ptp.protocol.PortDataSet;
import io.timesync.hil.ptp.protocol.PortIdentity;
import io.timesync.hil.ptp.protocol.PortPropertiesNp;
import io.timesync.hil.ptp.protocol.PortState;
import io.timesync.hil.ptp.protocol.PtpProtocolException;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An in-process ptp4l management responder on a Unix datagram socket. {@link #answer} reproduces ptp4l
 * 3.1.1's answers byte for byte (checked against captured datagrams); {@link Behaviour} adds the faults
 * a bench can show: garbage replies and silence.
 */
public final class SimulatedPtp4l implements AutoCloseable {

    public enum Behaviour {
        /** answers like ptp4l */
        ANSWER,
        /** answers like linuxptp 4's read-only socket: GET only, PORT_PROPERTIES_NP refused as NOT_SUPPORTED */
        READ_ONLY_SOCKET,
        /** answers every request with random bytes */
        GARBAGE,
        /** reads requests and never answers, like a hung ptp4l */
        SILENT
    }

    /** Clock-level IDs ptp4l knows; those it does not implement get NOT_SUPPORTED from port 0. */
    private static final Set<Integer> CLOCK_LEVEL_IDS = Set.of(0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2005, 0x2006, 0x2007, 0x2008, 0x200F, 0x2010, 0x2011, 0x2012, 0x2013,
            0xC000, 0xC001, 0xC003, 0xC006);

    private final AFUNIXDatagramChannel channel;
    private final Path socket;
    private final Supplier<Ptp4lSnapshot> datasets;
    private final Supplier<Behaviour> behaviour;
    private final Thread responder;
    private final ScheduledExecutorService scheduler;
    private final Random random = new Random(1588);

    private SimulatedPtp4l(AFUNIXDatagramChannel channel, Path socket, Supplier<Ptp4lSnapshot> datasets,
                           Supplier<Behaviour> behaviour) {
        this.channel = channel;
        this.socket = socket;
        this.datasets = datasets;
        this.behaviour = behaviour;
        this.responder = new Thread(this::serve, "simulated-ptp4l " + socket.getFileName());
        this.responder.setDaemon(true);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulated-ptp4l-schedule " + socket.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds {@code socket} and answers from {@code datasets} (asked anew for every request). */
    public static SimulatedPtp4l start(Path socket, Supplier<Ptp4lSnapshot> datasets, Behaviour behaviour) {
        return start(socket, datasets, () -> behaviour);
    }

    private static SimulatedPtp4l start(Path socket, Supplier<Ptp4lSnapshot> datasets, Supplier<Behaviour> behaviour) {
        try {
            Files.deleteIfExists(socket);
            AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open();
            channel.bind(AFUNIXSocketAddress.of(socket));
            SimulatedPtp4l ptp4l = new SimulatedPtp4l(channel, socket, datasets, behaviour);
            ptp4l.responder.start();
            return ptp4l;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulated ptp4l socket " + socket, e);
        }
    }

    /**
     * Starts a simulated ptp4l playing {@code role} on {@code interfaces}, and {@code change}'s role from then on;
     * for {@link Ptp4lRole#ABSENT} nothing is started (or, as a change, it stops and its socket goes), as when
     * ptp4l is not running.
     */
    public static Optional<SimulatedPtp4l> start(Ptp4lRole role, Optional<RoleChange> change, Path socket,
                                                 List<String> interfaces, int domainNumber, long masterAfterNs) {
        if (role == Ptp4lRole.ABSENT) {
            if (change.isPresent()) {
                throw new IllegalArgumentException("a ptp4l that is absent from the start cannot change its role");
            }
            return Optional.empty();
        }
        long startNanoTime = System.nanoTime();
        Supplier<Ptp4lRole> current = () -> change.filter(c -> System.nanoTime() - startNanoTime >= c.afterNs())
                .map(RoleChange::role).orElse(role);
        Supplier<Ptp4lSnapshot> datasets = () -> switch (current.get()) {
            case SLAVE -> SimulatedPtp4lDatasets.slave(interfaces, domainNumber, System.currentTimeMillis() * 1_000_000L);
            case LISTENING -> SimulatedPtp4lDatasets.grandmaster(interfaces, domainNumber, PortState.LISTENING);
            default -> SimulatedPtp4lDatasets.grandmaster(interfaces, domainNumber,
                    System.nanoTime() - startNanoTime < masterAfterNs ? PortState.LISTENING : PortState.MASTER);
        };
        Supplier<Behaviour> behaviour = () -> switch (current.get()) {
            case GARBAGE -> Behaviour.GARBAGE;
            case SILENT -> Behaviour.SILENT;
            default -> Behaviour.ANSWER;
        };
        SimulatedPtp4l ptp4l = start(socket, datasets, behaviour);
        change.filter(c -> c.role() == Ptp4lRole.ABSENT).ifPresent(c ->
                ptp4l.scheduler.schedule(ptp4l::stop, c.afterNs(), TimeUnit.NANOSECONDS));
        return Optional.of(ptp4l);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        stop();
    }

    /** Like ptp4l stopping: no more answers, and its socket goes. */
    private void stop() {
        try {
            // as ptp4l's uds_close: the path goes first, so a client never finds a socket nobody serves
            Files.deleteIfExists(socket);
            channel.close();
            responder.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the simulated ptp4l at " + socket, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        try {
            while (true) {
                buffer.clear();
                SocketAddress sender = channel.receive(buffer);
                byte[] request = Arrays.copyOf(buffer.array(), buffer.position());
                for (byte[] reply : replies(request)) {
                    try {
                        channel.send(ByteBuffer.wrap(reply), sender);
                    } catch (IOException clientGone) {
                        break; // like ptp4l: a client that vanished gets nothing
                    }
                }
            }
        } catch (ClosedChannelException closed) {
            // close() ends the responder
        } catch (IOException e) {
            throw new UncheckedIOException("simulated ptp4l at " + socket + " failed", e);
        }
    }

    private List<byte[]> replies(byte[] request) {
        return switch (behaviour.get()) {
            case ANSWER -> answer(request, datasets.get());
            case READ_ONLY_SOCKET -> answerReadOnly(request, datasets.get());
            case SILENT -> List.of();
            case GARBAGE -> {
                byte[] garbage = new byte[1 + random.nextInt(120)];
                random.nextBytes(garbage);
                yield List.of(garbage);
            }
        };
    }

    /**
     * ptp4l 3.1.1's answers to one request datagram; empty where ptp4l drops it silently (undecodable,
     * another domain, a GET body of the wrong size, another target clock, its own clockIdentity as source).
     */
    public static List<byte[]> answer(byte[] requestBytes, Ptp4lSnapshot datasets) {
        ManagementMessage request;
        try {
            request = ManagementCodec.decode(requestBytes, requestBytes.length, "simulated ptp4l client");
        } catch (PtpProtocolException e) {
            return List.of();
        }
        ClockIdentity own = datasets.defaultDataSet().clockIdentity();
        ClockIdentity target = request.targetPortIdentity().clockIdentity();
        if (request.domainNumber() != datasets.defaultDataSet().domainNumber()
                || request.sourcePortIdentity().clockIdentity().equals(own)
                || !(target.equals(ClockIdentity.ALL) || target.equals(own))
                || !(request.payload() instanceof ManagementTlv tlv)
                || !bodyAccepted(request.action(), tlv)) {
            return List.of();
        }
        List<ManagementMessage> responses = new ArrayList<>();
        int id = tlv.managementId();
        PortIdentity clockPort = new PortIdentity(own, 0);
        if (request.action() != Action.GET) {
            ManagementErrorId error = tlv.data().length == 0 ? ManagementErrorId.WRONG_LENGTH
                    : ManagementErrorId.NOT_SUPPORTED;
            responses.add(request.response(clockPort, new ManagementErrorStatus(error, id)));
        } else if (CLOCK_LEVEL_IDS.contains(id)) {
            ManagementPayload payload = clockLevel(datasets, id).<ManagementPayload>map(ManagementTlv::of)
                    .orElseGet(() -> new ManagementErrorStatus(ManagementErrorId.NOT_SUPPORTED, id));
            responses.add(request.response(clockPort, payload));
        } else {
            int targetPort = request.targetPortIdentity().portNumber();
            int numberPorts = datasets.defaultDataSet().numberPorts();
            for (int index = 0; index < numberPorts; index++) {
                int portNumber = index + 1;
                if (targetPort == 0xFFFF || targetPort == portNumber) {
                    ManagementPayload payload = portLevel(datasets, id, index).<ManagementPayload>map(ManagementTlv::of)
                            .orElseGet(() -> new ManagementErrorStatus(ManagementErrorId.NO_SUCH_ID, id));
                    responses.add(request.response(new PortIdentity(own, portNumber), payload));
                }
            }
            if (responses.isEmpty()) {
                responses.add(request.response(clockPort, new ManagementErrorStatus(ManagementErrorId.WRONG_VALUE, id)));
            }
        }
        return responses.stream().map(ManagementCodec::encode).toList();
    }

    private static List<byte[]> answerReadOnly(byte[] requestBytes, Ptp4lSnapshot datasets) {
        List<byte[]> answers = answer(requestBytes, datasets);
        if (answers.isEmpty()) {
            return answers;
        }
        ManagementMessage request = ManagementCodec.decode(requestBytes, requestBytes.length, "client");
        int id = request.payload().managementId();
        if (request.action() != Action.GET || id == PortPropertiesNp.ID.code()) {
            PortIdentity clockPort = new PortIdentity(datasets.defaultDataSet().clockIdentity(), 0);
            return List.of(ManagementCodec.encode(request.response(clockPort,
                    new ManagementErrorStatus(ManagementErrorId.NOT_SUPPORTED, id))));
        }
        return answers;
    }

    /** Clock-level data for a managementId ptp4l implements. */
    private static Optional<ManagementData> clockLevel(Ptp4lSnapshot datasets, int managementId) {
        return Stream.<ManagementData>of(datasets.defaultDataSet(), datasets.currentDataSet(),
                        datasets.parentDataSet(), datasets.timePropertiesDataSet(), datasets.timeStatusNp())
                .filter(data -> data.id().code() == managementId).findFirst();
    }

    /** Port-level data of port {@code index + 1} for a managementId ptp4l implements. */
    private static Optional<ManagementData> portLevel(Ptp4lSnapshot datasets, int managementId, int index) {
        if (managementId == PortDataSet.ID.code()) {
            return Optional.of(datasets.portDataSets().get(index));
        }
        if (managementId == PortPropertiesNp.ID.code()) {
            return Optional.of(datasets.portProperties().get(index));
        }
        if (managementId == NullManagement.ID.code()) {
            return Optional.of(new NullManagement());
        }
        return Optional.empty();
    }

    /** ptp4l takes a GET with an empty body or a body of exactly the dataset's size; anything else is dropped. */
    private static boolean bodyAccepted(Action action, ManagementTlv tlv) {
        int length = tlv.data().length;
        if (action != Action.GET || length == 0) {
            return true;
        }
        return ManagementId.byCode(tlv.managementId()).map(ManagementId::dataLength)
                .filter(dataLength -> dataLength == length).isPresent();
    }
}
