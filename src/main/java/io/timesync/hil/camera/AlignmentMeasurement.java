package io.timesync.hil.camera;

import io.timesync.hil.ptp.UtcOffset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Takes N samples of all cameras at the configured interval (each sample: {@link CameraSampler#ROUNDS}
 * concurrent latch rounds), judged per sample; the overall timeout bounds the whole run. Prints each
 * sample as the reference tool did.
 */
public final class AlignmentMeasurement {
    /** A GigE latch call takes a few ms at most; one that takes this long has hung. */
    static final long LATCH_CALL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    /**
     * @param hostThresholdNs bound on |camera time (UTC) - host clock| when compared with the host
     * @param timeoutNs       bound on the whole measurement
     */
    public record Settings(int samples, long intervalNs, long thresholdNs, long hostThresholdNs, long timeoutNs) {
    }

    /** Told of everything as it is measured: the console, and the evidence written before any judgement. */
    public interface Listener {
        void line(String text);

        default void latched(AlignmentRun.Latch latch) {
        }

        default void judged(CameraSample sample) {
        }
    }

    private final Settings settings;
    private final HostClock clock;
    private final Listener listener;

    public AlignmentMeasurement(Settings settings, HostClock clock, Listener listener) {
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * @param notOpened   cameras that could not be opened, with why; reported in the run's failures
     * @param utcOffset   present to also compare camera time with the host clock
     * @param hostPtpLine the host's PTP state, printed with every sample as the reference tool did
     */
    public AlignmentRun run(List<Camera> cameras, Map<String, RuntimeException> notOpened,
                            Optional<UtcOffset> utcOffset, Supplier<String> hostPtpLine) {
        List<String> log = new ArrayList<>();
        Consumer<String> print = line -> {
            log.add(line);
            listener.line(line);
        };
        OptionalLong utcOffsetNs = utcOffset.map(offset -> OptionalLong.of(offset.offsetNs())).orElse(OptionalLong.empty());
        utcOffset.ifPresent(offset -> print.accept("Host clock reference: TAI - UTC from " + offset.source()));

        long startNanoTime = System.nanoTime();
        long deadlineNanoTime = startNanoTime + settings.timeoutNs();
        List<Camera> active = new ArrayList<>(cameras);
        Map<String, RuntimeException> failures = new LinkedHashMap<>(notOpened);
        List<CameraSample> samples = new ArrayList<>();
        List<AlignmentRun.Latch> latches = new ArrayList<>();
        Optional<String> stoppedEarly = Optional.empty();
        int taken = 0;
        try (CameraSampler sampler = new CameraSampler(cameras.size(), clock)) {
            // the first latch calls are the slowest (SDK code paths, the cameras' control channel): not judged
            print.accept("[Warm-up] one sample, not judged");
            record(0, take(sampler, active, deadlineNanoTime, failures, print), latches);
            for (int sample = 1; sample <= settings.samples(); sample++) {
                long dueNanoTime = startNanoTime + (sample - 1) * settings.intervalNs();
                pauseUntil(Math.min(dueNanoTime, deadlineNanoTime));
                if (System.nanoTime() >= deadlineNanoTime) {
                    stoppedEarly = Optional.of("stopped after " + taken + " of " + settings.samples()
                            + " samples: the overall timeout (" + TimeUnit.NANOSECONDS.toMillis(settings.timeoutNs())
                            + " ms) was reached");
                    print.accept(stoppedEarly.get());
                    break;
                }
                if (active.isEmpty()) {
                    stoppedEarly = Optional.of("stopped after " + taken + " samples: no camera left to latch");
                    print.accept(stoppedEarly.get());
                    break;
                }
                print.accept("[Sample " + sample + "]");
                print.accept("Host PTP: " + hostPtpLine.get());
                CameraSampler.Sample latched = take(sampler, active, deadlineNanoTime, failures, print);
                record(sample, latched, latches);
                for (CameraSample judged : AlignmentAnalysis.judge(sample, latched.selected(), settings.thresholdNs(),
                        utcOffsetNs, settings.hostThresholdNs())) {
                    samples.add(judged);
                    listener.judged(judged);
                    print.accept(AlignmentLog.sampleLine(judged));
                }
                taken = sample;
            }
        }
        if (taken > 1) {
            printStatistics(cameras, samples, print);
        }
        return new AlignmentRun(settings, utcOffset, samples, latches, failures, taken, stoppedEarly, log);
    }

    /** Keeps every latch of the sample's rounds, and hands it to the listener at once. */
    private void record(int sample, CameraSampler.Sample latched, List<AlignmentRun.Latch> latches) {
        for (CameraSampler.RoundReading round : latched.rounds()) {
            AlignmentRun.Latch latch = new AlignmentRun.Latch(sample, round.round(), round.reading(),
                    round.selected() && sample > 0);
            latches.add(latch);
            listener.latched(latch);
        }
    }

    /** Samples the active cameras; a camera that fails leaves the run with its failure recorded. */
    private static CameraSampler.Sample take(CameraSampler sampler, List<Camera> active, long deadlineNanoTime,
                                             Map<String, RuntimeException> failures, Consumer<String> print) {
        CameraSampler.Sample sample = sampler.take(active, LATCH_CALL_TIMEOUT_NS, deadlineNanoTime);
        sample.failures().forEach((serial, failure) -> {
            failures.put(serial, failure);
            active.removeIf(camera -> camera.serial().equals(serial));
            print.accept("serial=" + serial + ", error=" + failure.getMessage().replace('\n', ' '));
        });
        return sample;
    }

    private static void printStatistics(List<Camera> cameras, List<CameraSample> samples, Consumer<String> print) {
        print.accept("=== Statistics ===");
        long maxAbsDeltaNs = 0;
        for (Camera camera : cameras) {
            List<CameraSample> own = samples.stream().filter(s -> s.serial().equals(camera.serial())).toList();
            if (!own.isEmpty()) {
                CameraStatistics statistics = CameraStatistics.of(camera.serial(), own);
                maxAbsDeltaNs = Math.max(maxAbsDeltaNs, statistics.maxAbsDeltaNs());
                print.accept(AlignmentLog.statisticsLine(statistics));
            }
        }
        print.accept("Max_abs_delta_ns=" + maxAbsDeltaNs);
    }

    /** Sampling pace, not a wait for a condition: the interval is what the bench file asks for. */
    private static void pauseUntil(long nanoTime) {
        for (long remainingNs = nanoTime - System.nanoTime(); remainingNs > 0;
             remainingNs = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(remainingNs);
        }
    }
}
