#!/usr/bin/env python3
"""Reads a sensor's HTTP API with the vendor's ouster-sdk client, for the conformance test of our client and
simulated API.

argv: <host:port> [timeout seconds]
stdout: one JSON object: what the SDK read (see main), or {"error": ...} naming the call that failed.

Every value goes through the SDK's own HTTP client (SensorHttp, which picks endpoints by firmware version), its
metadata validator (parse_and_validate_metadata: its critical issues and warnings are reported), the sensor
client's metadata collection (Sensor.fetch_metadata: sensor status, user data, zone monitor on 3.2+; a private
name in ouster-sdk 1.0, skipped with a note where it is absent) and its config reader (get_config:
parse_and_validate_config). The SDK takes "host:port" (curl adds http://), so the API need not be on port 80.
Python serves conformance checks in CI only; the suite never runs it.
"""
import json
import sys
from importlib import metadata

from ouster.sdk import core, sensor


def version_text(version):
    return f"{version.major}.{version.minor}.{version.patch}"


def main():
    hostname = sys.argv[1]
    timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    step = "SensorHttp.create"
    try:
        http = sensor.SensorHttp.create(hostname, timeout)
        step = "SensorHttp.get_firmware_version_string"
        firmware_image = sensor.SensorHttp.get_firmware_version_string(hostname, timeout)
        step = "SensorHttp.metadata"
        metadata_text = http.metadata(timeout)
        raw_metadata = json.loads(metadata_text)
        step = "parse_and_validate_metadata"
        info, issues = core.parse_and_validate_metadata(metadata_text)
        if issues.critical or info is None:
            raise ValueError(f"critical metadata issues: {[str(i) for i in issues.critical]}")
        warnings = [f"{i.get_path()}: {i.get_msg()}" for i in issues.warning]
        step = "SensorHttp.get_config_params(active)"
        raw_config = json.loads(http.get_config_params(True, timeout))
        step = "Sensor.fetch_metadata"
        sensor_class = getattr(sensor, "_Sensor", None)
        if sensor_class is None:
            fetched = "skipped: this ouster-sdk exports no Sensor class"
        else:
            fetched_info = sensor_class(hostname).fetch_metadata(timeout)
            fetched = "same" if fetched_info.format == info.format else f"differs: {fetched_info.format}"
        step = "get_config"
        config = sensor.get_config(hostname, True)
        step = "PacketFormat"
        packet_format = core.PacketFormat(info)
    except Exception as e:  # the caller shows which SDK call refused the simulated API, and why
        json.dump({"error": f"{step}: {type(e).__name__}: {e}"}, sys.stdout)
        sys.stdout.write("\n")
        return
    data_format = info.format
    json.dump({
        "sdk_version": metadata.version("ouster-sdk"),
        "firmware_image": firmware_image,
        "firmware": version_text(http.firmware_version()),
        "prod_line": info.prod_line,
        "prod_sn": str(info.sn),
        "image_rev": info.image_rev,
        "status": info.status,
        "udp_profile_lidar": data_format.udp_profile_lidar.name,
        "pixels_per_column": data_format.pixels_per_column,
        "columns_per_frame": data_format.columns_per_frame,
        "columns_per_packet": data_format.columns_per_packet,
        "fps": data_format.fps,
        "udp_profile_imu": data_format.udp_profile_imu.name,
        "imu_measurements_per_packet": data_format.imu_measurements_per_packet,
        "lidar_mode": str(config.lidar_mode),
        "timestamp_mode": config.timestamp_mode.name,
        "udp_dest": config.udp_dest,
        "udp_port_lidar": config.udp_port_lidar,
        "udp_port_imu": config.udp_port_imu,
        "config_udp_profile_lidar": config.udp_profile_lidar.name if config.udp_profile_lidar else None,
        "lidar_packet_bytes": packet_format.lidar_packet_size,
        "imu_packet_bytes": packet_format.imu_packet_size,
        "raw_metadata_keys": sorted(raw_metadata),
        "metadata_warnings": warnings,
        "fetch_metadata": fetched,
        "raw_config_timestamp_mode": raw_config.get("timestamp_mode"),
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
