package io.timesync.hil.sensor;

import java.util.Arrays;

/** A growable array of longs: a capture records one value per packet without boxing. */
final class LongSeries {
    private long[] values = new long[4096];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
