package io.timesync.hil.camera;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.HostClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latches every camera at once: one worker thread per camera, all released together, each latch call
 * bracketed by host clock reads on its own thread; then the latched values are read. Every wait is bounded:
 * by the per-call timeout (a camera that does not answer in time is reported, not waited for) and by the
 * measurement's deadline (when that runs out first, the round is abandoned without blaming any camera).
 */
public final class ConcurrentLatcher implements AutoCloseable {
    private final ExecutorService workers;
    private final HostClock clock;

    /** @param cameras how many cameras are latched at once: one worker each */
    public ConcurrentLatcher(int cameras, HostClock clock) {
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, cameras), task -> {
            Thread thread = new Thread(task, "camera-latch-" + number.incrementAndGet());
            thread.setDaemon(true); // a camera call stuck in native code must not keep the JVM alive
            return thread;
        });
        this.clock = clock;
    }

    /** One camera's outcome in a round. */
    public sealed interface Outcome permits Latched, Failed, OutOfTime {
        String serial();
    }

    public record Latched(String serial, LatchReading reading) implements Outcome {
    }

    /** The camera's call failed or did not return within the per-call timeout. */
    public record Failed(String serial, RuntimeException failure) implements Outcome {
    }

    /** The measurement's deadline came before the camera's call returned: nobody's fault. */
    public record OutOfTime(String serial) implements Outcome {
    }

    /**
     * @param callTimeoutNs    how long latching, and then reading, may take before a camera is given up
     * @param deadlineNanoTime {@link System#nanoTime()} after which nothing is waited for at all
     */
    public List<Outcome> latch(List<Camera> cameras, long callTimeoutNs, long deadlineNanoTime) {
        Deadlines latching = new Deadlines(System.nanoTime() + callTimeoutNs, deadlineNanoTime);
        CountDownLatch ready = new CountDownLatch(cameras.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> brackets = new ArrayList<>();
        for (Camera camera : cameras) {
            brackets.add(workers.submit(() -> {
                ready.countDown();
                if (!go.await(latching.remainingNs(), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException("not released before the round's deadline");
                }
                long beforeNs = clock.nowNs();
                camera.latchTimestamp();
                long afterNs = clock.nowNs();
                return new long[] {beforeNs, afterNs};
            }));
        }
        awaitQuietly(ready, latching.earliestNanoTime());
        go.countDown();

        // read the latched values only after every latch: reading is not time-critical
        List<Answer<long[]>> latched = new ArrayList<>();
        List<Future<Long>> values = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            Camera camera = cameras.get(i);
            Answer<long[]> bracket = await(brackets.get(i), latching, camera, "latch call (TimestampLatch)",
                    callTimeoutNs);
            latched.add(bracket);
            values.add(bracket.value() != null ? workers.submit(camera::latchedTimestampNs) : null);
        }
        Deadlines reading = new Deadlines(System.nanoTime() + callTimeoutNs, deadlineNanoTime);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            Camera camera = cameras.get(i);
            long[] bracket = latched.get(i).value();
            if (bracket == null) {
                outcomes.add(latched.get(i).outcome());
                continue;
            }
            Answer<Long> value = await(values.get(i), reading, camera, "read (TimestampLatchValue)", callTimeoutNs);
            outcomes.add(value.value() == null ? value.outcome() : new Latched(camera.serial(),
                    new LatchReading(camera.serial(), value.value(), bracket[0], bracket[1])));
        }
        return outcomes;
    }

    /**
     * Each camera's own PTP data set, read on the workers at once; a camera whose read fails or does not return in
     * time gets an unreadable data set saying why (its latches decide whether it is lost).
     */
    public List<CameraPtpDataSet> ptpDataSets(List<Camera> cameras, long callTimeoutNs, long deadlineNanoTime) {
        Deadlines reading = new Deadlines(System.nanoTime() + callTimeoutNs, deadlineNanoTime);
        List<Future<CameraPtpDataSet>> reads = cameras.stream().map(camera -> workers.submit(camera::ptpDataSet))
                .toList();
        List<CameraPtpDataSet> dataSets = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            Camera camera = cameras.get(i);
            Answer<CameraPtpDataSet> answer = await(reads.get(i), reading, camera, "read of its PTP data set",
                    callTimeoutNs);
            dataSets.add(answer.value() != null ? answer.value() : CameraPtpDataSet.unreadable(camera.serial(),
                    answer.outcome() instanceof Failed failed ? failed.failure().getMessage().lines().findFirst()
                            .orElse("failed") : "the measurement ran out of time"));
        }
        return dataSets;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** The per-call deadline and the measurement's, whichever comes first bounds the wait. */
    private record Deadlines(long callNanoTime, long measurementNanoTime) {
        long earliestNanoTime() {
            return Math.min(callNanoTime, measurementNanoTime);
        }

        long remainingNs() {
            return Math.max(0, earliestNanoTime() - System.nanoTime());
        }

        boolean measurementEndsFirst() {
            return measurementNanoTime <= callNanoTime;
        }
    }

    /** A call's value, or (value null) the camera's outcome when the call failed or ran out of time. */
    private record Answer<T>(T value, Outcome outcome) {
        static <T> Answer<T> of(Outcome outcome) {
            return new Answer<>(null, outcome);
        }
    }

    private static <T> Answer<T> await(Future<T> future, Deadlines deadlines, Camera camera, String call,
                                       long callTimeoutNs) {
        try {
            return new Answer<>(future.get(deadlines.remainingNs(), TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            RuntimeException failure = cause instanceof BenchPartException part ? part
                    : new BenchPartMisbehavingException("camera " + camera.serial(), call + " failed: " + cause,
                    "check the camera in its vendor's tool", cause);
            return Answer.of(new Failed(camera.serial(), failure));
        } catch (TimeoutException e) {
            future.cancel(true);
            if (deadlines.measurementEndsFirst()) {
                return Answer.of(new OutOfTime(camera.serial()));
            }
            return Answer.of(new Failed(camera.serial(), new BenchPartUnreachableException("camera " + camera.serial(),
                    call + " did not return within " + DurationText.format(callTimeoutNs) + " (cameras.callTimeout)",
                    "the camera stopped answering: check its link and power")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while latching cameras", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch, long deadlineNanoTime) {
        try {
            latch.await(Math.max(0, deadlineNanoTime - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
