package io.timesync.hil.camera;

import io.timesync.hil.ptp.UtcOffset;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one alignment measurement produced: the judged samples, every latch they came from, the
 * cameras that failed (missing, latch error, lost), the console log, and why it stopped early if it did.
 *
 * @param utcOffset present when camera time was compared with the host clock
 */
public record AlignmentRun(
        AlignmentMeasurement.Settings settings,
        Optional<UtcOffset> utcOffset,
        List<CameraSample> samples,
        List<Latch> latches,
        Map<String, RuntimeException> failures,
        int samplesTaken,
        Optional<String> stoppedEarly,
        List<String> log) {

    /**
     * One latch of one camera in one round of a sample (sample 0: the warm-up, not judged); {@code selected}
     * when the sample judged it.
     */
    public record Latch(int sample, int round, LatchReading reading, boolean selected) {
    }

    public AlignmentRun {
        samples = List.copyOf(samples);
        latches = List.copyOf(latches);
        failures = Map.copyOf(failures);
        log = List.copyOf(log);
    }

    public List<CameraSample> samplesOf(String serial) {
        return samples.stream().filter(sample -> sample.serial().equals(serial)).toList();
    }

    public CameraStatistics statisticsOf(String serial) {
        return CameraStatistics.of(serial, samplesOf(serial));
    }

    /** "measured in k of n planned samples (why it stopped)", when the camera has fewer samples than planned. */
    public Optional<String> shortfallOf(String serial) {
        int measured = samplesOf(serial).size();
        if (stoppedEarly.isEmpty() && measured >= settings.samples()) {
            return Optional.empty();
        }
        return Optional.of("measured in " + measured + " of " + settings.samples() + " planned samples"
                + stoppedEarly.map(why -> " (" + why + ")").orElse(""));
    }

    public Optional<RuntimeException> failureOf(String serial) {
        return Optional.ofNullable(failures.get(serial));
    }
}
