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
}
