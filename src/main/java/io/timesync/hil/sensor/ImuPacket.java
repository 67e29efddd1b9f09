package io.timesync.hil.sensor;

import java.util.List;

/** What the timing check reads from one IMU packet. */
public sealed interface ImuPacket permits ImuPacket.Legacy, ImuPacket.Measurements {

    /**
     * @param sysTimestampNs the sensor's monotonic sampling clock: not PTP-referenced, never judged against the
     *                       host; its steady period tells a lost packet
     */
    record Legacy(long sysTimestampNs, long accelTimestampNs, long gyroTimestampNs) implements ImuPacket {
    }

    /** @param timestampsNs timestamps of the valid measurements, in packet order */
    record Measurements(int frameId, List<Long> timestampsNs, int invalidMeasurements) implements ImuPacket {
        public Measurements {
            timestampsNs = List.copyOf(timestampsNs);
        }
    }
}
