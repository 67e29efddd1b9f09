package io.timesync.hil.checks;

import io.timesync.hil.camera.AlignmentResult;
import io.timesync.hil.camera.CameraPtpDataSet;
import io.timesync.hil.camera.CameraRig;
import io.timesync.hil.ptp.GrandmasterState;
import io.timesync.hil.time.DurationText;
import io.timesync.hil.time.StateWatch;
import io.timesync.hil.time.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.timesync.hil.time.DurationText.ms;

/** The camera requirement's checks: pure functions from what was measured to a finding. */
public final class CameraChecks {
    private static final int SAMPLES_LISTED = 5;

    private CameraChecks() {
    }

    /** The camera's PTP port state as the camera reports it (GenICam PtpStatus), awaited until Slave. */
    public static Finding ptpPortReachesSlave(String serial, Optional<StateWatch.Observation<String>> status,
                                              long settleTimeoutNs) {
        if (status.isEmpty()) {
            return Finding.skipped("camera " + serial + " has no PtpStatus feature to check");
        }
        StateWatch.Observation<String> observed = status.get();
        String required = "PtpStatus " + observed.wanted() + " within " + DurationText.format(settleTimeoutNs);
        String measured = "PtpStatus " + observed.lastState().orElse("(none)") + " after "
                + DurationText.formatToMs(observed.elapsedNs());
        if (observed.reached()) {
            return Finding.passed(required, measured);
        }
        return Finding.failed(required, measured, "camera " + serial + " did not reach PtpStatus " + observed.wanted()
                + " within " + DurationText.format(settleTimeoutNs) + "\nexpected: " + observed.wanted() + "\n but was: "
                + observed.lastState().orElse(null) + " (statuses seen: " + observed.statesSeen() + "): its PTP port "
                + "does not follow a master");
    }

    /**
     * The camera's grandmaster, as the camera reports it (PtpGrandmasterClockID), is this host's clock, awaited within
     * the settle timeout; a camera that does not report its grandmaster is skipped saying so, never passed.
     *
     * @param grandmaster the camera's grandmaster clock identities as watched; empty when the camera offers none
     */
    public static Finding followsThisHostsGrandmaster(String serial, Optional<StateWatch.Observation<String>> grandmaster,
                                                      String hostClockIdentity, long settleTimeoutNs) {
        if (grandmaster.isEmpty()) {
            return Finding.skipped("camera " + serial + " does not report its grandmaster (no "
                    + CameraPtpDataSet.GRANDMASTER_CLOCK_ID + "): which master it follows cannot be read from it; its "
                    + "PtpStatus and the latch comparison still judge it");
        }
        StateWatch.Observation<String> observed = grandmaster.get();
        String required = CameraPtpDataSet.GRANDMASTER_CLOCK_ID + " " + hostClockIdentity + " (this host's "
                + "clockIdentity) within " + DurationText.format(settleTimeoutNs);
        String measured = CameraPtpDataSet.GRANDMASTER_CLOCK_ID + " " + observed.lastState().orElse("(none)")
                + " after " + DurationText.formatToMs(observed.elapsedNs());
        if (observed.reached()) {
            return Finding.passed(required, measured);
        }
        return Finding.failed(required, measured, "camera " + serial + " follows another grandmaster than this host's "
                + "ptp4l (a switch, another host or camera won the best master election)\nexpected: "
                + hostClockIdentity + "\n but was: " + observed.lastState().orElse(null) + " (seen: "
                + observed.statesSeen() + ")");
    }

    /**
     * In every sample, the camera's own PTP servo holds it within the offset threshold, as the camera itself reports
     * it: |PtpOffsetFromMaster| within it, and PtpServoStatus Locked, where offered.
     */
    public static Finding servoHoldsItWithinOffsetThreshold(AlignmentResult result, String serial,
                                                            long offsetThresholdNs, Timeline<GrandmasterState> grandmaster) {
        String camera = "camera " + serial;
        List<AlignmentResult.Sample> own = result.samplesWith(serial);
        List<CameraPtpDataSet> dataSets = own.stream().flatMap(sample -> sample.ptpOf(serial).stream()).toList();
        String required = "|" + CameraPtpDataSet.OFFSET_FROM_MASTER + "| <= " + DurationText.format(offsetThresholdNs)
                + " and " + CameraPtpDataSet.SERVO_STATUS + " " + CameraPtpDataSet.SERVO_LOCKED + " (where offered) in "
                + "each of " + result.settings().samples() + " samples, as the camera reports it";
        boolean offered = dataSets.stream().anyMatch(d -> d.offsetFromMasterNs().isPresent()
                || d.servoStatus().isPresent());
        if (!dataSets.isEmpty() && !offered && dataSets.stream().noneMatch(d -> d.unreadable().isPresent())) {
            return Finding.skipped(camera + " reports neither " + CameraPtpDataSet.OFFSET_FROM_MASTER + " nor "
                    + CameraPtpDataSet.SERVO_STATUS + ": its servo cannot be read from it");
        }
        long largestNs = dataSets.stream().flatMapToLong(d -> d.offsetFromMasterNs().stream()).map(Math::abs).max()
                .orElse(0);
        String measured = "largest |" + CameraPtpDataSet.OFFSET_FROM_MASTER + "| " + largestNs + " ns; "
                + dataSets.stream().filter(d -> d.servoStatus().filter(CameraPtpDataSet.SERVO_LOCKED::equals)
                .isPresent()).count() + " of " + dataSets.size() + " samples " + CameraPtpDataSet.SERVO_LOCKED
                + " (the camera's own measurement)";
        List<String> out = new ArrayList<>();
        for (AlignmentResult.Sample sample : own) {
            sample.ptpOf(serial).ifPresent(dataSet -> {
                List<String> wrong = new ArrayList<>();
                dataSet.offsetFromMasterNs().stream().filter(offset -> Math.abs(offset) > offsetThresholdNs)
                        .forEach(offset -> wrong.add(CameraPtpDataSet.OFFSET_FROM_MASTER + " " + offset + " ns"));
                dataSet.servoStatus().filter(servo -> !servo.equals(CameraPtpDataSet.SERVO_LOCKED))
                        .ifPresent(servo -> wrong.add(CameraPtpDataSet.SERVO_STATUS + " " + servo));
                if (!wrong.isEmpty()) {
                    out.add("sample " + sample.number() + ": " + String.join(", ", wrong));
                }
            });
        }
        if (!out.isEmpty()) {
            return Finding.failed(required, measured, camera + "'s own PTP servo does not hold it within "
                    + DurationText.format(offsetThresholdNs) + " in " + out.size() + " of " + dataSets.size()
                    + " samples\nexpected: " + required + "\n but was: " + out.stream().limit(SAMPLES_LISTED)
                    .collect(Collectors.joining(", ")) + (out.size() > SAMPLES_LISTED ? ", ..." : ""));
        }
        Optional<RuntimeException> failure = result.failureOf(serial);
        if (failure.isPresent()) {
            return Finding.broken(required, measured, failure.get());
        }
        Optional<String> unreadable = dataSets.stream().flatMap(d -> d.unreadable().stream()).findFirst();
        if (unreadable.isPresent()) {
            return Finding.inconclusive(required, measured, camera, "its PTP data set could not be read in every "
                    + "sample: " + unreadable.get());
        }
        List<String> unheld = own.stream().filter(sample -> !GrandmasterHeld.during(grandmaster, sample.hostStartNs(),
                sample.hostEndNs()).held()).map(sample -> String.valueOf(sample.number())).toList();
        if (!unheld.isEmpty()) {
            return Finding.inconclusive(required, measured, camera, "sample(s) " + String.join(", ", unheld)
                    + " were taken while the host was not proven the bench's grandmaster, so they prove nothing");
        }
        Optional<String> shortfall = result.shortfallOf(serial);
        if (shortfall.isPresent()) {
            return Finding.inconclusive(required, measured, camera, shortfall.get());
        }
        return Finding.passed(required, measured);
    }

    /**
     * In every sample, the camera's clock is within the threshold of every other camera's, while the host held
     * the bench's grandmaster role.
     */
    public static Finding withinThresholdOfEveryOtherCamera(CameraRig.Measured measured, String serial,
                                                            long thresholdNs, Timeline<GrandmasterState> grandmaster) {
        AlignmentResult result = measured.result();
        List<CameraSampleJudgement> own = judgementsOf(measured, serial, thresholdNs, thresholdNs);
        String required = "|difference to every other camera| <= " + DurationText.format(thresholdNs) + " in each of "
                + result.settings().samples() + " samples";
        String observed = own.stream().filter(j -> j.farthest().isPresent())
                .max(Comparator.comparingLong(j -> j.farthest().get().mostAbsNs()))
                .map(worst -> "largest difference " + ms(worst.farthest().get().estimateNs()) + " ms, at most "
                        + ms(worst.farthest().get().mostAbsNs()) + " ms (to " + worst.farthest().get().serial()
                        + ", sample " + worst.sample() + "): certifies any threshold >= "
                        + ms(worst.farthest().get().mostAbsNs()) + " ms; ")
                .orElse("") + own.size() + " of " + result.settings().samples() + " samples";
        if (result.serials().size() == 1) {
            return Finding.skipped("the bench has one camera: there is no other camera to compare it with");
        }
        return judge(result, serial, required, observed, own, grandmaster, CameraSampleJudgement::verdict,
                j -> "sample " + j.sample() + ": " + j.farthest().map(d -> ms(d.estimateNs()) + " ms, at least "
                        + ms(d.leastAbsNs()) + " ms, to " + d.serial()).orElse("alone"),
                "camera " + serial + " differs from another camera by more than " + DurationText.format(thresholdNs),
                "|difference to every other camera| <= " + DurationText.format(thresholdNs),
                "their bound straddles it, or no other camera was latched with it");
    }

    /**
     * In every sample, the camera's time (TAI turned into UTC) is within the threshold of the host clock, while the
     * host held the bench's grandmaster role.
     */
    public static Finding withinThresholdOfHostClock(CameraRig.Measured measured, String serial, long hostThresholdNs,
                                                     Timeline<GrandmasterState> grandmaster) {
        if (measured.hostReference().isEmpty()) {
            return Finding.skipped("comparison with the host clock is off (cameras.compareToHostClock)");
        }
        AlignmentResult result = measured.result();
        List<CameraSampleJudgement> own = judgementsOf(measured, serial, hostThresholdNs, hostThresholdNs);
        String required = "|camera time (UTC) - host clock| <= " + DurationText.format(hostThresholdNs) + " in each of "
                + result.settings().samples() + " samples (TAI - UTC from " + measured.hostReference().get().source()
                + ")";
        String observed = own.stream().max(Comparator.comparingLong(j -> j.hostDelta().orElseThrow().maxAbsNs()))
                .map(worst -> "largest " + ms(worst.hostDelta().get().midNs()) + " ms ± "
                        + ms(worst.hostDelta().get().halfWidthNs()) + " ms (sample " + worst.sample() + "); ")
                .orElse("") + own.size() + " of " + result.settings().samples() + " samples";
        return judge(result, serial, required, observed, own, grandmaster, j -> j.hostVerdict().orElseThrow(),
                j -> "sample " + j.sample() + ": " + ms(j.hostDelta().orElseThrow().midNs()) + " ms ± "
                        + ms(j.hostDelta().get().halfWidthNs()) + " ms",
                "camera " + serial + " is off the host clock", "|camera time (UTC) - host clock| <= "
                        + DurationText.format(hostThresholdNs), "their bound straddles it");
    }

    /**
     * A proven fault or out-of-tolerance sample fails; then a part that could not be measured breaks; then a
     * sample taken while the host was not (provably) the grandmaster, any sample that proves nothing, or missing
     * samples leave it inconclusive; only then it passes.
     */
    private static Finding judge(AlignmentResult result, String serial, String required, String measured,
                                 List<CameraSampleJudgement> own, Timeline<GrandmasterState> grandmaster,
                                 Function<CameraSampleJudgement, Verdict> verdict,
                                 Function<CameraSampleJudgement, String> describe, String outOfTolerance,
                                 String expected, String inconclusiveReason) {
        String camera = "camera " + serial;
        Optional<RuntimeException> failure = result.failureOf(serial);
        String lostLater = failure.map(f -> " (and then: " + f.getMessage().lines().findFirst().orElse("") + ")")
                .orElse("");
        Optional<String> clockFault = CameraClock.fault(result.latchesOf(serial));
        if (clockFault.isPresent()) {
            return Finding.failed(required, measured, camera + "'s clock: " + clockFault.get() + lostLater
                    + "\nexpected: a clock that advances with the host clock (within "
                    + CameraClock.RATE_TOLERANCE_PPM + " ppm)\n but was: " + clockFault.get());
        }
        List<CameraSampleJudgement> out = own.stream().filter(j -> verdict.apply(j) == Verdict.OUT_OF_TOLERANCE).toList();
        if (!out.isEmpty()) {
            return Finding.failed(required, measured, outOfTolerance + " in " + out.size() + " of " + own.size()
                    + " samples" + lostLater + "\nexpected: " + expected + "\n but was: " + list(out, describe));
        }
        if (failure.isPresent()) {
            return Finding.broken(required, measured, failure.get());
        }
        Map<Integer, GrandmasterHeld> held = result.samples().stream().collect(Collectors.toMap(
                AlignmentResult.Sample::number, s -> GrandmasterHeld.during(grandmaster, s.hostStartNs(), s.hostEndNs())));
        List<CameraSampleJudgement> unheld = own.stream().filter(j -> !held.get(j.sample()).held()).toList();
        if (!unheld.isEmpty()) {
            Map<String, List<Integer>> byWhy = unheld.stream().collect(Collectors.groupingBy(
                    j -> held.get(j.sample()).why(), LinkedHashMap::new,
                    Collectors.mapping(CameraSampleJudgement::sample, Collectors.toList())));
            return Finding.inconclusive(required, measured, camera, unheld.size() + " of " + own.size() + " samples "
                    + "were taken while the host was not proven the bench's grandmaster, so they prove nothing: "
                    + byWhy.entrySet().stream().map(e -> "sample(s) " + ranges(e.getValue()) + ": " + e.getKey())
                    .collect(Collectors.joining("; ")));
        }
        List<CameraSampleJudgement> open = own.stream().filter(j -> verdict.apply(j) == Verdict.INCONCLUSIVE).toList();
        if (!open.isEmpty()) {
            return Finding.inconclusive(required, measured, camera, open.size() + " of " + own.size()
                    + " samples cannot prove the threshold: " + inconclusiveReason + " (" + list(open, describe)
                    + "). Slow latch calls widen the bound");
        }
        Optional<String> shortfall = result.shortfallOf(serial);
        if (shortfall.isPresent()) {
            return Finding.inconclusive(required, measured, camera, shortfall.get());
        }
        return Finding.passed(required, measured);
    }

    /** Every sample's judgement of one camera. */
    public static List<CameraSampleJudgement> judgementsOf(CameraRig.Measured measured, String serial,
                                                           long thresholdNs, long hostThresholdNs) {
        return CameraAlignment.judgeAll(measured.result(), thresholdNs, measured.hostReference(), hostThresholdNs)
                .stream().filter(j -> j.serial().equals(serial)).toList();
    }

    /** Sample numbers as runs: 1, 3-7, 9. */
    static String ranges(List<Integer> numbers) {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            int first = numbers.get(i);
            while (i + 1 < numbers.size() && numbers.get(i + 1) == numbers.get(i) + 1) {
                i++;
            }
            runs.add(first == numbers.get(i) ? String.valueOf(first) : first + "-" + numbers.get(i));
        }
        return String.join(", ", runs);
    }

    private static String list(List<CameraSampleJudgement> samples, Function<CameraSampleJudgement, String> describe) {
        return samples.stream().limit(SAMPLES_LISTED).map(describe).collect(Collectors.joining(", "))
                + (samples.size() > SAMPLES_LISTED ? ", ..." : "");
    }
}
