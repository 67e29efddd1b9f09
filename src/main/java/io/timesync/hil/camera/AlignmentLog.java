package io.timesync.hil.camera;

import java.math.BigDecimal;

/** The reference tool's console lines (serial, camera_time_ns, delta_to_median_ms, verdict), plus ours. */
public final class AlignmentLog {
    private AlignmentLog() {
    }

    public static String sampleLine(CameraSample sample) {
        String line = "serial=" + sample.serial() + ", camera_time_ns=" + sample.cameraTimeNs()
                + ", delta_to_median_ms=" + ms(sample.deltaNs()) + ", verdict=" + sample.verdict()
                + ", uncertainty_ms=" + ms(sample.deltaUncertaintyNs())
                + ", raw_delta_to_median_ms=" + ms(sample.rawDeltaToMedianNs());
        if (sample.hostDeltaNs().isPresent()) {
            line += ", host_delta_ms=" + ms(sample.hostDeltaNs().get()) + ", host_verdict="
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
        StringBuilder csv = new StringBuilder("sample,serial,camera_time_ns,host_before_ns,host_after_ns,"
                + "host_midpoint_ns,offset_ns,delta_ns,uncertainty_ns,delta_uncertainty_ns,raw_delta_to_median_ns,"
                + "verdict,host_delta_ns,host_verdict\n");
        for (CameraSample s : run.samples()) {
            csv.append(s.sample()).append(',').append(s.serial()).append(',').append(s.cameraTimeNs()).append(',')
                    .append(s.hostBeforeNs()).append(',').append(s.hostAfterNs()).append(',')
                    .append(s.hostBeforeNs() + (s.hostAfterNs() - s.hostBeforeNs()) / 2).append(',')
                    .append(s.offsetNs()).append(',').append(s.deltaNs()).append(',').append(s.uncertaintyNs())
                    .append(',').append(s.deltaUncertaintyNs()).append(',').append(s.rawDeltaToMedianNs()).append(',')
                    .append(s.verdict()).append(',').append(s.hostDeltaNs().map(String::valueOf).orElse(""))
                    .append(',').append(s.hostVerdict().map(String::valueOf).orElse("")).append('\n');
        }
        return csv.toString();
    }

    /** Every latch of every round, the selected one marked, for the report and offline analysis. */
    public static String latchesCsv(AlignmentRun run) {
        StringBuilder csv = new StringBuilder("sample,round,serial,camera_time_ns,host_before_ns,host_after_ns,"
                + "offset_ns,uncertainty_ns,selected\n");
        for (AlignmentRun.Latch latch : run.latches()) {
            LatchReading r = latch.reading();
            csv.append(latch.sample()).append(',').append(latch.round()).append(',').append(r.serial()).append(',')
                    .append(r.cameraTimeNs()).append(',').append(r.hostBeforeNs()).append(',').append(r.hostAfterNs())
                    .append(',').append(r.cameraTimeNs() - r.hostMidpointNs()).append(',').append(r.uncertaintyNs())
                    .append(',').append(latch.selected()).append('\n');
        }
        return csv.toString();
    }

    /** Milliseconds with all six decimals: exact to the nanosecond. */
    public static String ms(long ns) {
        return BigDecimal.valueOf(ns, 6).toPlainString();
    }
}
