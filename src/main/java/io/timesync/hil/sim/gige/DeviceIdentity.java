package io.timesync.hil.sim.gige;

import io.timesync.hil.ptp.protocol.ClockIdentity;

import java.nio.charset.StandardCharsets;

/**
 * What a camera says it is, in its bootstrap strings (and so its DISCOVERY_ACK) and GenICam features.
 * Each string is kept one byte short of its bootstrap field, so it stays NUL-terminated for any client.
 *
 * @param macAddress the 48-bit MAC address of its network interface
 */
public record DeviceIdentity(String vendorName, String modelName, String deviceVersion, String firmwareVersion,
                             String manufacturerInfo, String serialNumber, String userDefinedName, long macAddress) {

    public static final String SIMULATED_VENDOR = "timesync-hil (simulated)";
    public static final String SIMULATED_MODEL = "DFK 33GX264e (simulated)";

    public DeviceIdentity {
        fits("vendor name", vendorName, Gvcp.MANUFACTURER_NAME_BYTES);
        fits("model name", modelName, Gvcp.MODEL_NAME_BYTES);
        fits("device version", deviceVersion, Gvcp.DEVICE_VERSION_BYTES);
        fits("firmware version", firmwareVersion, GenicamXml.FIRMWARE_VERSION_BYTES);
        fits("manufacturer info", manufacturerInfo, Gvcp.MANUFACTURER_INFO_BYTES);
        fits("serial number", serialNumber, Gvcp.SERIAL_NUMBER_BYTES);
        fits("user-defined name", userDefinedName, Gvcp.USER_DEFINED_NAME_BYTES);
        if ((macAddress >>> 48) != 0) {
            throw new IllegalArgumentException("MAC address has more than 48 bits: " + Long.toHexString(macAddress));
        }
    }

    /** A simulated camera with {@code serial}; its locally administered MAC address is derived from the serial. */
    public static DeviceIdentity simulated(String serial) {
        long mac = 0x02_00_5E_10_00_00L | (serial.hashCode() & 0xFFFFL);
        return new DeviceIdentity(SIMULATED_VENDOR, SIMULATED_MODEL, "sim-1.0", "sim-fw-1.0",
                "timesync-hil GVCP simulator", serial, "", mac);
    }

    public DeviceIdentity withModelName(String model) {
        return new DeviceIdentity(vendorName, model, deviceVersion, firmwareVersion, manufacturerInfo, serialNumber,
                userDefinedName, macAddress);
    }

    /** The EUI-64 clock identity a PTP stack derives from the MAC address (FF FE inserted in the middle). */
    public ClockIdentity clockIdentity() {
        return new ClockIdentity(((macAddress >>> 24) << 40) | (0xFFFEL << 24) | (macAddress & 0xFF_FFFFL));
    }

    private static void fits(String what, String value, int fieldBytes) {
        if (value.getBytes(StandardCharsets.UTF_8).length > fieldBytes - 1) {
            throw new IllegalArgumentException(what + " '" + value + "' is longer than its " + (fieldBytes - 1)
                    + "-byte field");
        }
    }
}
