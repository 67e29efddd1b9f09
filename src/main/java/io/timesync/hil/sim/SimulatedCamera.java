package io.timesync.hil.sim;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.camera.Camera;
import io.timesync.hil.camera.CameraPtpDataSet;
import io.timesync.hil.time.HostClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A GigE camera following the host's PTP grandmaster. Its clock reads host UTC + TAI offset + its offset +
 * drift + jitter. A latch call takes a GigE round trip (lognormal around the configured median: hundreds of
 * µs to a few ms, as the IC4 call takes on a real bench) and the camera latches where its {@link LatchPosition}
 * puts it inside the call as the call really ran, so being descheduled never makes it late or early. Every
 * latch's truth (the host instant it latched at, the value it latched) is kept for tests that check the suite's
 * bounds against it.
 */
public final class SimulatedCamera implements Camera {
    static final String MODEL = "DFK 33GX264e (simulated)";
    static final long PTP_LOCK_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(300);
    static final long JITTER_SIGMA_NS = 50;
    private static final double LATENCY_SPREAD = 0.45;
    private static final long UPTIME_AT_START_NS = TimeUnit.MINUTES.toNanos(5);
    private static final long TAI_UTC_OFFSET_NS = TimeUnit.SECONDS.toNanos(SimulatedPtp4lDatasets.TAI_UTC_OFFSET_S);
    /** A locked servo's reported offset from its master: tens of ns, as GigE PTP cameras hold it. */
    static final long SERVO_NOISE_SIGMA_NS = 30;
    /** The grandmaster of {@code otherGrandmaster}: another clock on the network. */
    static final long OTHER_GRANDMASTER_CLOCK_ID = 0x02005efffe0000bbL;
    /** The Imaging Source's OUI (00:07:48) with FF:FE, as a camera's EUI-64 clock identity begins. */
    private static final long CLOCK_ID_PREFIX = 0x000748fffe000000L;

    /** @param offsetNs the camera's true offset from PTP time (the benchmark's ground truth) */
    public record Model(String serial, long offsetNs, List<CameraFault> faults) {
        public Model {
            faults = List.copyOf(faults);
        }

        boolean has(CameraFault.Kind kind) {
            return Faults.has(faults, kind);
        }

        long amount(CameraFault.Kind kind) {
            return Faults.amount(faults, kind);
        }
    }

    private final Model model;
    private final HostClock clock;
    private final Supplier<OptionalLong> hostGrandmaster;
    private final long latchLatencyMedianNs;
    private final LatchPosition position;
    private final SplittableRandom random;
    private final long startUtcNs;
    private final long startNanoTime = System.nanoTime();
    // the faults, resolved once: a latch call does only arithmetic between its clock reads
    private final long offsetNs;
    private final long driftPpb;
    private final boolean freeRunning;
    private final long disconnectAfterLatches;
    private final List<LatchTruth> truths = new ArrayList<>();
    private int latches;
    private Long latchedNs;
    private Long frozenNs;

    /**
     * What really happened in one latch call.
     *
     * @param hostNs        the host clock (UTC) at the instant the camera latched
     * @param cameraTimeNs  the value the camera holds for the suite to read
     */
    public record LatchTruth(long hostNs, long cameraTimeNs) {
        /** The camera's true offset to the host clock at its latch instant. */
        public long offsetNs() {
            return cameraTimeNs - hostNs;
        }
    }

    /** @param hostGrandmaster the clock identity of the host's ptp4l, which a healthy camera follows (when known) */
    SimulatedCamera(Model model, HostClock clock, long latchLatencyMedianNs, LatchPosition position, long seed,
                    Supplier<OptionalLong> hostGrandmaster) {
        this.model = model;
        this.clock = clock;
        this.hostGrandmaster = hostGrandmaster;
        this.latchLatencyMedianNs = latchLatencyMedianNs;
        this.position = position;
        this.random = new SplittableRandom(seed);
        this.startUtcNs = clock.nowNs();
        this.offsetNs = model.offsetNs() + model.amount(CameraFault.Kind.OFFSET);
        this.driftPpb = model.amount(CameraFault.Kind.DRIFT);
        this.freeRunning = model.has(CameraFault.Kind.PTP_LISTENING);
        this.disconnectAfterLatches = model.has(CameraFault.Kind.DISCONNECT_AFTER)
                ? model.amount(CameraFault.Kind.DISCONNECT_AFTER) : Long.MAX_VALUE;
    }

    @Override
    public String serial() {
        return model.serial();
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Optional<String> deviceVersion() {
        return Optional.of("sim-1.0");
    }

    @Override
    public void latchTimestamp() {
        long callStartNs = clock.nowNs();
        synchronized (this) {
            requireConnected();
            if (model.has(CameraFault.Kind.LATCH_ERROR)) {
                throw new BenchPartMisbehavingException("camera " + serial() + " (" + MODEL + ")",
                        "TimestampLatch failed with GENICAM_DEVICE_ERROR (simulated)",
                        "check the camera's link and that no other program holds it");
            }
            // every draw before the round trip: CPU work between the bracket reads would skew it
            long latencyNs = latchLatencyNs();
            double positionGaussian = gaussian();
            double positionUniform = random.nextDouble();
            long jitterNs = gaussian(JITTER_SIGMA_NS);
            long endNanoTime = System.nanoTime() + latencyNs;
            for (long remainingNs = latencyNs; remainingNs > 0; remainingNs = endNanoTime - System.nanoTime()) {
                LockSupport.parkNanos(remainingNs); // the simulated GigE round trip
            }
            long callEndNs = clock.nowNs();
            long latchHostNs = position.instant(callStartNs, callEndNs, positionGaussian, positionUniform);
            long valueNs = cameraTimeAt(latchHostNs) + jitterNs;
            if (model.has(CameraFault.Kind.ZERO)) {
                valueNs = 0;
            } else if (model.has(CameraFault.Kind.FROZEN)) {
                if (frozenNs == null) {
                    frozenNs = valueNs;
                }
                valueNs = frozenNs;
            }
            latchedNs = valueNs;
            truths.add(new LatchTruth(latchHostNs, valueNs));
            latches++;
        }
    }

    /** Every latch so far, in order. */
    public synchronized List<LatchTruth> latchTruths() {
        return List.copyOf(truths);
    }

    @Override
    public synchronized long latchedTimestampNs() {
        requireConnected();
        if (latchedNs == null) {
            throw new BenchPartMisbehavingException("camera " + serial(), "TimestampLatchValue read before any latch",
                    "latch first (TimestampLatch)");
        }
        return latchedNs;
    }

    @Override
    public synchronized Optional<String> ptpStatus() {
        requireConnected();
        boolean locked = !freeRunning && System.nanoTime() - startNanoTime >= PTP_LOCK_AFTER_NS;
        return Optional.of(locked ? PTP_SLAVE : "Listening");
    }

    @Override
    public CameraPtpDataSet ptpDataSet() {
        List<String> features = List.of(CameraPtpDataSet.LATCH, CameraPtpDataSet.STATUS, CameraPtpDataSet.SERVO_STATUS,
                CameraPtpDataSet.GRANDMASTER_CLOCK_ID, CameraPtpDataSet.PARENT_CLOCK_ID, CameraPtpDataSet.CLOCK_ID,
                CameraPtpDataSet.OFFSET_FROM_MASTER, CameraPtpDataSet.CLOCK_ACCURACY);
        if (model.has(CameraFault.Kind.NO_PTP_DATA_SET)) {
            return new CameraPtpDataSet(serial(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                    OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), features,
                    Optional.empty());
        }
        String status = ptpStatus().orElseThrow();
        long ownClockId = CLOCK_ID_PREFIX | (serial().hashCode() & 0xFFFFFFL);
        boolean following = status.equals(PTP_SLAVE);
        long grandmaster = !following ? ownClockId : model.has(CameraFault.Kind.OTHER_GRANDMASTER)
                ? OTHER_GRANDMASTER_CLOCK_ID : hostGrandmaster.get().orElse(ownClockId);
        long offsetNs;
        synchronized (this) {
            offsetNs = model.amount(CameraFault.Kind.SERVO_OFFSET) + gaussian(SERVO_NOISE_SIGMA_NS);
        }
        boolean locked = following && !model.has(CameraFault.Kind.SERVO_UNLOCKED);
        return new CameraPtpDataSet(serial(), Optional.of(status), Optional.of(locked ? CameraPtpDataSet.SERVO_LOCKED
                : "Unknown"), OptionalLong.of(grandmaster), OptionalLong.of(grandmaster), OptionalLong.of(ownClockId),
                following ? OptionalLong.of(offsetNs) : OptionalLong.empty(), Optional.of("Within100ns"),
                following ? List.of() : List.of(CameraPtpDataSet.OFFSET_FROM_MASTER), Optional.empty());
    }

    @Override
    public void close() {
        // nothing held
    }

    private long cameraTimeAt(long hostUtcNs) {
        long sinceStartNs = hostUtcNs - startUtcNs;
        if (freeRunning) {
            return UPTIME_AT_START_NS + sinceStartNs; // not following PTP: counting from power-up
        }
        return hostUtcNs + TAI_UTC_OFFSET_NS + offsetNs + Math.round(driftPpb * 1e-9 * sinceStartNs);
    }

    private long latchLatencyNs() {
        double latencyNs = latchLatencyMedianNs * Math.exp(LATENCY_SPREAD * gaussian());
        return Math.max(latchLatencyMedianNs / 4, Math.min(latchLatencyMedianNs * 6, Math.round(latencyNs)));
    }

    private void requireConnected() {
        if (latches >= disconnectAfterLatches) {
            throw new BenchPartUnreachableException("camera " + serial() + " (" + MODEL + ")",
                    "lost after " + latches + " latches: DEVICE_INVALID (simulated unplug)",
                    "check the camera's network cable, PoE power and switch port");
        }
    }

    private long gaussian(long sigmaNs) {
        return Math.round(gaussian() * sigmaNs);
    }

    /** Standard normal (Box-Muller): SplittableRandom has no nextGaussian on Java 17. */
    private double gaussian() {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
