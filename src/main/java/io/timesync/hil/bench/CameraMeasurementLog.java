package io.timesync.hil.bench;

import io.timesync.hil.camera.AlignmentMeasurement;
import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.CameraPtpDataSet;
import io.timesync.hil.checks.CameraAlignment;
import io.timesync.hil.checks.CameraSampleJudgement;
import io.timesync.hil.checks.CameraStatistics;
import io.timesync.hil.config.BenchConfig;
import io.timesync.hil.report.CameraLines;
import io.timesync.hil.report.EvidenceStore;
import io.timesync.hil.time.UtcOffset;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The camera measurement on the console, as the reference tool printed it, and in the evidence, row by row as
 * it is measured: every latch, every judged sample, the log.
 */
final class CameraMeasurementLog implements AlignmentMeasurement.Listener {
    static final Path SAMPLES = Path.of("cameras", "samples.csv");
    static final Path LATCHES = Path.of("cameras", "latches.csv");
    static final Path LOG = Path.of("cameras", "measurement.log");
    static final Path PTP_DATA_SETS = Path.of("cameras", "ptp-data-sets.csv");
    private static final String PTP_CSV_HEADER = "sample,serial,status,servo_status,grandmaster_clock_id,"
            + "parent_clock_id,clock_id,offset_from_master_ns,clock_accuracy,not_offered,unreadable";

    private final EvidenceStore evidence;
    private final PrintStream console;
    private final BenchConfig.CameraSettings settings;
    private final Supplier<Optional<UtcOffset>> hostReference;
    private final Supplier<String> hostPtpLine;
    private final List<CameraSampleJudgement> judged = new ArrayList<>();

    /**
     * @param hostReference the UTC offset when camera time is compared with the host clock (asked once)
     * @param hostPtpLine   the host's PTP state, printed with every sample as the reference tool did
     */
    CameraMeasurementLog(EvidenceStore evidence, PrintStream console, BenchConfig.CameraSettings settings,
                         Supplier<Optional<UtcOffset>> hostReference, Supplier<String> hostPtpLine) {
        this.evidence = evidence;
        this.console = console;
        this.settings = settings;
        this.hostReference = hostReference;
        this.hostPtpLine = hostPtpLine;
        evidence.append(SAMPLES, CameraLines.SAMPLES_CSV_HEADER);
        evidence.append(LATCHES, CameraLines.LATCHES_CSV_HEADER);
        evidence.append(PTP_DATA_SETS, PTP_CSV_HEADER);
    }

    @Override
    public void warmUp() {
        hostReference.get().ifPresent(offset -> line("Host clock reference: TAI - UTC from " + offset.source()));
        line("[Warm-up] one sample, not judged");
    }

    @Override
    public void sampleStarting(int sample) {
        line("[Sample " + sample + "]");
        line("Host PTP: " + hostPtpLine.get());
    }

    @Override
    public void latched(AlignmentResult.Latch latch) {
        evidence.append(LATCHES, CameraLines.csvRow(latch));
    }

    @Override
    public void failed(String serial, RuntimeException failure) {
        line("serial=" + serial + ", error=" + failure.getMessage().replace('\n', ' '));
    }

    @Override
    public void sampled(AlignmentResult.Sample sample) {
        for (CameraSampleJudgement judgement : CameraAlignment.judge(sample, settings.thresholdNs(), hostReference.get(),
                settings.hostThresholdNs())) {
            judged.add(judgement);
            evidence.append(SAMPLES, CameraLines.csvRow(judgement));
            String ptp = sample.ptpOf(judgement.serial()).map(CameraPtpDataSet::consoleFields).orElse("");
            line(CameraLines.sampleLine(judgement) + (ptp.isEmpty() ? "" : ", " + ptp));
        }
        sample.ptp().forEach(dataSet -> evidence.append(PTP_DATA_SETS, ptpRow(sample.number(), dataSet)));
    }

    private static String ptpRow(int sample, CameraPtpDataSet dataSet) {
        return String.join(",", String.valueOf(sample), dataSet.serial(), dataSet.status().orElse(""),
                dataSet.servoStatus().orElse(""), clockId(dataSet.grandmasterClockId()),
                clockId(dataSet.parentClockId()), clockId(dataSet.clockId()),
                dataSet.offsetFromMasterNs().stream().mapToObj(String::valueOf).findFirst().orElse(""),
                dataSet.clockAccuracy().orElse(""), String.join(" ", dataSet.missing()),
                dataSet.unreadable().map(why -> "\"" + why.replace("\"", "\"\"") + "\"").orElse(""));
    }

    private static String clockId(OptionalLong id) {
        return id.stream().mapToObj(CameraPtpDataSet::clockIdText).findFirst().orElse("");
    }

    @Override
    public void stopped(AlignmentResult.Stop stop) {
        line(stop.text());
    }

    @Override
    public void finished(AlignmentResult result) {
        if (result.samples().size() < 2) {
            return;
        }
        line("=== Statistics ===");
        long maxAbsDeltaNs = 0;
        for (String serial : result.serials()) {
            List<CameraSampleJudgement> own = judged.stream().filter(j -> j.serial().equals(serial)).toList();
            if (!own.isEmpty()) {
                CameraStatistics statistics = CameraStatistics.of(serial, own);
                maxAbsDeltaNs = Math.max(maxAbsDeltaNs, statistics.maxAbsDeltaNs());
                line(CameraLines.statisticsLine(statistics));
            }
        }
        line("Max_abs_delta_ns=" + maxAbsDeltaNs);
    }

    private void line(String text) {
        console.println(text);
        evidence.append(LOG, text);
    }
}
