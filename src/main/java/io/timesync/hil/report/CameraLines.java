package io.timesync.hil.report;

import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.LatchReading;
import io.timesync.hil.checks.CameraSampleJudgement;
import io.timesync.hil.checks.CameraStatistics;
import io.timesync.hil.checks.Interval;

import static io.timesync.hil.time.DurationText.ms;

/**
 * The camera measurement as text: the reference tool's console lines (serial, camera_time_ns,
 * delta_to_median_ms, verdict) with our bounds, and the CSV rows of the evidence.
 */
public final class CameraLines {
    /** The columns of {@link #csvRow(CameraSampleJudgement)}. */
    public static final String SAMPLES_CSV_HEADER = "sample,serial,camera_time_ns,host_before_ns,host_after_ns,"
            + "host_midpoint_ns,offset_ns,offset_low_ns,offset_high_ns,delta_to_median_ns,delta_low_ns,delta_high_ns,"
            + "raw_delta_to_median_ns,farthest_camera,difference_ns,difference_least_abs_ns,difference_most_abs_ns,"
            + "verdict,host_delta_ns,host_delta_low_ns,host_delta_high_ns,host_verdict";
    /** The columns of {@link #csvRow(AlignmentResult.Latch)}. */
    public static final String LATCHES_CSV_HEADER = "sample,round,serial,camera_time_ns,host_before_ns,host_after_ns,"
            + "bracket_ns,offset_ns,selected";

    private CameraLines() {
    }

    /** The reference's per-sample line, plus the bound and the largest difference to another camera. */
    public static String sampleLine(CameraSampleJudgement sample) {
        String line = "serial=" + sample.serial() + ", camera_time_ns=" + sample.reading().cameraTimeNs()
                + ", delta_to_median_ms=" + ms(sample.deltaToMedianNs()) + ", verdict=" + sample.verdict()
                + ", uncertainty_ms=" + ms(sample.deltaToMedian().halfWidthNs())
                + sample.farthest().map(d -> ", max_difference_ms=" + ms(d.estimateNs()) + ", to=" + d.serial())
                .orElse("") + ", raw_delta_to_median_ms=" + ms(sample.rawDeltaToMedianNs());
        if (sample.hostDelta().isPresent()) {
            line += ", host_delta_ms=" + ms(sample.hostDelta().get().midNs()) + ", host_verdict="
                    + sample.hostVerdict().orElseThrow();
        }
        return line;
    }

    public static String statisticsLine(CameraStatistics statistics) {
        String line = "serial=" + statistics.serial() + ", mean_delta_ns=" + statistics.meanDeltaNs()
                + ", stddev_ns=" + statistics.stddevNs() + ", max_abs_delta_ns=" + statistics.maxAbsDeltaNs()
                + ", max_uncertainty_ns=" + statistics.maxUncertaintyNs() + ", max_difference_ns="
                + statistics.maxDifferenceNs() + ", certifiable_threshold_ns=" + statistics.certifiableNs()
                + ", verdict=" + statistics.verdict();
        if (statistics.maxAbsHostDeltaNs().isPresent()) {
            line += ", max_abs_host_delta_ns=" + statistics.maxAbsHostDeltaNs().get() + ", host_verdict="
                    + statistics.hostVerdict().orElseThrow();
        }
        return line;
    }

    /** One camera's judged sample: every raw value, every bound, the verdicts. */
    public static String csvRow(CameraSampleJudgement s) {
        LatchReading r = s.reading();
        return s.sample() + "," + r.serial() + "," + r.cameraTimeNs() + "," + r.hostBeforeNs() + "," + r.hostAfterNs()
                + "," + r.hostMidpointNs() + "," + r.offsetNs() + "," + s.offset().lowNs() + "," + s.offset().highNs()
                + "," + s.deltaToMedianNs() + "," + s.deltaToMedian().lowNs() + "," + s.deltaToMedian().highNs() + ","
                + s.rawDeltaToMedianNs() + "," + s.farthest().map(d -> d.serial() + "," + d.estimateNs() + ","
                + d.leastAbsNs() + "," + d.mostAbsNs()).orElse(",,,") + "," + s.verdict() + ","
                + s.hostDelta().map(d -> d.midNs() + "," + d.lowNs() + "," + d.highNs()).orElse(",,") + ","
                + s.hostVerdict().map(String::valueOf).orElse("");
    }

    /** One latch of one round (sample 0: the warm-up), the judged one marked. */
    public static String csvRow(AlignmentResult.Latch latch) {
        LatchReading r = latch.reading();
        return latch.sample() + "," + latch.round() + "," + r.serial() + "," + r.cameraTimeNs() + "," + r.hostBeforeNs()
                + "," + r.hostAfterNs() + "," + r.bracketNs() + "," + r.offsetNs() + "," + latch.selected();
    }

    /** "1.234567 ms ± 0.500000 ms" for a bound. */
    public static String withBound(Interval value) {
        return ms(value.midNs()) + " ms ± " + ms(value.halfWidthNs()) + " ms";
    }
}
