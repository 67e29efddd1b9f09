package io.timesync.hil.time;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"100ms, 100000000", "250us, 250000", "250µs, 250000", "1.5s, 1500000000", "2min, 120000000000",
        "500ns, 500", "10 ms, 10000000", "1h, 3600000000000", "0, 0"})
    void parsesHumanDurations(String text, long expectedNs) {
        assertThat(DurationText.parseNs(text, false)).isEqualTo(expectedNs);
    }

    @ParameterizedTest
    @CsvSource({"1.5ns", "ten ms", "-1s", "5 parsecs", "99999999999h"})
    void rejectsWhatIsNotAWholeNumberOfNanoseconds(String text) {
        assertThatThrownBy(() -> DurationText.parseNs(text, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"100000000, 100ms", "250000, 250us", "1500000000, 1500ms", "7, 7ns", "0, 0ns", "120000000000, 2min"})
    void formatsTheShortestExactForm(long ns, String expected) {
        assertThat(DurationText.format(ns)).isEqualTo(expected);
    }
}
