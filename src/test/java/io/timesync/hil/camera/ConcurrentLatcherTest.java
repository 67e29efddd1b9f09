package io.timesync.hil.camera;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.BenchPartUnreachableException;
import io.timesync.hil.time.HostClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ConcurrentLatcherTest {
    private static final long CALL_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);

    @Test
    void latchesEveryCameraAtOnceInsideItsBracket() {
        CountDownLatch bothInside = new CountDownLatch(2);
        FakeCamera a = new FakeCamera("a", bothInside);
        FakeCamera b = new FakeCamera("b", bothInside);
        try (ConcurrentLatcher latcher = new ConcurrentLatcher(2, HostClock.SYSTEM)) {
            List<ConcurrentLatcher.Outcome> outcomes = latcher.latch(List.of(a, b), CALL_TIMEOUT_NS, Long.MAX_VALUE);

            assertThat(outcomes).allSatisfy(outcome -> {
                LatchReading reading = ((ConcurrentLatcher.Latched) outcome).reading();
                assertThat(reading.cameraTimeNs()).isBetween(reading.hostBeforeNs(), reading.hostAfterNs());
            });
            // each camera's call waited inside for the other's: latched one after another, they could not meet
            assertThat(a.metTheOther).isTrue();
            assertThat(b.metTheOther).isTrue();
        }
    }

    @Test
    void aFailingCameraDoesNotStopTheOthers() {
        FakeCamera broken = new FakeCamera("broken", new CountDownLatch(0)) {
            @Override
            public void latchTimestamp() {
                throw new BenchPartMisbehavingException("camera broken", "latch failed", "fix it");
            }
        };
        try (ConcurrentLatcher latcher = new ConcurrentLatcher(2, HostClock.SYSTEM)) {
            List<ConcurrentLatcher.Outcome> outcomes = latcher.latch(
                    List.of(broken, new FakeCamera("ok", new CountDownLatch(0))), CALL_TIMEOUT_NS, Long.MAX_VALUE);

            assertThat(outcomes.get(0)).isInstanceOfSatisfying(ConcurrentLatcher.Failed.class,
                    failed -> assertThat(failed.failure()).hasMessageContaining("latch failed"));
            assertThat(outcomes.get(1)).isInstanceOf(ConcurrentLatcher.Latched.class);
        }
    }

    @Test
    void aCameraThatNeverReturnsIsGivenUpAtTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        FakeCamera hung = new FakeCamera("hung", new CountDownLatch(0)) {
            @Override
            public void latchTimestamp() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (ConcurrentLatcher latcher = new ConcurrentLatcher(2, HostClock.SYSTEM)) {
            List<ConcurrentLatcher.Outcome> outcomes = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> latcher.latch(List.of(hung, new FakeCamera("ok", new CountDownLatch(0))), CALL_TIMEOUT_NS,
                            Long.MAX_VALUE),
                    "a hang guard");

            assertThat(outcomes.get(0)).isInstanceOfSatisfying(ConcurrentLatcher.Failed.class,
                    failed -> assertThat(failed.failure()).isInstanceOf(BenchPartUnreachableException.class)
                            .hasMessageContaining("latch call (TimestampLatch) did not return within 500ms "
                                    + "(cameras.callTimeout)"));
            assertThat(outcomes.get(1)).isInstanceOf(ConcurrentLatcher.Latched.class);
        }
    }

    /** The measurement's own deadline is nobody's fault: a healthy but slow camera is not blamed for it. */
    @Test
    void theMeasurementsDeadlineBlamesNoCamera() {
        CountDownLatch never = new CountDownLatch(1);
        FakeCamera slow = new FakeCamera("slow", new CountDownLatch(0)) {
            @Override
            public void latchTimestamp() {
                try {
                    never.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (ConcurrentLatcher latcher = new ConcurrentLatcher(1, HostClock.SYSTEM)) {
            List<ConcurrentLatcher.Outcome> outcomes = latcher.latch(List.of(slow), TimeUnit.SECONDS.toNanos(5),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));

            assertThat(outcomes).singleElement().isEqualTo(new ConcurrentLatcher.OutOfTime("slow"));
        }
    }

    /** Latches host time; inside its latch call it waits (bounded) until every camera sharing {@code rendezvous} is. */
    private static class FakeCamera extends HostClockCamera {
        private final CountDownLatch rendezvous;
        volatile boolean metTheOther;

        FakeCamera(String serial, CountDownLatch rendezvous) {
            super(serial);
            this.rendezvous = rendezvous;
        }

        @Override
        public void latchTimestamp() {
            super.latchTimestamp();
            rendezvous.countDown();
            try {
                metTheOther = rendezvous.await(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
