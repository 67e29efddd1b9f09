package io.timesync.hil.camera;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one alignment measurement recorded, unjudged: per sample each camera's selected latch, every
 * latch of every round, the cameras that failed (missing, latch error, lost), and why it stopped early if it
 * did. The checks layer judges it.
 *
 * @param serials the cameras the measurement was asked to measure, in bench order
 */
public record AlignmentResult(
        AlignmentMeasurement.Settings settings,
        List<String> serials,
        List<Sample> samples,
        List<Latch> latches,
        Map<String, RuntimeException> failures,
        Optional<Stop> stoppedEarly) {

    /**
     * One judged sample (numbered from 1): each camera's selected reading, for every camera that latched in all
     * its rounds, and each such camera's own PTP data set read right after.
     *
     * @param hostStartNs host clock (UTC) when its first latch call started
     * @param hostEndNs   host clock (UTC) when its last latch call returned
     */
    public record Sample(int number, List<LatchReading> readings, long hostStartNs, long hostEndNs,
                         List<CameraPtpDataSet> ptp) {
        public Sample {
            readings = List.copyOf(readings);
            ptp = List.copyOf(ptp);
        }

        public Optional<LatchReading> readingOf(String serial) {
            return readings.stream().filter(reading -> reading.serial().equals(serial)).findFirst();
        }

        public Optional<CameraPtpDataSet> ptpOf(String serial) {
            return ptp.stream().filter(dataSet -> dataSet.serial().equals(serial)).findFirst();
        }
    }

    /**
     * One latch of one camera in one round of a sample (sample 0: the warm-up, not judged); {@code selected}
     * when its sample judges it.
     */
    public record Latch(int sample, int round, LatchReading reading, boolean selected) {
    }

    /** Why a measurement took fewer samples than planned. */
    public record Stop(Reason reason, int samplesTaken, String text) {
        public enum Reason {
            /** the bench's overall timeout ran out: no camera's fault */
            OUT_OF_TIME,
            /** every camera had failed */
            NO_CAMERA_LEFT
        }
    }

    public AlignmentResult {
        serials = List.copyOf(serials);
        samples = List.copyOf(samples);
        latches = List.copyOf(latches);
        failures = Map.copyOf(failures);
    }

    /** The camera's selected reading in each sample it latched in, with the sample's number. */
    public List<Sample> samplesWith(String serial) {
        return samples.stream().filter(sample -> sample.readingOf(serial).isPresent()).toList();
    }

    /** Every latch of the camera, in the order taken (warm-up first). */
    public List<LatchReading> latchesOf(String serial) {
        return latches.stream().map(Latch::reading).filter(reading -> reading.serial().equals(serial)).toList();
    }

    public Optional<RuntimeException> failureOf(String serial) {
        return Optional.ofNullable(failures.get(serial));
    }

    /** "measured in k of n planned samples (why it stopped)", when the camera has fewer samples than planned. */
    public Optional<String> shortfallOf(String serial) {
        int measured = samplesWith(serial).size();
        if (measured >= settings.samples()) {
            return Optional.empty();
        }
        return Optional.of("measured in " + measured + " of " + settings.samples() + " planned samples"
                + stoppedEarly.map(stop -> " (" + stop.text() + ")").orElse(""));
    }
}
