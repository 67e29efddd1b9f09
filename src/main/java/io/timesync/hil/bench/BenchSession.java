package io.timesync.hil.bench;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.camera.AlignmentMeasurement;
import io.timesync.hil.camera.CameraBackend;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.camera.aravis.AravisCameraBackend;
import io.timesync.hil.camera.ic4.Ic4CameraBackend;
import io.timesync.hil.config.CameraBackendChoice;
import io.timesync.hil.checks.Finding;
import io.timesync.hil.checks.GrandmasterChecks;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.config.BenchConfigException;
import io.timesync.hil.config.BenchConfigLoader;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.ptp.GrandmasterWatch;
import io.timesync.hil.ptp.Ptp4lUtcOffset;
import io.timesync.hil.ptp.PtpManagementClient;
import io.timesync.hil.ptp.protocol.DefaultDataSet;
import io.timesync.hil.report.EvidenceStore;
import io.timesync.hil.report.InterruptedRunGuard;
import io.timesync.hil.config.SensorSpec;
import io.timesync.hil.sensor.SensorCaptures;
import io.timesync.hil.sensor.SensorSettings;
import io.timesync.hil.sensor.api.OusterApiReading;
import io.timesync.hil.sensor.api.SensorApis;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.HostClock;
import io.timesync.hil.time.Timeline;
import io.timesync.hil.time.UtcOffset;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bench of one run, and the composition root of the suite: the only place that knows every bench part.
 * It starts the simulated parts of a simulated bench and registers every fixture (ptp4l's client, the cameras,
 * the sensors' capture, the configuration, the evidence) with the factory that opens it on first use; at the
 * end it closes whatever was opened, newest first. Requirement tests (through the JUnit extension) and the quick
 * check both use it.
 */
public final class BenchSession implements AutoCloseable {
    /** Raw evidence (datasets, camera latches, packet records) is written here as it is measured. */
    public static final Path EVIDENCE_DIRECTORY = Path.of("target", "hil-evidence");
    /** Every change the grandmaster watch saw, written as it is seen. */
    public static final Path WATCH_LOG = Path.of("ptp4l", "grandmaster-watch.csv");
    /** A sensor's HTTP API answers in milliseconds; these bound a sensor that does not. */
    private static final long SENSOR_API_CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(3);
    private static final long SENSOR_API_REQUEST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    /** How often each sensor's PTP page is read during the run (its servo is judged over the capture window). */
    private static final long SENSOR_API_WATCH_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long SIMULATED_SENSOR_MARGIN_NS = TimeUnit.SECONDS.toNanos(60);

    private final BenchConfig config;
    private final EvidenceStore evidence;
    private final PrintStream console;
    private final Fixtures fixtures;
    private final RunEnvironment environment;
    private final InterruptedRunGuard interruptGuard;
    private boolean grandmasterWaitedOut;

    private BenchSession(BenchConfig config, EvidenceStore evidence, PrintStream console, Fixtures fixtures,
                         SimulatedBench simulation, Path ptp4lSocket, String afterInterrupt) {
        this.config = config;
        this.evidence = evidence;
        this.console = console;
        this.fixtures = fixtures;
        this.environment = new RunEnvironment(config, config.simulated() ? simulation.description() : "no",
                ptp4lSocket, evidence);
        this.interruptGuard = new InterruptedRunGuard(evidence,
                () -> environment.record(Optional.empty(), Optional.empty(), Optional.empty()), this::watchedSoFar, afterInterrupt);
        register(simulation, ptp4lSocket);
        grandmasterWatch(); // watches from the bench's opening to its close
        environment.record(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param evidenceDirectory where this run's raw evidence goes (an earlier run's is removed)
     * @param console           where measurements are printed as they are taken
     * @param afterInterrupt    what the user can do with an interrupted run (printed then)
     */
    public static BenchSession open(BenchConfig config, Path evidenceDirectory, PrintStream console,
                                    String afterInterrupt) {
        EvidenceStore evidence;
        try {
            evidence = EvidenceStore.fresh(evidenceDirectory);
        } catch (IllegalArgumentException e) {
            throw new BenchConfigException("-D" + BenchConfigLoader.EVIDENCE_DIR_PROPERTY, e.getMessage());
        }
        Fixtures fixtures = new Fixtures();
        try {
            SimulatedBench simulation = fixtures.started(SimulatedBench.start(config));
            Path socket = simulation.ptp4lSocket()
                    .orElseGet(() -> PtpManagementClient.chooseSocket(config.ptp4l().socket().map(Path::of)));
            return new BenchSession(config, evidence, console, fixtures, simulation, socket, afterInterrupt);
        } catch (RuntimeException e) {
            fixtures.close();
            throw e;
        }
    }

    private void register(SimulatedBench simulation, Path ptp4lSocket) {
        fixtures.register(BenchConfig.class, () -> config);
        fixtures.register(EvidenceStore.class, () -> evidence);
        fixtures.register(PtpManagementClient.class, () -> PtpManagementClient.open(ptp4lSocket,
                config.ptp4l().domain(), config.ptp4l().replyTimeoutNs()));
        fixtures.register(GrandmasterWatch.class, () -> GrandmasterWatch.start(() -> PtpManagementClient.open(
                ptp4lSocket, config.ptp4l().domain(), config.ptp4l().replyTimeoutNs()), config.interfaces(),
                config.ptp4l().domain(), config.ptp4l().watchIntervalNs(), config.ptp4l().replyTimeoutNs(),
                HostClock.SYSTEM, evidence.claim(WATCH_LOG)));
        Supplier<UtcOffset> utcOffset = memoized(() -> Ptp4lUtcOffset.read(fixture(PtpManagementClient.class),
                config.ptp4l().utcOffsetNs()));
        fixtures.register(CameraRig.class, () -> config.cameras().map(settings -> cameraRig(settings, simulation,
                utcOffset)).orElseGet(CameraRig::none));
        fixtures.register(SensorApis.class, () -> SensorApis.open(simulation.sensorApis(this::hostClockIdentity),
                SENSOR_API_CONNECT_TIMEOUT_NS, SENSOR_API_REQUEST_TIMEOUT_NS, SENSOR_API_WATCH_INTERVAL_NS,
                HostClock.SYSTEM, name -> evidence.claim(Path.of("sensors", name))));
        fixtures.register(SensorCaptures.class, () -> sensorCaptures(simulation, utcOffset));
    }

    /**
     * The sensors' capture, each sensor's packet format from the bench file and its API: a sensor whose format
     * cannot be known (its API silent and keys auto, or the API contradicting the bench file) has its streams
     * broken with why, and the others are captured.
     */
    private SensorCaptures sensorCaptures(SimulatedBench simulation, Supplier<UtcOffset> utcOffset) {
        if (config.sensors().isEmpty()) {
            return SensorCaptures.none();
        }
        SensorApis apis = fixture(SensorApis.class);
        List<SensorSettings> known = new ArrayList<>();
        Map<String, RuntimeException> unknown = new LinkedHashMap<>();
        for (SensorSpec spec : config.sensors()) {
            try {
                known.add(!apis.asks(spec.name()) ? spec.explicit().orElseThrow() : formatOf(spec, apis));
            } catch (RuntimeException e) {
                unknown.put(spec.name(), e);
            }
        }
        return new SensorCaptures(known, unknown, config.packetTiming(), utcOffset,
                name -> evidence.claim(Path.of("sensors", name)),
                simulation.sensorFeed(2 * config.timeoutNs() + SIMULATED_SENSOR_MARGIN_NS), HostClock.SYSTEM,
                this::awaitGrandmaster);
    }

    private SensorSettings formatOf(SensorSpec spec, SensorApis apis) {
        OusterApiReading reading;
        try {
            reading = apis.reading(spec.name());
        } catch (RuntimeException e) {
            return SensorFormats.withoutApi(spec, e);
        }
        return SensorFormats.fromApi(spec, reading, config.values());
    }

    private CameraRig cameraRig(BenchConfig.CameraSettings settings, SimulatedBench simulation,
                                Supplier<UtcOffset> utcOffset) {
        Supplier<CameraBackend> backend;
        if (settings.backend() instanceof CameraBackendChoice.Ic4 ic4) {
            backend = () -> Ic4CameraBackend.load(ic4.library().orElse(Ic4CameraBackend.SYSTEM_LIBRARY));
        } else if (settings.backend() instanceof CameraBackendChoice.Aravis) {
            backend = AravisCameraBackend::load;
        } else {
            backend = () -> simulation.cameraBackend(settings.serials(), HostClock.SYSTEM, this::hostClockIdentity);
        }
        Supplier<Optional<UtcOffset>> hostReference = memoized(() -> settings.compareToHostClock()
                ? Optional.of(utcOffset.get()) : Optional.empty());
        AlignmentMeasurement measurement = new AlignmentMeasurement(new AlignmentMeasurement.Settings(
                settings.samples(), settings.intervalNs(), settings.latchRounds(), settings.callTimeoutNs(),
                config.timeoutNs()), HostClock.SYSTEM,
                new CameraMeasurementLog(evidence, console, settings, hostReference, this::hostPtpLine));
        return new CameraRig(settings.serials(), backend, measurement, hostReference, this::awaitGrandmaster);
    }

    public BenchConfig config() {
        return config;
    }

    public EvidenceStore evidence() {
        return evidence;
    }

    public boolean provides(Class<?> type) {
        return fixtures.provides(type);
    }

    /** The fixture of this type, opened on first use; throws why it could not be opened. */
    public <T> T fixture(Class<T> type) {
        return fixtures.get(type);
    }

    public PtpManagementClient ptp4l() {
        return fixture(PtpManagementClient.class);
    }

    public GrandmasterWatch grandmasterWatch() {
        return fixture(GrandmasterWatch.class);
    }

    public CameraRig cameras() {
        return fixture(CameraRig.class);
    }

    public SensorCaptures sensors() {
        return fixture(SensorCaptures.class);
    }

    public SensorApis sensorApis() {
        return fixture(SensorApis.class);
    }

    /** A test starts: its evidence gets its own folder, and an interrupted run reports it. */
    public void testStarted(String testClass, String test) {
        evidence.startTest(testClass, test);
        interruptGuard.testStarted(testClass + " > " + test);
    }

    public void testFinished() {
        interruptGuard.testFinished();
    }

    @Override
    public void close() {
        try {
            environment.record(fixtures.ifOpened(PtpManagementClient.class), fixtures.ifOpened(CameraRig.class),
                    fixtures.ifOpened(SensorApis.class));
        } finally {
            try {
                fixtures.close();
            } finally {
                interruptGuard.close();
            }
        }
    }

    /**
     * Measurements start once the grandmaster watch has seen the host hold its role (ptp4l may still be settling,
     * and the watch lags it by up to one interval), or after ptp4l's settle timeout, waited out once per run: then
     * what they measure is judged unproven.
     */
    private synchronized void awaitGrandmaster() {
        GrandmasterWatch watch = grandmasterWatch();
        if (grandmasterWaitedOut || watch.awaitHeld(0)) {
            return;
        }
        console.println("Waiting up to " + DurationText.format(config.ptp4l().settleTimeoutNs())
                + " for the host to hold the bench's grandmaster role before measuring");
        if (!watch.awaitHeld(config.ptp4l().settleTimeoutNs())) {
            grandmasterWaitedOut = true;
            console.println("The host does not hold the bench's grandmaster role: measuring anyway, unproven");
        }
    }

    /** The host ptp4l's clockIdentity, when ptp4l can be asked: the simulated cameras follow it. */
    private OptionalLong hostClockIdentity() {
        try {
            return OptionalLong.of(ptp4l().get(DefaultDataSet.ID).clockIdentity().value());
        } catch (BenchPartException e) {
            return OptionalLong.empty();
        }
    }

    /** For an interrupted run: what the grandmaster watch saw until then, judged, from its memory only. */
    private String watchedSoFar() {
        return fixtures.ifOpened(GrandmasterWatch.class).map(watch -> {
            Finding held = GrandmasterChecks.heldForTheWholeRun(watch.timeline(), HostClock.SYSTEM.nowNs());
            return "The grandmaster watch until then: " + held.measured() + (held.passed() ? ""
                    : " (" + held.message().split("\nexpected:")[0].replace('\n', ' ') + ")");
        }).orElse("");
    }

    /** The reference tool's per-sample host PTP line: what the grandmaster watch saw last. */
    private String hostPtpLine() {
        List<Timeline.Stretch<GrandmasterState>> stretches = grandmasterWatch().timeline().stretches();
        return stretches.isEmpty() ? "not asked yet" : stretches.get(stretches.size() - 1).state().description();
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
