package io.timesync.hil.camera.aravis;

/** How a camera's clock is latched and read: the features and, for a tick counter, its frequency. */
public sealed interface LatchMethod permits LatchMethod.Nanoseconds, LatchMethod.Ticks {
    /** The command that latches the device clock. */
    String latchFeature();

    /** The integer holding the latched value. */
    String valueFeature();

    /** The latched value in ns. */
    long toNs(long latchedValue);

    /** SFNC's TimestampLatch / TimestampLatchValue (also The Imaging Source's): the value is in ns. */
    record Nanoseconds(String latchFeature, String valueFeature) implements LatchMethod {
        @Override
        public long toNs(long latchedValue) {
            return latchedValue;
        }

        @Override
        public String toString() {
            return latchFeature + "/" + valueFeature + " (ns)";
        }
    }

    /** GigE Vision's GevTimestampControlLatch / GevTimestampValue: ticks at GevTimestampTickFrequency. */
    record Ticks(String latchFeature, String valueFeature, String frequencyFeature, long frequencyHz)
            implements LatchMethod {
        public Ticks {
            if (frequencyHz <= 0) {
                throw new IllegalArgumentException(frequencyFeature + " must be positive, was " + frequencyHz);
            }
        }

        /** @throws ArithmeticException when the value in ns does not fit in a long */
        @Override
        public long toNs(long latchedValue) {
            return TimestampTicks.toNs(latchedValue, frequencyHz);
        }

        @Override
        public String toString() {
            return latchFeature + "/" + valueFeature + " at " + frequencyHz + " Hz";
        }
    }
}
