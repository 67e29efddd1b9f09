package io.timesync.hil.sim.gige;

/**
 * GigE Vision Control Protocol numbers: command and acknowledge ids, status codes, bootstrap register addresses
 * and bits. Each value is as aravis 0.8.26 defines it (src/arvgvcpprivate.h) unless a comment names another
 * source; registers aravis does not define are taken from Wireshark's GVCP dissector
 * (epan/dissectors/packet-gvcp.c, written by the AIA) and the GigE Vision 2.0.03 bootstrap table.
 * Bit values are written as masks of the big-endian 32-bit register (the specification numbers bit 0 as the MSB).
 */
public final class Gvcp {
    /** The device's well-known GVCP UDP port. */
    public static final int PORT = 3956;

    /** First byte of every command header ("key code"). */
    public static final int KEY_CODE = 0x42;
    public static final int HEADER_BYTES = 8;
    /** flags bit 0 of a command: the device must acknowledge it. */
    public static final int FLAG_ACK_REQUIRED = 0x01;

    public static final int DISCOVERY_CMD = 0x0002;
    public static final int DISCOVERY_ACK = 0x0003;
    public static final int READREG_CMD = 0x0080;
    public static final int READREG_ACK = 0x0081;
    public static final int WRITEREG_CMD = 0x0082;
    public static final int WRITEREG_ACK = 0x0083;
    public static final int READMEM_CMD = 0x0084;
    public static final int READMEM_ACK = 0x0085;
    public static final int WRITEMEM_CMD = 0x0086;
    public static final int WRITEMEM_ACK = 0x0087;
    public static final int PENDING_ACK = 0x0089;

    public static final int STATUS_SUCCESS = 0x0000;
    public static final int STATUS_NOT_IMPLEMENTED = 0x8001;
    public static final int STATUS_INVALID_PARAMETER = 0x8002;
    public static final int STATUS_INVALID_ADDRESS = 0x8003;
    public static final int STATUS_WRITE_PROTECT = 0x8004;
    public static final int STATUS_BAD_ALIGNMENT = 0x8005;
    public static final int STATUS_ACCESS_DENIED = 0x8006;
    public static final int STATUS_BUSY = 0x8007;

    /** Bytes of bootstrap memory a DISCOVERY_ACK carries (0x0000..0x00F7). */
    public static final int DISCOVERY_DATA_BYTES = 0xF8;

    public static final int VERSION = 0x0000;
    public static final int DEVICE_MODE = 0x0004;
    /** Device mode bit 0 (MSB): registers are big-endian. */
    public static final int DEVICE_MODE_BIG_ENDIAN = 0x8000_0000;
    /** Device mode character set index 1: UTF-8 (Wireshark devicemodenames_characterset). */
    public static final int DEVICE_MODE_CHARSET_UTF8 = 0x0000_0001;
    public static final int MAC_HIGH = 0x0008;
    public static final int MAC_LOW = 0x000C;
    public static final int SUPPORTED_IP_CONFIGURATION = 0x0010;
    public static final int CURRENT_IP_CONFIGURATION = 0x0014;
    public static final int IP_CONFIGURATION_PERSISTENT = 0x1;
    public static final int IP_CONFIGURATION_DHCP = 0x2;
    public static final int IP_CONFIGURATION_LLA = 0x4;
    public static final int CURRENT_IP_ADDRESS = 0x0024;
    public static final int CURRENT_SUBNET_MASK = 0x0034;
    public static final int CURRENT_GATEWAY = 0x0044;
    public static final int MANUFACTURER_NAME = 0x0048;
    public static final int MANUFACTURER_NAME_BYTES = 32;
    public static final int MODEL_NAME = 0x0068;
    public static final int MODEL_NAME_BYTES = 32;
    public static final int DEVICE_VERSION = 0x0088;
    public static final int DEVICE_VERSION_BYTES = 32;
    public static final int MANUFACTURER_INFO = 0x00A8;
    public static final int MANUFACTURER_INFO_BYTES = 48;
    public static final int SERIAL_NUMBER = 0x00D8;
    public static final int SERIAL_NUMBER_BYTES = 16;
    public static final int USER_DEFINED_NAME = 0x00E8;
    public static final int USER_DEFINED_NAME_BYTES = 16;
    public static final int FIRST_URL = 0x0200;
    public static final int SECOND_URL = 0x0400;
    public static final int URL_BYTES = 512;
    public static final int NUMBER_OF_NETWORK_INTERFACES = 0x0600;
    public static final int NUMBER_OF_MESSAGE_CHANNELS = 0x0900;
    public static final int NUMBER_OF_STREAM_CHANNELS = 0x0904;
    /** GigE Vision 2.0 (Wireshark GVCP_NUMBER_OF_ACTIVE_LINKS). */
    public static final int NUMBER_OF_ACTIVE_LINKS = 0x0910;
    /** GigE Vision 2.0 stream channel capability (Wireshark GVCP_SC_CAPS). */
    public static final int STREAM_CHANNEL_CAPABILITY = 0x092C;
    /** Message channel capability (Wireshark GVCP_MESSAGE_CHANNEL_CAPS). */
    public static final int MESSAGE_CHANNEL_CAPABILITY = 0x0930;
    public static final int GVCP_CAPABILITY = 0x0934;
    public static final int CAPABILITY_CONCATENATION = 1;
    public static final int CAPABILITY_WRITEMEM = 1 << 1;
    public static final int CAPABILITY_PENDING_ACK = 1 << 5;
    public static final int CAPABILITY_SERIAL_NUMBER = 1 << 30;
    public static final int CAPABILITY_USER_DEFINED_NAME = 1 << 31;
    public static final int HEARTBEAT_TIMEOUT = 0x0938;
    public static final int TIMESTAMP_TICK_FREQUENCY_HIGH = 0x093C;
    public static final int TIMESTAMP_TICK_FREQUENCY_LOW = 0x0940;
    public static final int TIMESTAMP_CONTROL = 0x0944;
    /** Timestamp control bit 31 (LSB): reset the counter. */
    public static final int TIMESTAMP_CONTROL_RESET = 0x1;
    /** Timestamp control bit 30: latch the counter into 0x0948/0x094C (aravis' GevTimestampControlLatch value 2). */
    public static final int TIMESTAMP_CONTROL_LATCH = 0x2;
    public static final int TIMESTAMP_VALUE_HIGH = 0x0948;
    public static final int TIMESTAMP_VALUE_LOW = 0x094C;
    /** GVCP configuration (Wireshark GVCP_CONFIGURATION). */
    public static final int GVCP_CONFIGURATION = 0x0954;
    /** GVCP configuration bit 30: the application enables PENDING_ACK (Wireshark pendingackenable, 0x2). */
    public static final int CONFIGURATION_PENDING_ACK_ENABLE = 0x2;
    /** Longest command execution time in ms before the device sends a PENDING_ACK (Wireshark GVCP_PENDING_TIMEOUT). */
    public static final int PENDING_TIMEOUT = 0x0958;
    /** Physical link configuration capability and configuration, GigE Vision 2.0 (Wireshark). */
    public static final int PHYSICAL_LINK_CAPABILITY = 0x0964;
    public static final int PHYSICAL_LINK_CONFIGURATION = 0x0968;
    public static final int PHYSICAL_LINK_SINGLE_LINK = 0x1;
    public static final int CONTROL_CHANNEL_PRIVILEGE = 0x0A00;
    public static final int CCP_EXCLUSIVE_ACCESS = 0x1;
    public static final int CCP_CONTROL_ACCESS = 0x2;
    /** Primary application UDP port and IP (Wireshark GVCP_PRIMARY_APPLICATION_PORT / _IP_ADDRESS). */
    public static final int PRIMARY_APPLICATION_PORT = 0x0A04;
    public static final int PRIMARY_APPLICATION_IP_ADDRESS = 0x0A14;
    /** First address the specification leaves to the manufacturer (GigE Vision 2.0 bootstrap table). */
    public static final int MANUFACTURER_SPECIFIC_START = 0xA000;

    /** The heartbeat timeout a device starts with, and its lower bound (GigE Vision 2.0 bootstrap table). */
    public static final int HEARTBEAT_TIMEOUT_DEFAULT_MS = 3000;
    public static final int HEARTBEAT_TIMEOUT_MIN_MS = 500;

    private Gvcp() {
    }

    /** The acknowledge id answering {@code command} (each ack id is its command id + 1). */
    public static int ackFor(int command) {
        return command + 1;
    }

    public static String statusName(int status) {
        return switch (status) {
            case STATUS_SUCCESS -> "SUCCESS";
            case STATUS_NOT_IMPLEMENTED -> "NOT_IMPLEMENTED";
            case STATUS_INVALID_PARAMETER -> "INVALID_PARAMETER";
            case STATUS_INVALID_ADDRESS -> "INVALID_ADDRESS";
            case STATUS_WRITE_PROTECT -> "WRITE_PROTECT";
            case STATUS_BAD_ALIGNMENT -> "BAD_ALIGNMENT";
            case STATUS_ACCESS_DENIED -> "ACCESS_DENIED";
            case STATUS_BUSY -> "BUSY";
            default -> String.format("0x%04X", status);
        };
    }
}
