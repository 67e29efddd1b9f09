package io.timesync.hil.camera;

import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.HostClock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the planned samples of all cameras at the configured interval, after one warm-up sample that is not
 * judged (the first calls are the slowest: SDK code paths, the cameras' control channel). Each sample is
 * {@link Settings#rounds()} concurrent latch rounds. It only records; the checks layer judges. The overall
 * timeout bounds the whole measurement; when it runs out the measurement stops, blaming no camera.
 */
public final class AlignmentMeasurement {

    /**
     * @param rounds        latch rounds per sample (the narrowest bracket of them is kept per camera)
     * @param callTimeoutNs how long one camera call may take before the camera is given up
     * @param timeoutNs     bound on the whole measurement
     */
    public record Settings(int samples, long intervalNs, int rounds, long callTimeoutNs, long timeoutNs) {
    }

    /** Told of everything as it is measured: the console, and the evidence written before any judgement. */
    public interface Listener {
        default void warmUp() {
        }

        default void sampleStarting(int sample) {
        }

        default void latched(AlignmentResult.Latch latch) {
        }

        default void failed(String serial, RuntimeException failure) {
        }

        default void sampled(AlignmentResult.Sample sample) {
        }

        default void stopped(AlignmentResult.Stop stop) {
        }

        default void finished(AlignmentResult result) {
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

    public Settings settings() {
        return settings;
    }

    /** @param notOpened cameras that could not be opened, with why; reported in the result's failures */
    public AlignmentResult run(List<Camera> cameras, List<String> serials, Map<String, RuntimeException> notOpened) {
        long startNanoTime = System.nanoTime();
        long deadlineNanoTime = startNanoTime + settings.timeoutNs();
        List<Camera> active = new ArrayList<>(cameras);
        Map<String, RuntimeException> failures = new LinkedHashMap<>(notOpened);
        List<AlignmentResult.Sample> samples = new ArrayList<>();
        List<AlignmentResult.Latch> latches = new ArrayList<>();
        Optional<AlignmentResult.Stop> stop = Optional.empty();
        try (CameraSampler sampler = new CameraSampler(cameras.size(), clock)) {
            listener.warmUp();
            CameraSampler.Sample warmUp = take(sampler, active, deadlineNanoTime, failures, false);
            record(0, warmUp, latches);
            for (int number = 1; number <= settings.samples() && stop.isEmpty(); number++) {
                pauseUntil(Math.min(startNanoTime + (number - 1) * settings.intervalNs(), deadlineNanoTime));
                if (active.isEmpty()) {
                    stop = Optional.of(new AlignmentResult.Stop(AlignmentResult.Stop.Reason.NO_CAMERA_LEFT,
                            number - 1, "stopped after " + (number - 1) + " samples: no camera left to latch"));
                    break;
                }
                if (warmUp.outOfTime() || System.nanoTime() >= deadlineNanoTime) {
                    stop = Optional.of(outOfTime(number - 1));
                    break;
                }
                listener.sampleStarting(number);
                CameraSampler.Sample taken = take(sampler, active, deadlineNanoTime, failures, true);
                record(number, taken, latches);
                if (taken.outOfTime()) {
                    stop = Optional.of(outOfTime(number - 1));
                    break;
                }
                AlignmentResult.Sample sample = new AlignmentResult.Sample(number, taken.selected(),
                        taken.rounds().stream().mapToLong(r -> r.reading().hostBeforeNs()).min().orElse(0),
                        taken.rounds().stream().mapToLong(r -> r.reading().hostAfterNs()).max().orElse(0),
                        taken.ptp());
                if (!sample.readings().isEmpty()) { // every camera failed in it: nothing was sampled
                    samples.add(sample);
                    listener.sampled(sample);
                }
            }
        }
        stop.ifPresent(listener::stopped);
        AlignmentResult result = new AlignmentResult(settings, serials, samples, latches, failures, stop);
        listener.finished(result);
        return result;
    }

    private AlignmentResult.Stop outOfTime(int taken) {
        return new AlignmentResult.Stop(AlignmentResult.Stop.Reason.OUT_OF_TIME, taken, "the measurement ran out of "
                + "time after " + taken + " of " + settings.samples() + " samples: the overall timeout ("
                + DurationText.format(settings.timeoutNs()) + ") was reached");
    }

    /** Keeps every latch of the sample's rounds, and hands it to the listener at once. */
    private void record(int sample, CameraSampler.Sample taken, List<AlignmentResult.Latch> latches) {
        for (CameraSampler.RoundReading round : taken.rounds()) {
            AlignmentResult.Latch latch = new AlignmentResult.Latch(sample, round.round(), round.reading(),
                    round.selected() && sample > 0);
            latches.add(latch);
            listener.latched(latch);
        }
    }

    /** Samples the active cameras; a camera that fails leaves the measurement with its failure recorded. */
    private CameraSampler.Sample take(CameraSampler sampler, List<Camera> active, long deadlineNanoTime,
                                      Map<String, RuntimeException> failures, boolean readPtpDataSets) {
        CameraSampler.Sample sample = sampler.take(active, settings.rounds(), settings.callTimeoutNs(),
                deadlineNanoTime, readPtpDataSets);
        sample.failures().forEach((serial, failure) -> {
            failures.put(serial, failure);
            active.removeIf(camera -> camera.serial().equals(serial));
            listener.failed(serial, failure);
        });
        return sample;
    }

    /** Sampling pace, not a wait for a condition: the interval is what the bench file asks for. */
    private static void pauseUntil(long nanoTime) {
        for (long remainingNs = nanoTime - System.nanoTime(); remainingNs > 0;
             remainingNs = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(remainingNs);
        }
    }
}
