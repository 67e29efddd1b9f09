package io.timesync.hil.camera;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one camera's samples say about it: samples out of tolerance, samples that prove nothing, and a
 * clock that is not running at all (zero, or frozen while the host clock advanced).
 */
public record CameraJudgement(String serial, List<CameraSample> samples, List<CameraSample> outOfTolerance,
                              List<CameraSample> inconclusive, Optional<String> clockFault) {

    /** Against the median of the other cameras. */
    public static CameraJudgement againstTheOthers(AlignmentRun run, String serial) {
        return of(run, serial, sample -> Optional.of(sample.verdict()));
    }

    /** Against the host clock (only samples compared with it). */
    public static CameraJudgement againstTheHostClock(AlignmentRun run, String serial) {
        return of(run, serial, CameraSample::hostVerdict);
    }

    private static CameraJudgement of(AlignmentRun run, String serial, Function<CameraSample, Optional<Verdict>> verdict) {
        List<CameraSample> samples = run.samplesOf(serial);
        return new CameraJudgement(serial, samples,
                samples.stream().filter(s -> verdict.apply(s).orElse(Verdict.OK) == Verdict.OUT_OF_TOLERANCE).toList(),
                samples.stream().filter(s -> verdict.apply(s).orElse(Verdict.OK) == Verdict.INCONCLUSIVE).toList(),
                clockFault(samples));
    }

    private static Optional<String> clockFault(List<CameraSample> samples) {
        for (int i = 0; i < samples.size(); i++) {
            CameraSample sample = samples.get(i);
            if (sample.cameraTimeNs() == 0) {
                return Optional.of("the camera latched time 0 in sample " + sample.sample()
                        + ": its clock is not running (or TimestampLatchValue is not implemented)");
            }
            if (i > 0 && sample.cameraTimeNs() <= samples.get(i - 1).cameraTimeNs()) {
                CameraSample previous = samples.get(i - 1);
                return Optional.of("the camera clock did not advance from sample " + previous.sample() + " to "
                        + sample.sample() + " (" + previous.cameraTimeNs() + " ns, then " + sample.cameraTimeNs()
                        + " ns) while the host clock advanced " + (sample.hostBeforeNs() - previous.hostBeforeNs())
                        + " ns: its clock is frozen");
            }
        }
        return Optional.empty();
    }
}
