package io.timesync.hil.camera.aravis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GigE Vision timestamp ticks to ns: exact for values around 1.8e18 ns, checked against BigInteger arithmetic. */
class AravisTicksTest {

    @ParameterizedTest(name = "{0} ticks at {1} Hz")
    @CsvSource({
            "1795290176509973496, 1000000000",
            "9223372036854775807, 1000000000",
            "224411272063746687, 125000000",
            "224411272063746687, 125000001",
            "44882254412749337, 25000000",
            "179529017650997349, 100000000",
            "1795290176, 1",
            "5385870529, 3",
            "34469571388991490, 19200000",
            "1234567899999999999, 10000000000",
            "0, 125000000",
            "1, 3",
            "-1, 125000000",
            "-1795290176509973497, 1000000007",
    })
    void isTheFloorOfTicksTimesABillionOverTheFrequency(long ticks, long frequencyHz) {
        BigInteger[] quotientAndRemainder = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(1_000_000_000L))
                .divideAndRemainder(BigInteger.valueOf(frequencyHz));
        BigInteger floor = quotientAndRemainder[1].signum() < 0 ? quotientAndRemainder[0].subtract(BigInteger.ONE)
                : quotientAndRemainder[0];
        assertThat(TimestampTicks.toNs(ticks, frequencyHz)).isEqualTo(floor.longValueExact());
    }

    @Test
    void aGigahertzClockCountsNanosecondsAndNeedsNoConversion() {
        assertThat(TimestampTicks.toNs(1_795_290_176_509_973_496L, 1_000_000_000L)).isEqualTo(1_795_290_176_509_973_496L);
        assertThat(TimestampTicks.toNs(Long.MAX_VALUE, 1_000_000_000L)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a125MegahertzClockTicksEvery8NanosecondsWithoutPrecisionLoss() {
        assertThat(TimestampTicks.toNs(224_411_272_063_746_687L, 125_000_000L)).isEqualTo(1_795_290_176_509_973_496L);
        // the reference script's double would have rounded this to a multiple of 256 ns
        assertThat((long) (double) 1_795_290_176_509_973_496L).isNotEqualTo(1_795_290_176_509_973_496L);
    }

    @Test
    void aFrequencyAboveWhatALongProductHoldsIsStillExact() {
        // a remainder of 9 999 999 999 ticks times 1e9 exceeds a long: the BigInteger branch
        assertThat(TimestampTicks.toNs(1_234_567_899_999_999_999L, 10_000_000_000L)).isEqualTo(123_456_789_999_999_999L);
    }

    @Test
    void beyondALongIsAnError() {
        assertThatThrownBy(() -> TimestampTicks.toNs(Long.MAX_VALUE, 125_000_000L)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aFrequencyMustBePositive() {
        assertThatThrownBy(() -> TimestampTicks.toNs(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatchMethod.Ticks("GevTimestampControlLatch", "GevTimestampValue",
                "GevTimestampTickFrequency", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLatchMethodDescribesItselfForTheReport() {
        assertThat(new LatchMethod.Ticks("GevTimestampControlLatch", "GevTimestampValue", "GevTimestampTickFrequency",
                1_000_000_000L)).hasToString("GevTimestampControlLatch/GevTimestampValue at 1000000000 Hz");
        assertThat(new LatchMethod.Nanoseconds("TimestampLatch", "TimestampLatchValue"))
                .hasToString("TimestampLatch/TimestampLatchValue (ns)");
        assertThat(new LatchMethod.Ticks("L", "V", "F", 125_000_000L).toNs(3)).isEqualTo(24);
    }
}
