package io.timesync.hil.camera;

import io.timesync.hil.BenchPartException;
import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;

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
 * bracketed by host clock reads on its own thread; then the latched values are read. Every wait is bounded
 * by the round's deadline; a camera whose call fails or does not return is reported, not waited for.
 */
public final class ConcurrentLatcher implements AutoCloseable {
    private final ExecutorService workers;
    private final HostClock clock;

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
    public sealed interface Outcome permits Latched, Failed {
        String serial();
    }

    public record Latched(String serial, LatchReading reading) implements Outcome {
    }

    public record Failed(String serial, RuntimeException failure) implements Outcome {
    }

    /**
     * @param callTimeoutNs    how long latching, and then reading, may take before a camera is given up
     * @param deadlineNanoTime {@link System#nanoTime()} after which nothing is waited for at all
     */
    public List<Outcome> latch(List<Camera> cameras, long callTimeoutNs, long deadlineNanoTime) {
        long latchDeadlineNanoTime = Math.min(deadlineNanoTime, System.nanoTime() + callTimeoutNs);
        CountDownLatch ready = new CountDownLatch(cameras.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> brackets = new ArrayList<>();
        for (Camera camera : cameras) {
            brackets.add(workers.submit(() -> {
                ready.countDown();
                if (!go.await(remainingNs(latchDeadlineNanoTime), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException("not released before the round's deadline");
                }
                long beforeNs = clock.nowNs();
                camera.latchTimestamp();
                long afterNs = clock.nowNs();
                return new long[] {beforeNs, afterNs};
            }));
        }
        awaitQuietly(ready, latchDeadlineNanoTime);
        go.countDown();

        // read the latched values only after every latch: reading is not time-critical
        int count = cameras.size();
        long[][] bracketOf = new long[count][];
        RuntimeException[] failureOf = new RuntimeException[count];
        List<Future<Long>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Camera camera = cameras.get(i);
            try {
                bracketOf[i] = await(brackets.get(i), latchDeadlineNanoTime, camera, "latch call (TimestampLatch)");
                values.add(workers.submit(camera::latchedTimestampNs));
            } catch (RuntimeException failure) {
                failureOf[i] = failure;
                values.add(null);
            }
        }
        long readDeadlineNanoTime = Math.min(deadlineNanoTime, System.nanoTime() + callTimeoutNs);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Camera camera = cameras.get(i);
            try {
                if (failureOf[i] != null) {
                    throw failureOf[i];
                }
                long cameraTimeNs = await(values.get(i), readDeadlineNanoTime, camera, "read (TimestampLatchValue)");
                outcomes.add(new Latched(camera.serial(),
                        new LatchReading(camera.serial(), cameraTimeNs, bracketOf[i][0], bracketOf[i][1])));
            } catch (RuntimeException failure) {
                outcomes.add(new Failed(camera.serial(), failure));
            }
        }
        return outcomes;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static <T> T await(Future<T> future, long deadlineNanoTime, Camera camera, String call) {
        try {
            return future.get(remainingNs(deadlineNanoTime), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure instanceof BenchPartException ? failure
                        : new BenchPartMisbehavingException("camera " + camera.serial(), call + " failed: " + failure,
                        "check the camera in its vendor's tool", failure);
            }
            throw new BenchPartMisbehavingException("camera " + camera.serial(), call + " failed: " + e.getCause(),
                    "check the camera in its vendor's tool", e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BenchPartUnreachableException("camera " + camera.serial(), call + " did not return in time",
                    "the camera stopped answering: check its link and power");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while latching cameras", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch, long deadlineNanoTime) {
        try {
            latch.await(remainingNs(deadlineNanoTime), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long remainingNs(long deadlineNanoTime) {
        return Math.max(0, deadlineNanoTime - System.nanoTime());
    }
}
