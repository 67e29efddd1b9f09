package io.timesync.hil.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraFaultTest {

    @ParameterizedTest
    @CsvSource({"offset=+150ms, OFFSET, 150000000", "offset=-2us, OFFSET, -2000", "drift=100ppm, DRIFT, 100000",
        "drift=-500ppb, DRIFT, -500", "frozen, FROZEN, 0", "zero, ZERO, 0", "latchError, LATCH_ERROR, 0",
        "disconnectAfter=3, DISCONNECT_AFTER, 3", "ptpListening, PTP_LISTENING, 0", "missing, MISSING, 0"})
    void parsesEachFault(String text, CameraFault.Kind kind, long amount) {
        assertThat(CameraFault.parse(text)).isEqualTo(new CameraFault(kind, amount));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"broken|unknown camera fault 'broken'", "offset|needs a value",
        "frozen=1|takes no value", "drift=5|needs a unit: ppm or ppb", "offset=5 parsecs|expected a duration"})
    void rejectsWhatItDoesNotKnowAndSaysWhatItTakes(String text, String problem) {
        assertThatThrownBy(() -> CameraFault.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }
}
