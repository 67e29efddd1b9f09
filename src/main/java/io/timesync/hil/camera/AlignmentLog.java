package io.timesync.hil.camera;

import io.timesync.hil.DurationText;

/** The reference tool's console lines (serial, camera_time_ns, delta_to_median_ms, verdict), plus ours. */
public final class AlignmentLog {
    /** The columns of {@link #csvRow(CameraSample)}. */
    public static final String SAMPLES_CSV_HEADER = "sample,serial,camera_time_ns,host_before_ns,host_after_ns,"
            + "host_midpoint_ns,offset_ns,delta_ns,uncertainty_ns,delta_uncertainty_ns,raw_delta_to_median_ns,verdict,"
            + "host_delta_ns,host_verdict";
    /** The columns of {@link #csvRow(AlignmentRun.Latch)}. */
    public static final String LATCHES_CSV_HEADER = "sample,round,serial,camera_time_ns,host_before_ns,host_after_ns,"
            + "offset_ns,uncertainty_ns,selected";

    private AlignmentLog() {
    }

    public static String sampleLine(CameraSample sample) {
        String line = "serial=" + sample.serial() + ", camera_time_ns=" + sample.cameraTimeNs()
                + ", delta_to_median_ms=" + DurationText.ms(sample.deltaNs()) + ", verdict=" + sample.verdict()
                + ", uncertainty_ms=" + DurationText.ms(sample.deltaUncertaintyNs())
                + ", raw_delta_to_median_ms=" + DurationText.ms(sample.rawDeltaToMedianNs());
        if (sample.hostDeltaNs().isPresent()) {
            line += ", host_delta_ms=" + DurationText.ms(sample.hostDeltaNs().get()) + ", host_verdict="
                    + sample.hostVerdict().orElseThrow();
        }
        return line;
    }

    public static String statisticsLine(CameraStatistics statistics) {
        String line = "serial=" + statistics.serial() + ", mean_delta_ns=" + statistics.meanDeltaNs()
                + ", stddev_ns=" + statistics.stddevNs() + ", max_abs_delta_ns=" + statistics.maxAbsDeltaNs()
                + ", max_uncertainty_ns=" + statistics.maxDeltaUncertaintyNs() + ", verdict=" + statistics.verdict();
        if (statistics.maxAbsHostDeltaNs().isPresent()) {
            line += ", max_abs_host_delta_ns=" + statistics.maxAbsHostDeltaNs().get() + ", host_verdict="
                    + statistics.hostVerdict().orElseThrow();
        }
        return line;
    }

    /** Every raw value of the run, one row per camera and sample, for the report and offline analysis. */
    public static String csv(AlignmentRun run) {
        StringBuilder csv = new StringBuilder(SAMPLES_CSV_HEADER).append('\n');
        run.samples().forEach(sample -> csv.append(csvRow(sample)).append('\n'));
        return csv.toString();
    }

    /** One camera's sample: every raw value and the verdicts. */
    public static String csvRow(CameraSample s) {
        return s.sample() + "," + s.serial() + "," + s.cameraTimeNs() + "," + s.hostBeforeNs() + "," + s.hostAfterNs()
                + "," + (s.hostBeforeNs() + (s.hostAfterNs() - s.hostBeforeNs()) / 2) + "," + s.offsetNs() + ","
                + s.deltaNs() + "," + s.uncertaintyNs() + "," + s.deltaUncertaintyNs() + "," + s.rawDeltaToMedianNs()
                + "," + s.verdict() + "," + s.hostDeltaNs().map(String::valueOf).orElse("") + ","
                + s.hostVerdict().map(String::valueOf).orElse("");
    }

    /** Every latch of every round (sample 0: the warm-up), the judged one marked, for offline analysis. */
    public static String latchesCsv(AlignmentRun run) {
        StringBuilder csv = new StringBuilder(LATCHES_CSV_HEADER).append('\n');
        run.latches().forEach(latch -> csv.append(csvRow(latch)).append('\n'));
        return csv.toString();
    }

    /** One latch of one round. */
    public static String csvRow(AlignmentRun.Latch latch) {
        LatchReading r = latch.reading();
        return latch.sample() + "," + latch.round() + "," + r.serial() + "," + r.cameraTimeNs() + "," + r.hostBeforeNs()
                + "," + r.hostAfterNs() + "," + (r.cameraTimeNs() - r.hostMidpointNs()) + "," + r.uncertaintyNs() + ","
                + latch.selected();
    }
}
