package io.timesync.hil.checks;

import io.timesync.hil.camera.LatchReading;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CameraClockTest {
    private static final long TAI_NS = 1_795_000_037_000_000_000L;
    private static final long CALL_NS = 800_000;

    /** Warm-up and one sample: 6 latches over a few ms are enough to see a frozen clock. */
    @Test
    void aFrozenClockIsSeenInASingleSample() {
        List<LatchReading> latches = latches(6, 1_000_000, (i, hostNs) -> TAI_NS);

        assertThat(CameraClock.fault(latches)).hasValueSatisfying(fault -> assertThat(fault)
                .contains("the camera clock did not advance between its first and last latch", "its clock is frozen"));
    }

    @Test
    void aClockAtZeroIsNotRunning() {
        assertThat(CameraClock.fault(latches(2, 1_000_000, (i, hostNs) -> 0))).hasValueSatisfying(fault ->
                assertThat(fault).startsWith("the camera latched time 0"));
    }

    @Test
    void aClockThatRunsBackwardsJumped() {
        List<LatchReading> latches = latches(4, 1_000_000, (i, hostNs) -> TAI_NS + hostNs - (i == 2 ? 2_000_000 : 0));

        assertThat(CameraClock.fault(latches)).hasValueSatisfying(fault -> assertThat(fault)
                .contains("went backwards by"));
    }

    @Test
    void aClockFarFasterThanAnyServoAllowsIsSeenOverALongEnoughSpan() {
        // 20 000 ppm over 1 s: 20 ms more than the host, far beyond the brackets' 1.6 ms
        List<LatchReading> latches = latches(6, 200_000_000, (i, hostNs) -> TAI_NS + hostNs + hostNs / 50);

        assertThat(CameraClock.fault(latches)).hasValueSatisfying(fault -> assertThat(fault)
                .contains("runs faster than any PTP servo allows (1000 ppm)"));
    }

    /**
     * A slow first call (a cold start, a loaded host: 40 ms here) hides a 20 000 ppm drift from the first and last
     * latch alone; the narrowest early and late latches still prove it (seen on the networked GigE bench).
     */
    @Test
    void aFastClockIsSeenThoughItsFirstCallWasSlow() {
        List<LatchReading> latches = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            long beforeNs = 1_000_000_000L + i * 70_000_000L;
            long callNs = i == 0 ? 40_000_000 : 1_000_000;
            long latchedAtNs = beforeNs + callNs / 2;
            latches.add(new LatchReading("a", TAI_NS + latchedAtNs + latchedAtNs / 50, beforeNs, beforeNs + callNs));
        }

        assertThat(CameraClock.rate(latches.get(0), latches.get(15))).isEmpty();
        assertThat(CameraClock.fault(latches)).hasValueSatisfying(fault -> assertThat(fault)
                .contains("between its narrowest-bracketed early and late latches",
                        "runs faster than any PTP servo allows (1000 ppm)"));
    }

    /** A healthy camera with latch jitter, latching anywhere in its calls, is never reported. */
    @Test
    void aHealthyClockIsNeverReported() {
        Random random = new Random(1588);
        for (int run = 0; run < 2_000; run++) {
            long gapNs = random.nextInt(3) == 0 ? 0 : random.nextInt(5_000_000);
            List<LatchReading> latches = new ArrayList<>();
            long hostNs = 1_000_000_000;
            for (int i = 0; i < 6; i++) {
                long callNs = 1 + random.nextInt((int) CALL_NS * 3);
                long latchedAtNs = hostNs + (long) (random.nextDouble() * callNs);
                long jitterNs = Math.round(random.nextGaussian() * 50);
                latches.add(new LatchReading("a", TAI_NS + latchedAtNs + jitterNs, hostNs, hostNs + callNs));
                hostNs += callNs + gapNs;
            }
            assertThat(CameraClock.fault(latches)).as("run %d: %s", run, latches).isEmpty();
        }
    }

    interface CameraTime {
        long at(int latch, long hostNs);
    }

    /** {@code count} latches {@code spacingNs} apart, latched halfway through 800 µs calls. */
    private static List<LatchReading> latches(int count, long spacingNs, CameraTime cameraTime) {
        List<LatchReading> latches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long beforeNs = 1_000_000_000L + i * spacingNs;
            latches.add(new LatchReading("a", cameraTime.at(i, beforeNs + CALL_NS / 2), beforeNs, beforeNs + CALL_NS));
        }
        return latches;
    }

    /** Up to 1 µs of latch jitter backwards is tolerated; more, while the host clock certainly advanced, is not. */
    @Test
    void backwardsBeyondTheJitterAllowanceIsAJump() {
        assertThat(CameraClock.fault(List.of(latch(5_000, 0, 100), latch(4_000, 100, 200)))).isEmpty();
        assertThat(CameraClock.fault(List.of(latch(5_000, 0, 100), latch(3_999, 100, 200)))).hasValueSatisfying(
                fault -> assertThat(fault).startsWith("the camera clock went backwards by 1001 ns between two latches "
                        + "(" + (TAI_NS + 5_000) + " ns, then " + (TAI_NS + 3_999) + " ns)"));
        // overlapping brackets: the host may not have advanced, so nothing is proven
        assertThat(CameraClock.fault(List.of(latch(5_000, 0, 100), latch(3_000, 99, 200)))).isEmpty();
    }

    /**
     * First latch in [0, 100] ns, last in [10 000 100, 10 000 300] ns: the host advanced 10 000 000 to 10 000 300 ns,
     * so the camera may advance from 10 000 000 - 10 000 (1000 ppm) - 1000 (jitter) = 9 989 000 ns up to
     * 10 000 300 + 10 001 (1000 ppm, rounded up) + 1000 = 10 011 301 ns.
     */
    @Test
    void theRateBoundsAreExact() {
        assertThat(rate(9_989_000)).isEmpty();
        assertThat(rate(9_988_999)).hasValueSatisfying(fault -> assertThat(fault).isEqualTo("the camera clock "
                + "advanced only 9988999 ns between its first and last latch (" + TAI_NS + " ns, then "
                + (TAI_NS + 9_988_999) + " ns) while the host clock advanced 10000000 to 10000300 ns: it runs slower "
                + "than any PTP servo allows (1000 ppm)"));
        assertThat(rate(10_011_301)).isEmpty();
        assertThat(rate(10_011_302)).hasValueSatisfying(fault -> assertThat(fault)
                .contains("advanced 10011302 ns", "runs faster than any PTP servo allows (1000 ppm), or it jumped"));
    }

    @Test
    void touchingBracketsProveNoElapsedTime() {
        assertThat(CameraClock.rate(latch(0, 0, 100), latch(0, 100, 200))).isEmpty();
        assertThat(CameraClock.rate(latch(0, 0, 100), latch(0, 101, 200))).hasValueSatisfying(fault ->
                assertThat(fault).contains("its clock is frozen"));
    }

    private static java.util.Optional<String> rate(long cameraElapsedNs) {
        return CameraClock.rate(latch(0, 0, 100), latch(cameraElapsedNs, 10_000_100, 10_000_300));
    }

    /** The camera's time and the host's bracket, relative to an instant of the bench. */
    private static LatchReading latch(long cameraNs, long beforeNs, long afterNs) {
        long hostNs = 1_795_000_000_000_000_000L;
        return new LatchReading("a", TAI_NS + cameraNs, hostNs + beforeNs, hostNs + afterNs);
    }
}
