package io.timesync.hil.sensor;

import java.util.List;

/** What the timing check reads from one IMU packet. */
public sealed interface ImuPacket permits ImuPacket.Legacy, ImuPacket.Measurements {

    /**
     * @param sysTimestampNs the sensor's monotonic diagnostic clock: not PTP-referenced, reported, never judged
     */
    record Legacy(long sysTimestampNs, long accelTimestampNs, long gyroTimestampNs) implements ImuPacket {
    }

    /**
     * @param timestampsNs timestamps of the valid measurements, in packet order
     * @param nmeaTimestampNs sensor time the NMEA sentence arrived; 0 without GPS
     */
    record Measurements(int frameId, long nmeaTimestampNs, List<Long> timestampsNs, int invalidMeasurements)
            implements ImuPacket {
        public Measurements {
            timestampsNs = List.copyOf(timestampsNs);
        }
    }
}
