package io.timesync.hil.camera.aravis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The latch method a camera offers, or why it offers none. */
record LatchChoice(Optional<LatchMethod> method, String whyNone) {
    static final String TIMESTAMP_LATCH = "TimestampLatch";
    static final String TIMESTAMP_LATCH_VALUE = "TimestampLatchValue";
    static final String GEV_TIMESTAMP_CONTROL_LATCH = "GevTimestampControlLatch";
    static final String GEV_TIMESTAMP_VALUE = "GevTimestampValue";
    static final String GEV_TIMESTAMP_TICK_FREQUENCY = "GevTimestampTickFrequency";

    /**
     * SFNC's TimestampLatch/TimestampLatchValue first (ns; also The Imaging Source's names), then GigE Vision's
     * GevTimestampControlLatch/GevTimestampValue in ticks of GevTimestampTickFrequency, which SFNC 2.x keeps
     * as deprecated and many GigE cameras still offer. Implemented is enough: availability may depend on the
     * camera's state, and a refused latch then fails with the camera's own error.
     */
    static LatchChoice of(AravisFeatures features) {
        List<String> sfnc = features.notImplemented(TIMESTAMP_LATCH, TIMESTAMP_LATCH_VALUE);
        if (sfnc.isEmpty()) {
            return new LatchChoice(Optional.of(new LatchMethod.Nanoseconds(TIMESTAMP_LATCH, TIMESTAMP_LATCH_VALUE)), "");
        }
        List<String> lacking = new ArrayList<>(sfnc);
        List<String> gev = features.notImplemented(GEV_TIMESTAMP_CONTROL_LATCH, GEV_TIMESTAMP_VALUE,
                GEV_TIMESTAMP_TICK_FREQUENCY);
        if (gev.isEmpty()) {
            // read once: the tick frequency is a property of the device, not of the moment
            long frequencyHz = features.integer(GEV_TIMESTAMP_TICK_FREQUENCY);
            if (frequencyHz > 0) {
                return new LatchChoice(Optional.of(new LatchMethod.Ticks(GEV_TIMESTAMP_CONTROL_LATCH,
                        GEV_TIMESTAMP_VALUE, GEV_TIMESTAMP_TICK_FREQUENCY, frequencyHz)), "");
            }
            // GigE Vision: the tick frequency reads 0 when the device has no timestamp counter
            gev = List.of(GEV_TIMESTAMP_TICK_FREQUENCY + " reads " + frequencyHz + " Hz (no timestamp counter)");
        }
        lacking.addAll(gev);
        return new LatchChoice(Optional.empty(), String.join("; ", lacking));
    }
}
