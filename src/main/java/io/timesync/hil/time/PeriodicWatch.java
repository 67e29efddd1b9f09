package io.timesync.hil.time;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Samples a bench part's state every {@code intervalNs} on a thread of its own for as long as it runs, and records
 * every change as it happens: in its {@link Timeline} (which the checks judge) and as a line of its log (evidence,
 * flushed at once). It only records; it never judges. A sample must not throw: an unreachable part is a state.
 *
 * @param <S> the sampled state; equal samples are merged into one stretch of the timeline
 */
public final class PeriodicWatch<S> implements AutoCloseable {
    private final Supplier<S> sampler;
    private final Function<S, String> csv;
    private final long intervalNs;
    private final long sampleBoundNs;
    private final HostClock clock;
    private final BufferedWriter log;
    private final Path logFile;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sampled = lock.newCondition();
    private final List<Timeline.Stretch<S>> stretches = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private PeriodicWatch(String name, Supplier<S> sampler, Function<S, String> csv, String csvHeader,
                          long intervalNs, long sampleBoundNs, HostClock clock, Path logFile) {
        this.sampler = sampler;
        this.csv = csv;
        this.intervalNs = intervalNs;
        this.sampleBoundNs = sampleBoundNs;
        this.clock = clock;
        this.logFile = logFile;
        try {
            Files.createDirectories(logFile.getParent());
            this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
            log.write("host_time_utc,host_time_ns," + csvHeader + "\n");
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + name + "'s log " + logFile, e);
        }
        this.thread = new Thread(this::watch, name);
        this.thread.setDaemon(true);
    }

    /**
     * @param sampleBoundNs the longest one sample can take (its replies' timeouts): waits are bounded by it
     * @param csv           a state as the rest of its log line, after the time columns
     */
    public static <S> PeriodicWatch<S> start(String name, Supplier<S> sampler, Function<S, String> csv,
                                             String csvHeader, long intervalNs, long sampleBoundNs, HostClock clock,
                                             Path logFile) {
        PeriodicWatch<S> watch = new PeriodicWatch<>(name, sampler, csv, csvHeader, intervalNs, sampleBoundNs, clock,
                logFile);
        watch.thread.start();
        return watch;
    }

    public long intervalNs() {
        return intervalNs;
    }

    public Path logFile() {
        return logFile;
    }

    /** What the watch has seen so far. */
    public Timeline<S> timeline() {
        lock.lock();
        try {
            return new Timeline<>(intervalNs, stretches);
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the watch has seen once it sampled at or after {@code hostNs} (so a span ending then can be judged);
     * waits at most one interval plus one sample, and returns what it has by then whatever happened.
     */
    public Timeline<S> timelineThrough(long hostNs) {
        long deadline = System.nanoTime() + intervalNs + sampleBoundNs;
        lock.lock();
        try {
            while (running && lastSampleNs() < hostNs) {
                long leftNs = deadline - System.nanoTime();
                if (leftNs <= 0) {
                    break;
                }
                sampled.awaitNanos(leftNs);
            }
            return new Timeline<>(intervalNs, stretches);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Timeline<>(intervalNs, stretches);
        } finally {
            lock.unlock();
        }
    }

    /** Waits, at most {@code timeoutNs}, until the latest sample's state satisfies {@code wanted}; whether it did. */
    public boolean await(Predicate<S> wanted, long timeoutNs) {
        long deadline = System.nanoTime() + timeoutNs;
        lock.lock();
        try {
            while (stretches.isEmpty() || !wanted.test(stretches.get(stretches.size() - 1).state())) {
                long leftNs = deadline - System.nanoTime();
                if (!running || leftNs <= 0) {
                    return false;
                }
                sampled.awaitNanos(leftNs);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private long lastSampleNs() {
        return stretches.isEmpty() ? Long.MIN_VALUE : stretches.get(stretches.size() - 1).lastNs();
    }

    private void watch() {
        long dueNanoTime = System.nanoTime();
        while (running) {
            long sampleNs = clock.nowNs();
            record(sampleNs, sampler.get());
            dueNanoTime = Math.max(dueNanoTime + intervalNs, System.nanoTime()); // behind: at once
            lock.lock();
            try {
                for (long leftNs = dueNanoTime - System.nanoTime(); running && leftNs > 0;
                     leftNs = dueNanoTime - System.nanoTime()) {
                    sampled.awaitNanos(leftNs); // close() signals to end the wait early
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void record(long sampleNs, S state) {
        boolean changed;
        lock.lock();
        try {
            int last = stretches.size() - 1;
            changed = last < 0 || !stretches.get(last).state().equals(state);
            if (changed) {
                stretches.add(new Timeline.Stretch<>(state, sampleNs, sampleNs, 1, 0));
            } else {
                stretches.set(last, stretches.get(last).extendedTo(sampleNs));
            }
            sampled.signalAll();
        } finally {
            lock.unlock();
        }
        if (changed) {
            write(sampleNs, csv.apply(state));
        }
    }

    private void write(long hostNs, String rest) {
        try {
            log.write(Instant.ofEpochSecond(0, hostNs) + "," + hostNs + "," + rest + "\n");
            log.flush();
        } catch (IOException e) {
            // the timeline still holds it; a log that cannot be written is said where the run is watched
            System.err.println(thread.getName() + ": cannot write " + logFile + ": " + e.getMessage());
        }
    }

    /** Stops sampling (waiting at most one sample) and ends the log with the number of samples. */
    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            sampled.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(sampleBoundNs) + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write(clock.nowNs(), "\"watch ended after " + timeline().samples() + " samples\"");
        try {
            log.close();
        } catch (IOException e) {
            System.err.println(thread.getName() + ": cannot close " + logFile + ": " + e.getMessage());
        }
    }

    /** Whether the sampling thread has ended (after {@link #close}); a sample still hanging keeps it alive. */
    public boolean stopped() {
        return !thread.isAlive();
    }

    /** A text as one CSV field. */
    public static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
