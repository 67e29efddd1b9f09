package io.timesync.hil.sim.gige;

import io.timesync.hil.ptp.protocol.ClockIdentity;

/**
 * The camera's PTP data set as PtpDataSetLatch snapshots it. Clock identities are the 8 octets read big-endian:
 * octet 0 of the IEEE ClockIdentity is the MSB of the SFNC integer feature (Baumer's SFNC feature notes).
 */
public record PtpDataSet(boolean enabled, PtpStatus status, PtpServoStatus servoStatus,
                         ClockIdentity grandmasterClockId, ClockIdentity parentClockId, ClockIdentity clockId,
                         long offsetFromMasterNs, PtpClockAccuracy clockAccuracy) {

    /** A camera following {@code grandmaster} directly, its servo locked {@code offsetNs} from it. */
    public static PtpDataSet slaveOf(ClockIdentity grandmaster, ClockIdentity own, long offsetNs) {
        return new PtpDataSet(true, PtpStatus.SLAVE, PtpServoStatus.LOCKED, grandmaster, grandmaster, own, offsetNs,
                PtpClockAccuracy.UNKNOWN);
    }

    /** A camera whose PTP is switched off: it is its own parent and grandmaster. */
    public static PtpDataSet disabled(ClockIdentity own) {
        return new PtpDataSet(false, PtpStatus.DISABLED, PtpServoStatus.UNKNOWN, own, own, own, 0,
                PtpClockAccuracy.UNKNOWN);
    }
}
