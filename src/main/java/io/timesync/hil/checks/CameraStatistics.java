package io.timesync.hil.checks;

import java.util.List;
import java.util.Optional;

/**
 * One camera over all its samples, like the reference tool's statistics block, plus our bounds.
 *
 * @param certifiableNs the smallest threshold this measurement proves the camera within of every other camera: the
 *                      largest any difference can be, over every sample (0 without another camera)
 */
public record CameraStatistics(
        String serial,
        int samples,
        long meanDeltaNs,
        long stddevNs,
        long maxAbsDeltaNs,
        long maxUncertaintyNs,
        long maxDifferenceNs,
        long certifiableNs,
        Verdict verdict,
        Optional<Long> maxAbsHostDeltaNs,
        Optional<Verdict> hostVerdict) {

    public static CameraStatistics of(String serial, List<CameraSampleJudgement> samples) {
        double mean = samples.stream().mapToLong(CameraSampleJudgement::deltaToMedianNs).average().orElse(0);
        double variance = samples.stream().mapToDouble(s -> Math.pow(s.deltaToMedianNs() - mean, 2)).average()
                .orElse(0);
        return new CameraStatistics(serial, samples.size(), Math.round(mean), Math.round(Math.sqrt(variance)),
                samples.stream().mapToLong(s -> Math.abs(s.deltaToMedianNs())).max().orElse(0),
                samples.stream().mapToLong(s -> s.deltaToMedian().halfWidthNs()).max().orElse(0),
                samples.stream().flatMap(s -> s.farthest().stream()).mapToLong(d -> Math.abs(d.estimateNs())).max()
                        .orElse(0),
                samples.stream().flatMap(s -> s.farthest().stream()).mapToLong(CameraSampleJudgement.Difference::mostAbsNs)
                        .max().orElse(0),
                samples.stream().map(CameraSampleJudgement::verdict).reduce(Verdict.OK, Verdict::worse),
                samples.stream().flatMap(s -> s.hostDelta().stream()).map(d -> Math.abs(d.midNs())).max(Long::compare),
                samples.stream().flatMap(s -> s.hostVerdict().stream()).reduce(Verdict::worse));
    }
}
