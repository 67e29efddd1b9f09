#!/usr/bin/env python3
"""Writes sensor metadata with the vendor's ouster-sdk serializer, for the conformance test of our metadata parser.

stdin: {"lidar_profiles": [...], "beams": [...], "modes": ["1024x10", ...],
        "imu": [{"profile": "LEGACY", "measurements_per_packet": 0}, ...]}
stdout: {"sdk_version": ..., "sensors": [one object per combination: the request's values, "metadata" (the JSON
        text SensorInfo.to_json_string() wrote), "lidar_packet_bytes" and "imu_packet_bytes" (PacketFormat of that
        SensorInfo), "reparsed_same" (whether the SDK's own parser reads the text back to the same data format); or,
        for a combination the SDK refuses (LEGACY lidar with ACCEL32_GYRO32_NMEA IMU), "sdk_refused" with its
        message instead of the packet sizes]}

Each SensorInfo is made as a sensor of that beam count would describe itself: its prod_line (OS-1-<beams>), one
beam angle per beam, and a config with the profiles, mode, UDP ports, destination and PTP timestamp mode.
Python serves conformance checks in CI only; the suite never runs it.
"""
import json
import sys
from importlib import metadata

from ouster.sdk import core


def serialized(info):
    # to_json_string() since ouster-sdk 0.13; updated_metadata_string() before
    writer = getattr(info, "to_json_string", None) or getattr(info, "updated_metadata_string")
    return writer()


def sensor_info(profile, beams, mode, imu):
    columns, fps = (int(part) for part in mode.split("x"))
    info = core.SensorInfo.from_default(core.LidarMode(columns, fps))
    info.prod_line = f"OS-1-{beams}"
    info.sn = 992211000123
    info.beam_altitude_angles = [16.6 - 33.2 * beam / max(1, beams - 1) for beam in range(beams)]
    info.beam_azimuth_angles = [(4.2, 1.4, -1.4, -4.2)[beam % 4] for beam in range(beams)]
    data_format = info.format
    data_format.udp_profile_lidar = getattr(core.UDPProfileLidar, profile)
    data_format.pixels_per_column = beams
    data_format.pixel_shift_by_row = [0] * beams
    data_format.udp_profile_imu = getattr(core.UDPProfileIMU, imu["profile"])
    data_format.imu_measurements_per_packet = imu["measurements_per_packet"]
    info.format = data_format
    config = core.SensorConfig()
    config.udp_profile_lidar = data_format.udp_profile_lidar
    config.udp_profile_imu = data_format.udp_profile_imu
    config.lidar_mode = core.LidarMode(columns, fps)
    config.udp_port_lidar = 7502
    config.udp_port_imu = 7503
    config.udp_dest = "192.168.1.10"
    config.timestamp_mode = core.TimestampMode.TIME_FROM_PTP_1588
    info.config = config
    return info


def main():
    request = json.load(sys.stdin)
    sensors = []
    for profile in request["lidar_profiles"]:
        for beams in request["beams"]:
            for mode in request["modes"]:
                for imu in request["imu"]:
                    info = sensor_info(profile, beams, mode, imu)
                    sensor = {"lidar_profile": profile, "beams": beams, "mode": mode, "imu_profile": imu["profile"],
                              "imu_measurements_per_packet": imu["measurements_per_packet"],
                              "metadata": serialized(info)}
                    try:
                        packet_format = core.PacketFormat(info)
                    except RuntimeError as e:  # the SDK's word on an impossible combination
                        sensor["sdk_refused"] = str(e)
                    else:
                        sensor.update(lidar_packet_bytes=packet_format.lidar_packet_size,
                                      imu_packet_bytes=packet_format.imu_packet_size,
                                      reparsed_same=core.SensorInfo(sensor["metadata"]).format == info.format)
                    sensors.append(sensor)
    json.dump({"sdk_version": metadata.version("ouster-sdk"), "sensors": sensors}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
