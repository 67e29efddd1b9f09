package io.timesync.hil.sim.gige;

/** The camera's live PTP state, supplied by the caller; the device asks for it at each PtpDataSetLatch. */
@FunctionalInterface
public interface PtpDataSetSource {
    PtpDataSet current();
}
