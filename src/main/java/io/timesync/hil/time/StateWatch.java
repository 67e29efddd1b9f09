package io.timesync.hil.time;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Awaits a bench part's state (a ptp4l port, a camera's PtpStatus), bounded by a settle timeout, and
 * records every state it passed: ptp4l passes LISTENING before MASTER, a camera Listening before Slave.
 */
public final class StateWatch {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private StateWatch() {
    }

    /** @param statesSeen each state seen, in order, without repeats */
    public record Observation<T>(T wanted, List<T> statesSeen, boolean reached, long elapsedNs) {
        public Optional<T> lastState() {
            return statesSeen.isEmpty() ? Optional.empty() : Optional.of(statesSeen.get(statesSeen.size() - 1));
        }
    }

    /** Exceptions from {@code state} (an unreachable bench part) propagate at once. */
    public static <T> Observation<T> awaitState(Supplier<T> state, T wanted, long timeoutNs) {
        List<T> seen = new ArrayList<>();
        long startNs = System.nanoTime();
        boolean reached;
        try {
            await().atMost(Duration.ofNanos(timeoutNs)).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .until(() -> wanted.equals(record(seen, state.get())));
            reached = true;
        } catch (ConditionTimeoutException e) {
            reached = false;
        }
        return new Observation<>(wanted, List.copyOf(seen), reached, System.nanoTime() - startNs);
    }

    private static <T> T record(List<T> seen, T state) {
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
            seen.add(state);
        }
        return state;
    }
}
