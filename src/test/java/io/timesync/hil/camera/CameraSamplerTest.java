package io.timesync.hil.camera;

import io.timesync.hil.BenchPartMisbehavingException;
import io.timesync.hil.time.HostClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CameraSamplerTest {
    /** The round with the narrowest bracket stands for the camera: its bound is the tightest. */
    @Test
    void keepsTheNarrowestBracketOfTheRounds() {
        LatchReading wide = new LatchReading("a", 1_000, 0, 900);
        LatchReading narrow = new LatchReading("a", 2_000, 1_000, 1_200);
        LatchReading middle = new LatchReading("a", 3_000, 2_000, 2_500);

        assertThat(CameraSampler.narrowest(List.of(wide, narrow, middle))).contains(narrow);
        assertThat(CameraSampler.narrowest(List.of(narrow, wide))).contains(narrow);
        assertThat(CameraSampler.narrowest(List.of(middle, wide, narrow))).contains(narrow);
    }

    @Test
    void theEarliestOfEqualBracketsAndNeverOneTheHostClockSteppedIn() {
        LatchReading first = new LatchReading("a", 1_000, 0, 500);
        LatchReading second = new LatchReading("a", 2_000, 1_000, 1_500);
        LatchReading stepped = new LatchReading("a", 3_000, 2_500, 2_000); // the host clock went back 500 ns

        assertThat(CameraSampler.narrowest(List.of(first, second))).contains(first);
        assertThat(CameraSampler.narrowest(List.of(stepped, second))).contains(second);
        assertThat(CameraSampler.narrowest(List.of(stepped))).isEmpty();
    }

    /** A camera that fails mid-sample is not asked again, its earlier latches are kept but nothing stands for it. */
    @Test
    void aCameraThatFailsInARoundIsDroppedFromTheRestOfTheSample() {
        ScriptedCamera steady = new ScriptedCamera("a", 0);
        ScriptedCamera failing = new ScriptedCamera("b", 2);
        try (CameraSampler sampler = new CameraSampler(2, HostClock.SYSTEM)) {
            CameraSampler.Sample sample = sampler.take(List.of(steady, failing), 3, SECOND_NS, Long.MAX_VALUE, true);

            assertThat(steady.latches).isEqualTo(3);
            assertThat(failing.latches).as("not asked after it failed").isEqualTo(2);
            assertThat(sample.failures()).containsOnlyKeys("b");
            assertThat(sample.outOfTime()).isFalse();
            assertThat(sample.selected()).extracting(LatchReading::serial).containsExactly("a");
            assertThat(sample.rounds()).extracting(r -> r.reading().serial() + r.round())
                    .containsExactlyInAnyOrder("a1", "a2", "a3", "b1");
            assertThat(sample.rounds()).filteredOn(CameraSampler.RoundReading::selected)
                    .singleElement().satisfies(r -> assertThat(r.reading()).isSameAs(sample.selected().get(0)));
        }
    }

    /** The run's deadline ending a sample blames no camera, and an incomplete sample selects nothing. */
    @Test
    void aSampleCutShortByTheDeadlineSelectsNothing() {
        ScriptedCamera prompt = new ScriptedCamera("a", 0);
        ScriptedCamera slow = new ScriptedCamera("b", 0);
        slow.gate = new CountDownLatch(1); // its call does not return before the deadline
        try (CameraSampler sampler = new CameraSampler(2, HostClock.SYSTEM)) {
            CameraSampler.Sample sample = sampler.take(List.of(prompt, slow), 3, SECOND_NS,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200), true);

            assertThat(sample.outOfTime()).isTrue();
            assertThat(sample.failures()).isEmpty();
            assertThat(sample.selected()).isEmpty();
            assertThat(prompt.latches).as("no further round once out of time").isEqualTo(1);
        } finally {
            slow.gate.countDown();
        }
    }

    @Test
    void noRoundsNoReadings() {
        ScriptedCamera camera = new ScriptedCamera("a", 0);
        try (CameraSampler sampler = new CameraSampler(1, HostClock.SYSTEM)) {
            CameraSampler.Sample sample = sampler.take(List.of(camera), 0, SECOND_NS, Long.MAX_VALUE, true);

            assertThat(sample.rounds()).isEmpty();
            assertThat(camera.latches).isZero();
        }
    }

    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    /** Latches the host clock once {@code gate} opens; fails on its {@code failAt}-th latch (0: never). */
    private static final class ScriptedCamera extends HostClockCamera {
        private final int failAt;
        volatile int latches;
        volatile CountDownLatch gate = new CountDownLatch(0);

        ScriptedCamera(String serial, int failAt) {
            super(serial);
            this.failAt = failAt;
        }

        @Override
        public void latchTimestamp() {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (++latches == failAt) {
                throw new BenchPartMisbehavingException("camera " + serial(), "latch " + latches + " failed", "none");
            }
            super.latchTimestamp();
        }
    }
}
