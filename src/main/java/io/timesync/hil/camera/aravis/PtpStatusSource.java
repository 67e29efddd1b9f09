package io.timesync.hil.camera.aravis;

import java.util.Optional;

/**
 * Where a camera reports its PTP port state: SFNC's PtpStatus, which holds the values latched by
 * PtpDataSetLatch where the camera has that command, or else GigE Vision's GevIEEE1588Status.
 */
public record PtpStatusSource(String statusFeature, Optional<String> latchFeature) {
    static final String PTP_STATUS = "PtpStatus";
    static final String PTP_DATA_SET_LATCH = "PtpDataSetLatch";
    static final String GEV_IEEE1588_STATUS = "GevIEEE1588Status";

    static Optional<PtpStatusSource> of(AravisFeatures features) {
        if (features.notImplemented(PTP_STATUS).isEmpty()) {
            Optional<String> latch = features.notImplemented(PTP_DATA_SET_LATCH).isEmpty()
                    ? Optional.of(PTP_DATA_SET_LATCH) : Optional.empty();
            return Optional.of(new PtpStatusSource(PTP_STATUS, latch));
        }
        if (features.notImplemented(GEV_IEEE1588_STATUS).isEmpty()) {
            return Optional.of(new PtpStatusSource(GEV_IEEE1588_STATUS, Optional.empty()));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return latchFeature.map(latch -> latch + "/").orElse("") + statusFeature;
    }
}
