#!/usr/bin/env python3
"""Decodes Ouster lidar and IMU packets with the vendor's ouster-sdk, for the conformance test of our decoders.

stdin: {"lidar": {"profile": "LEGACY", "beams": 64, "columns_per_frame": 1024, "fps": 10},
        "imu": {"profile": "LEGACY", "measurements_per_packet": 8},
        "packets": [{"kind": "lidar" | "imu", "hex": "..."}, ...]}
stdout: {"sdk_version": ..., "lidar_packet_bytes": ..., "imu_packet_bytes": ...,
         "packets": [one decoded object per input packet, in order]}

Every field is read through the SDK's PacketFormat / LidarPacket / ImuPacket accessors, never by offset, so
a layout our decoder gets wrong shows as a disagreement. A column or IMU measurement is valid when bit 0 of
its status is set: the rule the SDK's ScanBatcher applies (LEGACY's all-ones status has it too).
Python serves conformance checks in CI only; the suite never runs it.
"""
import json
import sys
from importlib import metadata

import numpy as np
from ouster.sdk import core

MODES = {(512, 10): "_512x10", (512, 20): "_512x20", (1024, 10): "_1024x10", (1024, 20): "_1024x20",
         (2048, 10): "_2048x10", (4096, 5): "_4096x5"}


def sensor_info(lidar, imu):
    mode = MODES.get((lidar["columns_per_frame"], lidar["fps"]))
    if mode is None:
        raise SystemExit(f"no Ouster lidar mode {lidar['columns_per_frame']}x{lidar['fps']}; "
                         f"known: {sorted(MODES)}")
    info = core.SensorInfo.from_default(getattr(core.LidarMode, mode))
    data_format = info.format
    data_format.udp_profile_lidar = getattr(core.UDPProfileLidar, lidar["profile"])
    data_format.pixels_per_column = lidar["beams"]
    data_format.columns_per_frame = lidar["columns_per_frame"]
    data_format.fps = lidar["fps"]
    data_format.udp_profile_imu = getattr(core.UDPProfileIMU, imu["profile"])
    data_format.imu_measurements_per_packet = imu["measurements_per_packet"]
    data_format.header_type = core.HeaderType.STANDARD
    info.format = data_format
    return info


def filled(packet, raw, expected_bytes, kind):
    if len(raw) != expected_bytes:
        return {"kind": kind, "error": f"{len(raw)} bytes, the SDK expects {expected_bytes}"}
    packet.buf[:] = np.frombuffer(raw, dtype=np.uint8)
    return None


def decode_lidar(info, packet_format, raw):
    packet = core.LidarPacket(packet_format)
    error = filled(packet, raw, packet_format.lidar_packet_size, "lidar")
    if error:
        return error
    timestamps = packet_format.packet_header(core.ColHeader.TIMESTAMP, packet.buf)
    measurement_ids = packet_format.packet_header(core.ColHeader.MEASUREMENT_ID, packet.buf)
    statuses = packet_format.packet_header(core.ColHeader.STATUS, packet.buf)
    legacy = info.format.udp_profile_lidar == core.UDPProfileLidar.LEGACY
    decoded = {
        "kind": "lidar",
        "validation": packet.validate(info, packet_format).name,
        "frame_id": int(packet_format.frame_id(packet.buf)),
        "init_id": None if legacy else int(packet_format.init_id(packet.buf)),
        "packet_type": None if legacy else int(packet_format.packet_type(packet.buf)),
        "timestamps": [int(t) for t in timestamps],
        "measurement_ids": [int(m) for m in measurement_ids],
        "statuses": [int(s) for s in statuses],
        "valid": [bool(int(s) & 0x1) for s in statuses],
    }
    if legacy:  # LEGACY repeats the frame id in every column header
        decoded["frame_ids"] = [int(f) for f in packet_format.packet_header(core.ColHeader.FRAME_ID, packet.buf)]
    return decoded


def decode_imu(info, packet_format, raw):
    packet = core.ImuPacket(packet_format)
    error = filled(packet, raw, packet_format.imu_packet_size, "imu")
    if error:
        return error
    decoded = {"kind": "imu", "validation": packet.validate(info, packet_format).name}
    if info.format.udp_profile_imu == core.UDPProfileIMU.LEGACY:
        decoded.update(sys_ts=int(packet.sys_ts()), accel_ts=int(packet.accel_ts()), gyro_ts=int(packet.gyro_ts()))
    else:
        statuses = [int(s) for s in packet.status()]
        decoded.update(frame_id=int(packet.frame_id()), nmea_ts=int(packet.nmea_ts()),
                       timestamps=[int(t) for t in packet.timestamp()],
                       measurement_ids=[int(m) for m in packet.measurement_id()],
                       statuses=statuses, valid=[bool(s & 0x1) for s in statuses])
    return decoded


def main():
    request = json.load(sys.stdin)
    info = sensor_info(request["lidar"], request["imu"])
    packet_format = core.PacketFormat.from_data_format(info.format)
    decoded = []
    for packet in request["packets"]:
        raw = bytes.fromhex(packet["hex"])
        if packet["kind"] == "lidar":
            decoded.append(decode_lidar(info, packet_format, raw))
        elif packet["kind"] == "imu":
            decoded.append(decode_imu(info, packet_format, raw))
        else:
            raise SystemExit(f"unknown packet kind {packet['kind']!r}: lidar or imu")
    json.dump({"sdk_version": metadata.version("ouster-sdk"),
               "lidar_packet_bytes": packet_format.lidar_packet_size,
               "imu_packet_bytes": packet_format.imu_packet_size,
               "packets": decoded}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
