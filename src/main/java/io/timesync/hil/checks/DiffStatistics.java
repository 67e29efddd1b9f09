package io.timesync.hil.checks;

import java.util.Arrays;

/** receive - sensor time over the judged packets of a stream; percentiles by nearest rank. */
public record DiffStatistics(long count, long meanNs, long p50Ns, long p99Ns, long maxNs, long minNs) {

    public static DiffStatistics of(long[] diffsNs) {
        int count = diffsNs.length;
        if (count == 0) {
            return new DiffStatistics(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = diffsNs.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long diff : sorted) {
            sum += diff;
        }
        return new DiffStatistics(count, Math.round(sum / count), rank(sorted, 50), rank(sorted, 99),
                sorted[count - 1], sorted[0]);
    }

    private static long rank(long[] sorted, int percent) {
        return sorted[Math.max(1, (int) Math.ceil(percent / 100.0 * sorted.length)) - 1];
    }
}
