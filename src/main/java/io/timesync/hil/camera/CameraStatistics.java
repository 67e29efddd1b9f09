package io.timesync.hil.camera;

import java.util.List;
import java.util.Optional;

/** One camera over all its samples, like the reference tool's statistics block, plus the uncertainty. */
public record CameraStatistics(
        String serial,
        int samples,
        long meanDeltaNs,
        long stddevNs,
        long maxAbsDeltaNs,
        long maxDeltaUncertaintyNs,
        Verdict verdict,
        Optional<Long> maxAbsHostDeltaNs,
        Optional<Verdict> hostVerdict) {

    public static CameraStatistics of(String serial, List<CameraSample> samples) {
        double mean = samples.stream().mapToLong(CameraSample::deltaNs).average().orElse(0);
        double variance = samples.stream().mapToDouble(s -> Math.pow(s.deltaNs() - mean, 2)).average().orElse(0);
        Verdict verdict = samples.stream().map(CameraSample::verdict).reduce(Verdict.OK, Verdict::worse);
        Optional<Long> maxAbsHostDelta = samples.stream().flatMap(s -> s.hostDeltaNs().stream()).map(Math::abs)
                .max(Long::compare);
        Optional<Verdict> hostVerdict = samples.stream().flatMap(s -> s.hostVerdict().stream()).reduce(Verdict::worse);
        return new CameraStatistics(serial, samples.size(), Math.round(mean), Math.round(Math.sqrt(variance)),
                samples.stream().mapToLong(s -> Math.abs(s.deltaNs())).max().orElse(0),
                samples.stream().mapToLong(CameraSample::deltaUncertaintyNs).max().orElse(0),
                verdict, maxAbsHostDelta, hostVerdict);
    }
}
