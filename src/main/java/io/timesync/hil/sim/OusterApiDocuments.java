package io.timesync.hil.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timesync.hil.ptp.protocol.ClockIdentity;
import io.timesync.hil.sensor.ImuProfile;
import io.timesync.hil.sensor.LidarProfile;
import io.timesync.hil.sensor.api.FirmwareVersion;
import io.timesync.hil.sensor.api.TimestampMode;

/**
 * The JSON documents of a simulated Ouster sensor's HTTP API, shaped per firmware generation as real sensors
 * answer (field names, nesting, types and key order of metadata captured from firmware 2.1.2, 2.2, 2.3.1, 2.4.0,
 * 2.5.0, 3.0.1 and 3.2.0 in the vendor SDK's test data): firmware 2.1 has no UDP profiles; before 2.4 the
 * destination is also {@code udp_ip} and sensor_info carries base_pn/base_sn/proto_rev; 2.5 adds
 * beam_to_lidar_transform; 3.2 adds {@code imu_data_format}, {@code lidar_data_format.fps} and
 * {@code header_type}. Values: a sensor of the settings' beams with plausible intrinsics.
 */
final class OusterApiDocuments {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Announced by the grandmaster the sensor follows: TAI - UTC. */
    private static final int TAI_UTC_OFFSET_S = SimulatedPtp4lDatasets.TAI_UTC_OFFSET_S;
    private static final long LOCKED_OFFSET_NS = 12;
    private static final long MEAN_PATH_DELAY_NS = 1_834;
    private static final int IMU_PACKETS_PER_FRAME = 8;

    private final SimulatedOusterApi.Settings settings;
    private final FirmwareVersion firmware;

    OusterApiDocuments(SimulatedOusterApi.Settings settings) {
        this.settings = settings;
        this.firmware = FirmwareVersion.parse(settings.firmwareVersion());
    }

    FirmwareVersion firmware() {
        return firmware;
    }

    /** {@code ousteros-image-prod-aries-v2.5.2+20230714195410}, as sensor_info.image_rev and system/firmware say. */
    String imageRev() {
        return "ousteros-image-prod-aries-v" + firmware.number() + "+20240611201015";
    }

    /** {@code /api/v1/system/firmware} */
    ObjectNode systemFirmware() {
        return JSON.objectNode().put("fw", imageRev());
    }

    /** {@code /api/v1/sensor/metadata} (2.2+); FW 2.1 serves each part under sensor/cmd. */
    ObjectNode metadata() {
        ObjectNode metadata = JSON.objectNode();
        metadata.set("beam_intrinsics", beamIntrinsics());
        metadata.set("calibration_status", calibrationStatus());
        metadata.set("config_params", config());
        if (firmware.atLeast(3, 2) && settings.imu().profile() == ImuProfile.ACCEL32_GYRO32_NMEA) {
            metadata.set("imu_data_format", imuDataFormat());
        }
        metadata.set("imu_intrinsics", JSON.objectNode().set("imu_to_sensor_transform",
                matrix(1, 0, 0, 6.253, 0, 1, 0, -11.775, 0, 0, 1, 7.645, 0, 0, 0, 1)));
        metadata.set("lidar_data_format", lidarDataFormat());
        metadata.set("lidar_intrinsics", JSON.objectNode().set("lidar_to_sensor_transform",
                matrix(-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 36.18, 0, 0, 0, 1)));
        metadata.set("sensor_info", sensorInfo());
        return metadata;
    }

    ObjectNode sensorInfo() {
        ObjectNode info = JSON.objectNode();
        if (!firmware.atLeast(2, 4)) {
            info.put("base_pn", "000-101323-03").put("base_sn", "101850000494");
        }
        info.put("build_date", "2024-06-11T20:10:15Z").put("build_rev", "v" + firmware.number())
                .put("image_rev", imageRev());
        if (firmware.atLeast(2, 2)) {
            info.put("initialization_id", 5_431_292);
        }
        info.put("prod_line", "OS-1-" + settings.lidar().beams()).put("prod_pn", "840-102145-05")
                .put("prod_sn", settings.serialNumber());
        if (!firmware.atLeast(2, 4)) {
            info.put("proto_rev", "v1.1.1");
        }
        return info.put("status", "RUNNING");
    }

    ObjectNode lidarDataFormat() {
        int columns = settings.lidar().columnsPerFrame();
        int beams = settings.lidar().beams();
        ObjectNode format = JSON.objectNode();
        format.set("column_window", JSON.arrayNode().add(0).add(columns - 1));
        format.put("columns_per_frame", columns).put("columns_per_packet", 16);
        if (firmware.atLeast(3, 2)) {
            format.put("fps", settings.framesPerSecond()).put("header_type", "STANDARD");
        }
        ArrayNode shift = format.putArray("pixel_shift_by_row");
        for (int row = 0; row < beams; row++) {
            shift.add(columns / 1024 * new int[] {12, 4, -4, -12}[row % 4]);
        }
        format.put("pixels_per_column", beams);
        if (firmware.atLeast(2, 2)) {
            format.put("udp_profile_imu", settings.imu().profile().name())
                    .put("udp_profile_lidar", reportedLidarProfile().name());
        }
        return format;
    }

    ObjectNode imuDataFormat() {
        return JSON.objectNode().put("imu_measurements_per_packet", settings.imu().measurementsPerPacket())
                .put("imu_packets_per_frame", IMU_PACKETS_PER_FRAME);
    }

    ObjectNode beamIntrinsics() {
        int beams = settings.lidar().beams();
        ObjectNode intrinsics = JSON.objectNode();
        ArrayNode altitudes = intrinsics.putArray("beam_altitude_angles");
        ArrayNode azimuths = intrinsics.putArray("beam_azimuth_angles");
        for (int beam = 0; beam < beams; beam++) {
            altitudes.add(Math.round((16.6 - 33.2 * beam / Math.max(1, beams - 1)) * 1000) / 1000.0);
            azimuths.add(new double[] {4.2, 1.4, -1.4, -4.2}[beam % 4]);
        }
        if (firmware.atLeast(2, 5)) {
            intrinsics.set("beam_to_lidar_transform", matrix(1, 0, 0, 15.806, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1));
        }
        return intrinsics.put("lidar_origin_to_beam_origin_mm", 15.806);
    }

    ObjectNode calibrationStatus() {
        ObjectNode status = JSON.objectNode();
        status.set("reflectivity", JSON.objectNode().put("timestamp", "2024-01-15T10:42:07").put("valid", true));
        return status;
    }

    /** The active config: {@code /api/v1/sensor/config} (3.1+), {@code cmd/get_config_param?args=active}. */
    ObjectNode config() {
        boolean fw32 = firmware.atLeast(3, 2);
        ObjectNode config = JSON.objectNode();
        if (fw32) {
            config.put("accel_fsr", "NORMAL");
        }
        if (!firmware.atLeast(2, 4)) {
            config.put("auto_start_flag", 1);
        }
        config.set("azimuth_window", JSON.arrayNode().add(0).add(360_000));
        if (fw32) {
            config.put("bloom_reduction_optimization", "BALANCED");
        }
        if (firmware.atLeast(2, 2)) {
            config.put("columns_per_packet", 16);
        }
        if (fw32) {
            config.put("gyro_fsr", "NORMAL").put("header_type", "STANDARD")
                    .put("imu_packets_per_frame", IMU_PACKETS_PER_FRAME).put("lidar_frame_azimuth_offset", 0);
        }
        config.put("lidar_mode", settings.lidar().columnsPerFrame() + "x" + settings.framesPerSecond());
        if (fw32) {
            config.put("min_range_threshold_cm", 50);
        }
        config.put("multipurpose_io_mode", "OFF").put("nmea_baud_rate", "BAUD_9600")
                .put("nmea_ignore_valid_char", 0).put("nmea_in_polarity", "ACTIVE_HIGH").put("nmea_leap_seconds", 0)
                .put("operating_mode", "NORMAL").put("phase_lock_enable", false).put("phase_lock_offset", 0);
        if (fw32) {
            config.put("return_order", "STRONGEST_TO_WEAKEST");
        }
        config.put("signal_multiplier", 1).put("sync_pulse_in_polarity", "ACTIVE_HIGH")
                .put("sync_pulse_out_angle", 360).put("sync_pulse_out_frequency", 1)
                .put("sync_pulse_out_polarity", "ACTIVE_HIGH").put("sync_pulse_out_pulse_width", 10)
                .put("timestamp_mode", timestampMode().name()).put("udp_dest", udpDest());
        if (fw32) {
            config.put("udp_dest_zm", "");
        }
        if (!firmware.atLeast(2, 4)) {
            config.put("udp_ip", udpDest());
        }
        if (fw32) {
            config.put("udp_multicast_ttl", 1).put("udp_multicast_ttl_zm", 1);
        }
        config.put("udp_port_imu", settings.udpPortImu()).put("udp_port_lidar", settings.udpPortLidar());
        if (fw32) {
            config.put("udp_port_zm", 7504);
        }
        if (firmware.atLeast(2, 2)) {
            config.put("udp_profile_imu", settings.imu().profile().name())
                    .put("udp_profile_lidar", reportedLidarProfile().name());
        }
        return config;
    }

    /**
     * {@code /api/v1/time/ptp}: linuxptp's pmc datasets in snake_case, identities as pmc writes them. Locked to the
     * settings' grandmaster one step away unless a fault says otherwise.
     */
    ObjectNode ptp(long nowUtcNs) {
        boolean listening = settings.has(SensorApiFault.Kind.PTP_LISTENING);
        ClockIdentity own = ownIdentity();
        ClockIdentity grandmaster = listening ? own : settings.has(SensorApiFault.Kind.OTHER_GRANDMASTER)
                ? SimulatedPtp4lDatasets.FOREIGN_GRANDMASTER : settings.grandmaster();
        long offsetNs = listening ? 0 : settings.has(SensorApiFault.Kind.PTP_OFFSET)
                ? settings.amount(SensorApiFault.Kind.PTP_OFFSET) : LOCKED_OFFSET_NS;

        ObjectNode ptp = JSON.objectNode();
        ptp.set("current_data_set", JSON.objectNode().put("mean_path_delay", listening ? 0 : MEAN_PATH_DELAY_NS)
                .put("offset_from_master", offsetNs).put("steps_removed", listening ? 0 : 1));
        ptp.set("parent_data_set", JSON.objectNode().put("gm_clock_accuracy", 254).put("gm_clock_class", 248)
                .put("gm_offset_scaled_log_variance", 65_535).put("grandmaster_identity", grandmaster.toString())
                .put("grandmaster_priority1", 128).put("grandmaster_priority2", 128)
                .put("observed_parent_clock_phase_change_rate", 2_147_483_647)
                .put("observed_parent_offset_scaled_log_variance", 65_535)
                .put("parent_port_identity", grandmaster + (listening ? "-0" : "-1")).put("parent_stats", 0));
        ptp.set("port_data_set", JSON.objectNode().put("announce_receipt_timeout", 3).put("delay_mechanism", 1)
                .put("log_announce_interval", 1).put("log_min_delay_req_interval", 0)
                .put("log_min_pdelay_req_interval", 0).put("log_sync_interval", 0).put("peer_mean_path_delay", 0)
                .put("port_identity", own + "-1").put("port_state", listening ? "LISTENING" : "SLAVE")
                .put("version_number", 2));
        ptp.put("profile", "default");
        ptp.set("time_properties_data_set", JSON.objectNode().put("current_utc_offset", TAI_UTC_OFFSET_S)
                .put("current_utc_offset_valid", listening ? 0 : 1).put("frequency_traceable", 0).put("leap59", 0)
                .put("leap61", 0).put("ptp_timescale", 1).put("time_source", 160).put("time_traceable", 0));
        ptp.set("time_status_np", JSON.objectNode().put("cumulative_scaled_rate_offset", 0)
                .put("gm_identity", grandmaster.toString()).put("gm_present", !listening)
                .put("gm_time_base_indicator", 0).put("ingress_time", listening ? 0 : nowUtcNs)
                .put("last_gm_phase_change", "0x0000'0000000000000000.0000").put("master_offset", offsetNs)
                .put("scaled_last_gm_phase_change", 0));
        return ptp;
    }

    /** The sensor's own clock identity, from its MAC (Ouster's OUI bc:0f:a7 and the serial's low bytes). */
    ClockIdentity ownIdentity() {
        long low = Long.parseLong(settings.serialNumber()) & 0xFF_FFFFL;
        return new ClockIdentity(0xBC0FA7_FFFE_000000L | low);
    }

    TimestampMode timestampMode() {
        return settings.faults().stream().filter(f -> f.kind() == SensorApiFault.Kind.TIMESTAMP_MODE)
                .map(SensorApiFault::timestampMode).reduce((first, last) -> last)
                .orElse(TimestampMode.TIME_FROM_PTP_1588);
    }

    /** The packets' profile, or under profileChanged another one the suite also decodes. */
    LidarProfile reportedLidarProfile() {
        LidarProfile actual = settings.lidar().profile();
        if (!settings.has(SensorApiFault.Kind.PROFILE_CHANGED)) {
            return actual;
        }
        return actual == LidarProfile.RNG19_RFL8_SIG16_NIR16 ? LidarProfile.RNG15_RFL8_NIR8
                : LidarProfile.RNG19_RFL8_SIG16_NIR16;
    }

    private String udpDest() {
        return settings.has(SensorApiFault.Kind.UDP_DEST_ELSEWHERE) ? SimulatedOusterApi.ELSEWHERE : settings.udpDest();
    }

    private static ArrayNode matrix(double... values) {
        ArrayNode array = JSON.arrayNode();
        for (double value : values) {
            if (value == Math.rint(value)) {
                array.add((long) value);
            } else {
                array.add(value);
            }
        }
        return array;
    }
}
