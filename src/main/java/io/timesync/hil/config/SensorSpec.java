package io.timesync.hil.config;

import io.timesync.hil.sensor.ImuPacketFormat;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarPacketFormat;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.SensorSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Ouster sensor as the bench file describes it: a format value left {@code auto} (empty) is read from the
 * sensor's own API when the bench opens; a value given is checked against what the sensor says.
 *
 * @param api                  whether the sensor is asked over its HTTP API
 * @param settleTimeoutNs      how long its PTP port may take to follow this host's grandmaster
 * @param ptpOffsetThresholdNs bound on the offset its own PTP servo reports
 */
public record SensorSpec(String name, String address, Optional<Integer> lidarPort, Optional<Integer> imuPort,
                         Optional<LidarProfile> lidarProfile, Optional<Integer> beams, Optional<String> mode,
                         Optional<ImuProfile> imuProfile, Optional<Integer> imuMeasurementsPerPacket, int imuRate,
                         boolean api, int apiPort, long settleTimeoutNs, long ptpOffsetThresholdNs) {
    /** The format keys left auto, by their names under the sensor. */
    public List<String> autoKeys() {
        List<String> auto = new ArrayList<>();
        lidarPort.ifPresentOrElse(v -> { }, () -> auto.add("lidarPort"));
        imuPort.ifPresentOrElse(v -> { }, () -> auto.add("imuPort"));
        lidarProfile.ifPresentOrElse(v -> { }, () -> auto.add("lidarProfile"));
        beams.ifPresentOrElse(v -> { }, () -> auto.add("beams"));
        mode.ifPresentOrElse(v -> { }, () -> auto.add("mode"));
        imuProfile.ifPresentOrElse(v -> { }, () -> auto.add("imuProfile"));
        if (imuProfile.filter(p -> p == ImuProfile.LEGACY).isEmpty() && imuMeasurementsPerPacket.isEmpty()) {
            auto.add("imuMeasurementsPerPacket");
        }
        return auto;
    }

    /** The sensor's settings when the bench file gives every format value (nothing auto). */
    public Optional<SensorSettings> explicit() {
        if (!autoKeys().isEmpty()) {
            return Optional.empty();
        }
        String[] columnsAndRate = mode.orElseThrow().split("x");
        return Optional.of(new SensorSettings(name, address, lidarPort.orElseThrow(), imuPort.orElseThrow(),
                new LidarPacketFormat(lidarProfile.orElseThrow(), beams.orElseThrow(),
                        Integer.parseInt(columnsAndRate[0])), Integer.parseInt(columnsAndRate[1]),
                new ImuPacketFormat(imuProfile.orElseThrow(), imuMeasurementsPerPacket
                        .orElse(ImuPacketFormat.DEFAULT_MEASUREMENTS_PER_PACKET)),
                imuRate));
    }
}
