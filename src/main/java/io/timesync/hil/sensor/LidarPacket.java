package io.timesync.hil.sensor;

/**
 * What the timing check reads from one lidar packet.
 *
 * @param initId                 eUDP only (-1 in LEGACY): changes when the sensor restarts
 * @param firstMeasurementId     the first column's measurement id (column index in the frame)
 * @param firstColumnTimestampNs the first valid column's timestamp: the packet's sensor time, as the reference
 *                               tool read it; 0 when no column is valid
 */
public record LidarPacket(int frameId, int initId, int firstMeasurementId, int validColumns,
                          long firstColumnTimestampNs) {
}
