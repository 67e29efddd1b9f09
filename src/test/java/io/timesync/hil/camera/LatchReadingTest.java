package io.timesync.hil.camera;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LatchReadingTest {
    @Test
    void aReadingBoundsTheOffsetByItsBracket() {
        LatchReading reading = new LatchReading("a", 10_000, 1_000, 1_301);

        assertThat(reading.bracketNs()).isEqualTo(301);
        assertThat(reading.hostMidpointNs()).isEqualTo(1_150);
        assertThat(reading.offsetNs()).isEqualTo(8_850);
        assertThat(reading.offsetLowNs()).isEqualTo(8_699);
        assertThat(reading.offsetHighNs()).isEqualTo(9_000);
    }

    /** A zero-width bracket (a coarse host clock) still bounds; a host clock that went back does not. */
    @Test
    void aReadingIsUsableUnlessTheHostClockWentBack() {
        assertThat(new LatchReading("a", 5, 100, 100).usable()).isTrue();
        assertThat(new LatchReading("a", 5, 100, 99).usable()).isFalse();
    }

    @Test
    void aResultFindsEachCamerasSamplesAndLatches() {
        LatchReading a1 = new LatchReading("a", 1, 0, 10);
        LatchReading b1 = new LatchReading("b", 2, 0, 10);
        LatchReading a2 = new LatchReading("a", 3, 20, 30);
        AlignmentResult.Sample first = new AlignmentResult.Sample(1, List.of(a1, b1), 0, 10, List.of());
        AlignmentResult.Sample second = new AlignmentResult.Sample(2, List.of(a2), 20, 30, List.of());
        AlignmentResult result = new AlignmentResult(new AlignmentMeasurement.Settings(2, 0, 1, 1_000, 1_000_000),
                List.of("a", "b"), List.of(first, second), List.of(new AlignmentResult.Latch(1, 1, a1, true),
                new AlignmentResult.Latch(1, 1, b1, true), new AlignmentResult.Latch(2, 1, a2, true)), Map.of(),
                Optional.empty());

        assertThat(result.samplesWith("a")).containsExactly(first, second);
        assertThat(result.samplesWith("b")).containsExactly(first);
        assertThat(second.readingOf("b")).isEmpty();
        assertThat(first.readingOf("b")).contains(b1);
        assertThat(result.latchesOf("a")).containsExactly(a1, a2);
    }
}
