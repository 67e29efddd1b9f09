package io.timesync.hil.sim.gige;

import io.timesync.hil.time.HostClock;
import io.timesync.hil.sim.gige.RegisterSpace.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A simulated GigE Vision camera speaking GVCP over UDP: discovery (broadcast and unicast), READREG, WRITEREG,
 * READMEM, WRITEMEM and PENDING_ACK, the bootstrap registers aravis reads, a GenICam file in device memory and
 * the timestamp latches the suite measures with. It latches its clock at the moment it processes the latch
 * write, so the bracket a client measures around a latch is a real UDP round trip; each latch is recorded
 * ({@link #latches()}, and the listener) with the host instant it happened at.
 *
 * <p>One thread handles the GVCP socket, one command at a time as a camera does, and one more answers broadcast
 * discovery. A command is answered from the GVCP socket to the address it came from.
 */
public final class GigeVisionDevice implements AutoCloseable {
    private static final long JOIN_BOUND_MS = 2_000;
    private static final int MAX_DATAGRAM_BYTES = 1_500;
    /** Data per READMEM/WRITEMEM: keeps a message within the 576-byte datagram every IPv4 host accepts. */
    private static final int MAX_MEMORY_BYTES = 536;
    /** Registers per concatenated READREG/WRITEREG, by the same bound (67 address-value pairs). */
    private static final int MAX_CONCATENATED = 67;
    private static final int TRUTH_KEPT = 10_000;
    private static final int MAX_TIME_TO_COMPLETION_MS = 0xFFFF;

    private final GigeDeviceConfig config;
    private final DeviceClock clock;
    private final PtpDataSetSource ptp;
    private final HostClock hostClock;
    private final Consumer<LatchTruth> latchListener;
    private final String xml;
    private final byte[] xmlBytes;
    private final long commandDelayNs;
    private final long disconnectAfterLatches;
    private final RegisterSpace registers = new RegisterSpace();
    private final DatagramSocket gvcpSocket;
    private final DatagramSocket broadcastSocket;
    private final Thread gvcpThread;
    private final Thread discoveryThread;
    private volatile boolean closed;

    // guarded by this device's monitor
    private final ControlChannel control;
    private final ArrayDeque<LatchTruth> truths = new ArrayDeque<>();
    private byte[] userDefinedName;
    private int gvcpConfiguration;
    private long gevLatchedTicks;
    private long tisLatchedNs;
    private Long frozenGevTicks;
    private Long frozenTisNs;
    private boolean ptpEnabled;
    private PtpDataSet latchedPtp;
    private long latchCount;
    private boolean silent;
    private Acknowledge lastAcknowledge;

    private record Acknowledge(InetSocketAddress to, int command, int requestId, byte[] bytes) {
    }

    private GigeVisionDevice(GigeDeviceConfig config, DeviceClock clock, PtpDataSetSource ptp, HostClock hostClock,
                             Consumer<LatchTruth> latchListener) throws IOException {
        if (config.advertisedAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("a camera bound to " + config.bind() + " must advertise the unicast "
                    + "address clients reach it at (GigeDeviceConfig.advertising)");
        }
        this.config = config;
        this.clock = clock;
        this.ptp = ptp;
        this.hostClock = hostClock;
        this.latchListener = latchListener;
        this.xml = GenicamXml.of(config.identity(), !config.has(GigeFault.Kind.NO_PTP_DATA_SET));
        this.xmlBytes = GenicamXml.bytes(xml);
        this.commandDelayNs = GigeFault.amount(config.faults(), GigeFault.Kind.COMMAND_DELAY, 0);
        this.disconnectAfterLatches = GigeFault.amount(config.faults(), GigeFault.Kind.DISCONNECT_AFTER,
                Long.MAX_VALUE);
        this.control = new ControlChannel(config.heartbeatTimeoutMs());
        this.userDefinedName = config.identity().userDefinedName().getBytes(StandardCharsets.UTF_8);
        this.gvcpConfiguration = config.pendingAckEnabled() ? Gvcp.CONFIGURATION_PENDING_ACK_ENABLE : 0;
        PtpDataSet powerUp = ptp.current();
        this.ptpEnabled = powerUp.enabled();
        this.latchedPtp = powerUp; // the data set registers hold the power-up state until the first PtpDataSetLatch
        declareRegisters();

        this.gvcpSocket = new DatagramSocket(null);
        DatagramSocket broadcast = null;
        try {
            gvcpSocket.bind(config.bind());
            InetAddress bound = gvcpSocket.getLocalAddress();
            if (config.broadcastDiscoveryPort() >= 0 && !bound.isAnyLocalAddress()) {
                // a socket bound to a unicast address does not hear 255.255.255.255; this one does (shared
                // with other cameras on the host, as aravis' fake camera shares it)
                broadcast = new DatagramSocket(null);
                broadcast.setReuseAddress(true);
                int port = config.broadcastDiscoveryPort() == 0 ? gvcpSocket.getLocalPort()
                        : config.broadcastDiscoveryPort();
                try {
                    broadcast.bind(new InetSocketAddress(InetAddress.getByName("255.255.255.255"), port));
                } catch (BindException noBroadcast) {
                    // a network without broadcast (a private namespace with loopback only): unicast discovery only
                    broadcast.close();
                    broadcast = null;
                }
            }
        } catch (IOException e) {
            gvcpSocket.close();
            if (broadcast != null) {
                broadcast.close();
            }
            throw e;
        }
        this.broadcastSocket = broadcast;
        String name = "sim-gige " + config.identity().serialNumber();
        this.gvcpThread = new Thread(() -> serve(gvcpSocket, false), name + " gvcp");
        this.discoveryThread = broadcast == null ? null
                : new Thread(() -> serve(broadcastSocket, true), name + " discovery");
    }

    /** Starts a camera answering on {@code config.bind()}, latching the host's CLOCK_REALTIME-driven clock. */
    public static GigeVisionDevice start(GigeDeviceConfig config, DeviceClock clock, PtpDataSetSource ptp) {
        return start(config, clock, ptp, HostClock.SYSTEM, truth -> {
        });
    }

    /**
     * @param latchListener told of every latch, on the device's thread, before the latch is acknowledged
     * @throws UncheckedIOException when a socket cannot be bound (e.g. the port is taken)
     */
    public static GigeVisionDevice start(GigeDeviceConfig config, DeviceClock clock, PtpDataSetSource ptp,
                                         HostClock hostClock, Consumer<LatchTruth> latchListener) {
        try {
            GigeVisionDevice device = new GigeVisionDevice(config, clock, ptp, hostClock, latchListener);
            device.gvcpThread.setDaemon(true);
            device.gvcpThread.start();
            if (device.discoveryThread != null) {
                device.discoveryThread.setDaemon(true);
                device.discoveryThread.start();
            }
            return device;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulated GigE camera " + config.identity().serialNumber()
                    + " to " + config.bind() + " (and 255.255.255.255 for discovery)", e);
        }
    }

    /** The address the GVCP socket is bound to (the actual port when {@code config.bind()} asked for 0). */
    public InetSocketAddress gvcpAddress() {
        return (InetSocketAddress) gvcpSocket.getLocalSocketAddress();
    }

    public GigeDeviceConfig config() {
        return config;
    }

    /** The GenICam file in device memory, as the first URL points at it. */
    public String genicamXml() {
        return xml;
    }

    /** The most recent latches (up to 10 000), oldest first. */
    public synchronized List<LatchTruth> latches() {
        return List.copyOf(truths);
    }

    /** Whether the {@code disconnectAfter} fault has struck: the camera answers nothing any more. */
    public synchronized boolean isSilent() {
        return silent;
    }

    /** The application holding the control channel privilege, if any. */
    public synchronized Optional<InetSocketAddress> primaryApplication() {
        control.expire(System.nanoTime());
        return control.primary();
    }

    RegisterSpace registers() {
        return registers;
    }

    @Override
    public void close() {
        closed = true;
        gvcpSocket.close();
        if (broadcastSocket != null) {
            broadcastSocket.close();
        }
        LockSupport.unpark(gvcpThread);
        try {
            gvcpThread.join(JOIN_BOUND_MS);
            if (discoveryThread != null) {
                discoveryThread.join(JOIN_BOUND_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the address space ----

    private void declareRegisters() {
        DeviceIdentity id = config.identity();
        int ip = ipv4(config.advertisedAddress());
        registers.readOnly(Gvcp.VERSION, "Version", () -> 0x0002_0000); // GigE Vision 2.0
        registers.readOnly(Gvcp.DEVICE_MODE, "Device Mode",
                () -> Gvcp.DEVICE_MODE_BIG_ENDIAN | Gvcp.DEVICE_MODE_CHARSET_UTF8); // transmitter, single link
        registers.readOnly(Gvcp.MAC_HIGH, "Device MAC Address High", () -> (int) (id.macAddress() >>> 32));
        registers.readOnly(Gvcp.MAC_LOW, "Device MAC Address Low", () -> (int) id.macAddress());
        int ipConfiguration = Gvcp.IP_CONFIGURATION_DHCP | Gvcp.IP_CONFIGURATION_LLA;
        registers.readOnly(Gvcp.SUPPORTED_IP_CONFIGURATION, "Supported IP Configuration", () -> ipConfiguration);
        registers.readOnly(Gvcp.CURRENT_IP_CONFIGURATION, "Current IP Configuration", () -> ipConfiguration);
        reserved(0x0018, Gvcp.CURRENT_IP_ADDRESS);
        registers.readOnly(Gvcp.CURRENT_IP_ADDRESS, "Current IP Address", () -> ip);
        reserved(0x0028, Gvcp.CURRENT_SUBNET_MASK);
        registers.readOnly(Gvcp.CURRENT_SUBNET_MASK, "Current Subnet Mask", () -> 0xFF00_0000);
        reserved(0x0038, Gvcp.CURRENT_GATEWAY);
        registers.readOnly(Gvcp.CURRENT_GATEWAY, "Current Default Gateway", () -> 0);
        string(Gvcp.MANUFACTURER_NAME, Gvcp.MANUFACTURER_NAME_BYTES, "Manufacturer Name", id.vendorName());
        string(Gvcp.MODEL_NAME, Gvcp.MODEL_NAME_BYTES, "Model Name", id.modelName());
        string(Gvcp.DEVICE_VERSION, Gvcp.DEVICE_VERSION_BYTES, "Device Version", id.deviceVersion());
        string(Gvcp.MANUFACTURER_INFO, Gvcp.MANUFACTURER_INFO_BYTES, "Manufacturer Info", id.manufacturerInfo());
        string(Gvcp.SERIAL_NUMBER, Gvcp.SERIAL_NUMBER_BYTES, "Serial Number", id.serialNumber());
        registers.add(new Region(Gvcp.USER_DEFINED_NAME, Gvcp.USER_DEFINED_NAME_BYTES, RegisterSpace.Access.RW,
                "User-defined Name", () -> Arrays.copyOf(userDefinedName, Gvcp.USER_DEFINED_NAME_BYTES),
                data -> userDefinedName = data.clone()));
        string(Gvcp.FIRST_URL, Gvcp.URL_BYTES, "First URL", GenicamXml.localUrl(xmlBytes.length));
        string(Gvcp.SECOND_URL, Gvcp.URL_BYTES, "Second URL", "");
        registers.readOnly(Gvcp.NUMBER_OF_NETWORK_INTERFACES, "Number of Network Interfaces", () -> 1);
        registers.readOnly(Gvcp.NUMBER_OF_MESSAGE_CHANNELS, "Number of Message Channels", () -> 0);
        registers.readOnly(Gvcp.NUMBER_OF_STREAM_CHANNELS, "Number of Stream Channels", () -> 0); // no images
        registers.readOnly(Gvcp.NUMBER_OF_ACTIVE_LINKS, "Number of Active Links", () -> 1);
        registers.readOnly(Gvcp.STREAM_CHANNEL_CAPABILITY, "GVSP Capability", () -> 0);
        registers.readOnly(Gvcp.MESSAGE_CHANNEL_CAPABILITY, "Message Channel Capability", () -> 0);
        registers.readOnly(Gvcp.GVCP_CAPABILITY, "GVCP Capability", () -> Gvcp.CAPABILITY_USER_DEFINED_NAME
                | Gvcp.CAPABILITY_SERIAL_NUMBER | Gvcp.CAPABILITY_PENDING_ACK | Gvcp.CAPABILITY_WRITEMEM
                | Gvcp.CAPABILITY_CONCATENATION);
        registers.register(Gvcp.HEARTBEAT_TIMEOUT, "Heartbeat Timeout", control::heartbeatTimeoutMs,
                control::heartbeatTimeoutMs);
        registers.readOnly(Gvcp.TIMESTAMP_TICK_FREQUENCY_HIGH, "Timestamp Tick Frequency High",
                () -> (int) (config.tickFrequencyHz() >>> 32));
        registers.readOnly(Gvcp.TIMESTAMP_TICK_FREQUENCY_LOW, "Timestamp Tick Frequency Low",
                () -> (int) config.tickFrequencyHz());
        registers.register(Gvcp.TIMESTAMP_CONTROL, "Timestamp Control", null, this::writeTimestampControl);
        registers.readOnly(Gvcp.TIMESTAMP_VALUE_HIGH, "Timestamp Value High", () -> (int) (gevLatchedTicks >>> 32));
        registers.readOnly(Gvcp.TIMESTAMP_VALUE_LOW, "Timestamp Value Low", () -> (int) gevLatchedTicks);
        registers.register(Gvcp.GVCP_CONFIGURATION, "GVCP Configuration", () -> gvcpConfiguration,
                value -> gvcpConfiguration = value & Gvcp.CONFIGURATION_PENDING_ACK_ENABLE); // the one we support
        registers.readOnly(Gvcp.PENDING_TIMEOUT, "Pending Timeout", config::pendingTimeoutMs);
        registers.readOnly(Gvcp.PHYSICAL_LINK_CAPABILITY, "Physical Link Configuration Capability",
                () -> Gvcp.PHYSICAL_LINK_SINGLE_LINK);
        registers.readOnly(Gvcp.PHYSICAL_LINK_CONFIGURATION, "Physical Link Configuration", () -> 0);
        // written through writeRegister, which knows the writer's address
        registers.register(Gvcp.CONTROL_CHANNEL_PRIVILEGE, "Control Channel Privilege", control::privilege,
                value -> {
                    throw new IllegalStateException("the privilege is written by the command handler");
                });
        registers.readOnly(Gvcp.PRIMARY_APPLICATION_PORT, "Primary Application Port",
                () -> control.primary().map(InetSocketAddress::getPort).orElse(0));
        registers.readOnly(Gvcp.PRIMARY_APPLICATION_IP_ADDRESS, "Primary Application IP Address",
                () -> control.primary().map(primary -> ipv4(primary.getAddress())).orElse(0));

        string(GenicamXml.FIRMWARE_VERSION, GenicamXml.FIRMWARE_VERSION_BYTES, "DeviceFirmwareVersion",
                id.firmwareVersion());
        registers.register(GenicamXml.TIMESTAMP_LATCH, "TimestampLatch", null, value -> {
            if (value != GenicamXml.COMMAND_EXECUTE) {
                throw new GvcpStatusException(Gvcp.STATUS_INVALID_PARAMETER, "TimestampLatch executes with 1");
            }
            latch(LatchTruth.Kind.TIMESTAMP_LATCH);
        });
        registers.add(new Region(GenicamXml.TIMESTAMP_LATCH_VALUE, 8, RegisterSpace.Access.RO, "TimestampLatchValue",
                () -> RegisterSpace.int64(tisLatchedNs), null));
        registers.register(GenicamXml.PTP_ENABLE, "PtpEnable", () -> ptpEnabled ? 1 : 0, value -> {
            if (value != 0 && value != 1) {
                throw new GvcpStatusException(Gvcp.STATUS_INVALID_PARAMETER, "PtpEnable is 0 or 1");
            }
            ptpEnabled = value == 1;
        });
        if (!config.has(GigeFault.Kind.NO_PTP_DATA_SET)) {
            declarePtpDataSet();
        }
        int fileLength = (xmlBytes.length + 3) / 4 * 4; // READMEM reads whole 32-bit words
        registers.readOnlyBytes(GenicamXml.FILE_ADDRESS, fileLength, "GenICam file", () -> xmlBytes);
    }

    private void declarePtpDataSet() {
        registers.register(GenicamXml.PTP_DATA_SET_LATCH, "PtpDataSetLatch", null, value -> {
            if (value != GenicamXml.COMMAND_EXECUTE) {
                throw new GvcpStatusException(Gvcp.STATUS_INVALID_PARAMETER, "PtpDataSetLatch executes with 1");
            }
            PtpDataSet live = ptp.current();
            latchedPtp = ptpEnabled && live.enabled() ? live : PtpDataSet.disabled(live.clockId());
        });
        registers.readOnly(GenicamXml.PTP_STATUS, "PtpStatus", () -> latchedPtp.status().code());
        registers.readOnly(GenicamXml.PTP_SERVO_STATUS, "PtpServoStatus", () -> latchedPtp.servoStatus().code());
        registers.readOnly(GenicamXml.PTP_CLOCK_ACCURACY, "PtpClockAccuracy",
                () -> latchedPtp.clockAccuracy().code());
        int64(GenicamXml.PTP_OFFSET_FROM_MASTER, "PtpOffsetFromMaster", () -> latchedPtp.offsetFromMasterNs());
        int64(GenicamXml.PTP_GRANDMASTER_CLOCK_ID, "PtpGrandmasterClockID",
                () -> latchedPtp.grandmasterClockId().value());
        int64(GenicamXml.PTP_PARENT_CLOCK_ID, "PtpParentClockID", () -> latchedPtp.parentClockId().value());
        int64(GenicamXml.PTP_CLOCK_ID, "PtpClockID", () -> latchedPtp.clockId().value());
    }

    private void reserved(int from, int to) {
        registers.readOnlyBytes(from, to - from, "reserved", () -> new byte[0]);
    }

    private void string(int address, int length, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        registers.readOnlyBytes(address, length, name, () -> bytes);
    }

    private void int64(int address, String name, LongSupplier value) {
        registers.add(new Region(address, 8, RegisterSpace.Access.RO, name,
                () -> RegisterSpace.int64(value.getAsLong()), null));
    }

    private static int ipv4(InetAddress address) {
        return ByteBuffer.wrap(address.getAddress()).getInt();
    }

    // ---- latching ----

    private void writeTimestampControl(int value) throws GvcpStatusException {
        if ((value & Gvcp.TIMESTAMP_CONTROL_RESET) != 0) {
            // the counter follows PTP; the GenICam file declares no GevTimestampControlReset
            throw new GvcpStatusException(Gvcp.STATUS_INVALID_PARAMETER, "the PTP-disciplined counter is not reset");
        }
        if ((value & Gvcp.TIMESTAMP_CONTROL_LATCH) != 0) {
            latch(LatchTruth.Kind.GEV_TIMESTAMP_CONTROL_LATCH);
        }
    }

    /** Latches now; the caller holds the monitor. */
    private void latch(LatchTruth.Kind kind) {
        long hostNs = hostClock.nowNs();
        long deviceNs = clock.deviceNsAt(hostNs);
        long reported;
        if (kind == LatchTruth.Kind.TIMESTAMP_LATCH) {
            if (config.has(GigeFault.Kind.FROZEN) && frozenTisNs == null) {
                frozenTisNs = deviceNs;
            }
            reported = config.has(GigeFault.Kind.ZERO) ? 0
                    : config.has(GigeFault.Kind.FROZEN) ? frozenTisNs : deviceNs;
            tisLatchedNs = reported;
        } else {
            long ticks = ticks(deviceNs);
            if (config.has(GigeFault.Kind.FROZEN) && frozenGevTicks == null) {
                frozenGevTicks = ticks;
            }
            reported = config.has(GigeFault.Kind.ZERO) ? 0
                    : config.has(GigeFault.Kind.FROZEN) ? frozenGevTicks : ticks;
            gevLatchedTicks = reported;
        }
        latchCount++;
        LatchTruth truth = new LatchTruth(kind, hostNs, deviceNs, reported, latchCount);
        if (truths.size() == TRUTH_KEPT) {
            truths.removeFirst();
        }
        truths.addLast(truth);
        if (latchCount >= disconnectAfterLatches) {
            silent = true; // this latch is still acknowledged: the handler checked before it
        }
        latchListener.accept(truth);
    }

    private long ticks(long deviceNs) {
        if (config.tickFrequencyHz() == GigeDeviceConfig.NS_TICK_FREQUENCY_HZ) {
            return deviceNs;
        }
        return BigInteger.valueOf(deviceNs).multiply(BigInteger.valueOf(config.tickFrequencyHz()))
                .divide(BigInteger.valueOf(GigeDeviceConfig.NS_TICK_FREQUENCY_HZ)).longValue();
    }

    // ---- GVCP ----

    private void serve(DatagramSocket socket, boolean discoveryOnly) {
        byte[] buffer = new byte[MAX_DATAGRAM_BYTES];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketException closedSocket) {
                return; // close()
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                throw new UncheckedIOException("simulated GigE camera " + config.identity().serialNumber()
                        + " cannot receive", e);
            }
            byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
            handle(datagram, (InetSocketAddress) packet.getSocketAddress(), discoveryOnly);
        }
    }

    private void handle(byte[] datagram, InetSocketAddress source, boolean discoveryOnly) {
        if (datagram.length < Gvcp.HEADER_BYTES || (datagram[0] & 0xFF) != Gvcp.KEY_CODE) {
            return; // not a GVCP command
        }
        ByteBuffer in = ByteBuffer.wrap(datagram);
        int flags = in.get(1) & 0xFF;
        int command = in.getShort(2) & 0xFFFF;
        int length = in.getShort(4) & 0xFFFF;
        int requestId = in.getShort(6) & 0xFFFF;
        if (length > datagram.length - Gvcp.HEADER_BYTES) {
            return; // truncated
        }
        byte[] payload = Arrays.copyOfRange(datagram, Gvcp.HEADER_BYTES, Gvcp.HEADER_BYTES + length);
        boolean ackRequired = (flags & Gvcp.FLAG_ACK_REQUIRED) != 0;
        if (command == Gvcp.DISCOVERY_CMD) {
            byte[] ack = discoveryAck(requestId);
            if (ack != null && ackRequired) {
                send(ack, source);
            }
            return;
        }
        if (discoveryOnly) {
            return;
        }
        byte[] ack;
        synchronized (this) {
            if (silent) {
                return;
            }
            control.heard(source, System.nanoTime());
            if (lastAcknowledge != null && lastAcknowledge.to().equals(source)
                    && lastAcknowledge.command() == command && lastAcknowledge.requestId() == requestId) {
                ack = lastAcknowledge.bytes(); // a retry of the last command: answered again, not executed twice
                send(ack, source);
                return;
            }
        }
        long delayNs = latchesIn(command, payload) ? commandDelayNs : 0;
        if (delayNs > 0 && !takeTime(delayNs, source, requestId, ackRequired)) {
            return; // closed meanwhile
        }
        synchronized (this) {
            if (silent) {
                return;
            }
            ack = execute(command, payload, requestId, source);
            lastAcknowledge = new Acknowledge(source, command, requestId, ack);
            control.answered(source, System.nanoTime());
        }
        if (ackRequired) {
            send(ack, source);
        }
    }

    /** Whether the command writes a latch: only those take the {@code commandDelay} fault's time. */
    private static boolean latchesIn(int command, byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        if (command == Gvcp.WRITEREG_CMD) {
            for (int i = 0; i + 8 <= payload.length; i += 8) {
                if (isLatch(in.getInt(i) & 0xFFFF_FFFFL, in.getInt(i + 4))) {
                    return true;
                }
            }
        } else if (command == Gvcp.WRITEMEM_CMD && payload.length >= 8) {
            long address = in.getInt(0) & 0xFFFF_FFFFL;
            for (int i = 4; i + 4 <= payload.length; i += 4, address += 4) {
                if (isLatch(address, in.getInt(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLatch(long address, int value) {
        return address == Gvcp.TIMESTAMP_CONTROL && (value & Gvcp.TIMESTAMP_CONTROL_LATCH) != 0
                || address == GenicamXml.TIMESTAMP_LATCH && value == GenicamXml.COMMAND_EXECUTE;
    }

    /**
     * Spends {@code delayNs} on the command, telling the client with PENDING_ACKs when that is beyond the pending
     * timeout and the client enabled them (GVCP configuration bit 30). False when the device closed meanwhile.
     */
    private boolean takeTime(long delayNs, InetSocketAddress source, int requestId, boolean ackRequired) {
        long pendingTimeoutNs = config.pendingTimeoutMs() * 1_000_000L;
        long endNanoTime = System.nanoTime() + delayNs;
        long pendingUntilNanoTime = Long.MIN_VALUE;
        for (long remainingNs = delayNs; remainingNs > 0; remainingNs = endNanoTime - System.nanoTime()) {
            if (closed) {
                return false;
            }
            boolean pendingAckEnabled;
            synchronized (this) {
                pendingAckEnabled = (gvcpConfiguration & Gvcp.CONFIGURATION_PENDING_ACK_ENABLE) != 0;
            }
            long now = System.nanoTime();
            if (ackRequired && pendingAckEnabled && remainingNs > pendingTimeoutNs && now >= pendingUntilNanoTime) {
                // the promise must hold when the ACK reaches the client: a pending timeout of margin on top
                long timeToCompletionMs = Math.min(MAX_TIME_TO_COMPLETION_MS,
                        (remainingNs + 999_999) / 1_000_000 + config.pendingTimeoutMs());
                send(acknowledge(Gvcp.STATUS_SUCCESS, Gvcp.PENDING_ACK, requestId,
                        ByteBuffer.allocate(4).putShort((short) 0).putShort((short) timeToCompletionMs).array()),
                        source);
                // a longer command gets its next PENDING_ACK that margin before this one runs out
                pendingUntilNanoTime = now + timeToCompletionMs * 1_000_000L - pendingTimeoutNs;
            }
            long parkNs = remainingNs;
            if (pendingUntilNanoTime != Long.MIN_VALUE) {
                parkNs = Math.min(parkNs, Math.max(1, pendingUntilNanoTime - now));
            }
            LockSupport.parkNanos(this, parkNs);
        }
        return !closed;
    }

    /** Executes one command (not discovery); the caller holds the monitor. */
    private byte[] execute(int command, byte[] payload, int requestId, InetSocketAddress source) {
        return switch (command) {
            case Gvcp.READREG_CMD -> readRegisters(payload, requestId, source);
            case Gvcp.WRITEREG_CMD -> writeRegisters(payload, requestId, source);
            case Gvcp.READMEM_CMD -> readMemory(payload, requestId, source);
            case Gvcp.WRITEMEM_CMD -> writeMemory(payload, requestId, source);
            // answered with the ack id that follows the command id, as every GVCP command is
            default -> acknowledge(Gvcp.STATUS_NOT_IMPLEMENTED, Gvcp.ackFor(command), requestId, new byte[0]);
        };
    }

    private byte[] readRegisters(byte[] payload, int requestId, InetSocketAddress source) {
        int count = payload.length / 4;
        if (payload.length % 4 != 0 || count == 0 || count > MAX_CONCATENATED) {
            return acknowledge(Gvcp.STATUS_INVALID_PARAMETER, Gvcp.READREG_ACK, requestId, new byte[0]);
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        ByteBuffer values = ByteBuffer.allocate(payload.length);
        for (int i = 0; i < count; i++) {
            long address = in.getInt(4 * i) & 0xFFFF_FFFFL;
            try {
                values.put(readChecked(address, 4, source));
            } catch (GvcpStatusException e) {
                // the registers read before the failing one are still returned
                return acknowledge(e.status(), Gvcp.READREG_ACK, requestId, Arrays.copyOf(values.array(), 4 * i));
            }
        }
        return acknowledge(Gvcp.STATUS_SUCCESS, Gvcp.READREG_ACK, requestId, values.array());
    }

    private byte[] writeRegisters(byte[] payload, int requestId, InetSocketAddress source) {
        int count = payload.length / 8;
        if (payload.length % 8 != 0 || count == 0 || count > MAX_CONCATENATED) {
            return acknowledge(Gvcp.STATUS_INVALID_PARAMETER, Gvcp.WRITEREG_ACK, requestId, index(0));
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        for (int i = 0; i < count; i++) {
            long address = in.getInt(8 * i) & 0xFFFF_FFFFL;
            int value = in.getInt(8 * i + 4);
            try {
                writeChecked(address, RegisterSpace.int32(value), source);
            } catch (GvcpStatusException e) {
                // the index tells how many registers were written before the failing one
                return acknowledge(e.status(), Gvcp.WRITEREG_ACK, requestId, index(i));
            }
        }
        return acknowledge(Gvcp.STATUS_SUCCESS, Gvcp.WRITEREG_ACK, requestId, index(count));
    }

    private byte[] readMemory(byte[] payload, int requestId, InetSocketAddress source) {
        if (payload.length != 8) {
            return acknowledge(Gvcp.STATUS_INVALID_PARAMETER, Gvcp.READMEM_ACK, requestId, new byte[0]);
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        long address = in.getInt(0) & 0xFFFF_FFFFL;
        int count = in.getShort(6) & 0xFFFF;
        byte[] addressBytes = Arrays.copyOf(payload, 4);
        try {
            if (count == 0 || count % 4 != 0 || count > MAX_MEMORY_BYTES) {
                throw new GvcpStatusException(Gvcp.STATUS_INVALID_PARAMETER,
                        "READMEM reads 4 to " + MAX_MEMORY_BYTES + " bytes, a multiple of 4");
            }
            byte[] data = readChecked(address, count, source);
            return acknowledge(Gvcp.STATUS_SUCCESS, Gvcp.READMEM_ACK, requestId,
                    ByteBuffer.allocate(4 + count).put(addressBytes).put(data).array());
        } catch (GvcpStatusException e) {
            return acknowledge(e.status(), Gvcp.READMEM_ACK, requestId, addressBytes);
        }
    }

    private byte[] writeMemory(byte[] payload, int requestId, InetSocketAddress source) {
        int count = payload.length - 4;
        try {
            if (count <= 0 || count % 4 != 0 || count > MAX_MEMORY_BYTES) {
                throw new GvcpStatusException(Gvcp.STATUS_INVALID_PARAMETER,
                        "WRITEMEM writes 4 to " + MAX_MEMORY_BYTES + " bytes, a multiple of 4");
            }
            long address = ByteBuffer.wrap(payload).getInt(0) & 0xFFFF_FFFFL;
            writeChecked(address, Arrays.copyOfRange(payload, 4, payload.length), source);
            // the index tells how many bytes were written: all of them, or none when refused
            return acknowledge(Gvcp.STATUS_SUCCESS, Gvcp.WRITEMEM_ACK, requestId, index(count));
        } catch (GvcpStatusException e) {
            return acknowledge(e.status(), Gvcp.WRITEMEM_ACK, requestId, index(0));
        }
    }

    private byte[] readChecked(long address, int count, InetSocketAddress source) throws GvcpStatusException {
        if (address % 4 != 0) {
            throw new GvcpStatusException(Gvcp.STATUS_BAD_ALIGNMENT, "addresses are 32-bit aligned");
        }
        if (!control.mayRead(source)) {
            throw new GvcpStatusException(Gvcp.STATUS_ACCESS_DENIED, "another application has exclusive access");
        }
        return registers.read(address, count);
    }

    private void writeChecked(long address, byte[] data, InetSocketAddress source) throws GvcpStatusException {
        if (address % 4 != 0) {
            throw new GvcpStatusException(Gvcp.STATUS_BAD_ALIGNMENT, "addresses are 32-bit aligned");
        }
        if (!control.mayWrite(source)) {
            throw new GvcpStatusException(Gvcp.STATUS_ACCESS_DENIED, "another application controls the camera");
        }
        if (address == Gvcp.CONTROL_CHANNEL_PRIVILEGE && data.length == 4) {
            control.writePrivilege(source, ByteBuffer.wrap(data).getInt(), System.nanoTime());
            return;
        }
        if (address <= Gvcp.CONTROL_CHANNEL_PRIVILEGE && Gvcp.CONTROL_CHANNEL_PRIVILEGE < address + data.length) {
            throw new GvcpStatusException(Gvcp.STATUS_BAD_ALIGNMENT, "the privilege register is written alone");
        }
        registers.write(address, data);
    }

    private byte[] discoveryAck(int requestId) {
        byte[] data;
        synchronized (this) {
            if (silent) {
                return null;
            }
            try {
                data = registers.read(0, Gvcp.DISCOVERY_DATA_BYTES);
            } catch (GvcpStatusException e) {
                throw new IllegalStateException("the discovery block is declared in full", e);
            }
        }
        return acknowledge(Gvcp.STATUS_SUCCESS, Gvcp.DISCOVERY_ACK, requestId, data);
    }

    /** An acknowledge: status, acknowledge id, payload length, the command's request id, payload. */
    private static byte[] acknowledge(int status, int ackId, int requestId, byte[] payload) {
        return ByteBuffer.allocate(Gvcp.HEADER_BYTES + payload.length).putShort((short) status)
                .putShort((short) ackId).putShort((short) payload.length).putShort((short) requestId).put(payload)
                .array();
    }

    /** WRITEREG_ACK/WRITEMEM_ACK payload: 16 reserved bits, then the 16-bit index. */
    private static byte[] index(int index) {
        return ByteBuffer.allocate(4).putShort((short) 0).putShort((short) index).array();
    }

    private void send(byte[] bytes, InetSocketAddress destination) {
        try {
            gvcpSocket.send(new DatagramPacket(bytes, bytes.length, destination));
        } catch (IOException e) {
            // like a camera: an acknowledge that cannot go out is lost, the client times out
        }
    }
}
