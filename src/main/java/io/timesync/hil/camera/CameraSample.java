package io.timesync.hil.camera;

import java.util.Optional;

/**
 * One camera in one sample, judged.
 *
 * @param offsetNs            camera time minus the host time at the bracket midpoint
 * @param deltaNs             offset minus the median of all cameras' offsets in this sample
 * @param uncertaintyNs       half this camera's bracket width
 * @param deltaUncertaintyNs  bound on the delta's error: this camera's uncertainty plus the median's
 * @param rawDeltaToMedianNs  the reference tool's figure: camera time minus the median camera time, ignoring
 *                            when each camera was latched
 * @param hostDeltaNs         camera time converted from TAI to UTC minus the host midpoint, when compared
 */
public record CameraSample(
        int sample,
        String serial,
        long cameraTimeNs,
        long hostBeforeNs,
        long hostAfterNs,
        long offsetNs,
        long deltaNs,
        long uncertaintyNs,
        long deltaUncertaintyNs,
        long rawDeltaToMedianNs,
        Verdict verdict,
        Optional<Long> hostDeltaNs,
        Optional<Verdict> hostVerdict) {
}
