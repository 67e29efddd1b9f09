package io.timesync.hil.sim.gige;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The simulated camera's GenICam file (GenApi schema 1.1, as aravis 0.8 parses it) and the manufacturer-specific
 * registers it points at. It declares only what the device implements: the SFNC device identity, the GigE Vision
 * timestamp latch, The Imaging Source's TimestampLatch/TimestampLatchValue and the SFNC PTP control features
 * (without the PTP data set for the {@code noPtpDataSet} fault).
 *
 * <p>Enumeration entries are named by their value ({@code <EnumEntry Name="Slave">}): aravis 0.8 shows an
 * entry's Name attribute and ignores {@code <Symbolic>}, as its own fake camera's file relies on.
 */
public final class GenicamXml {
    /** Where the file lies in device memory (first URL "Local:...;100000;length"). */
    public static final long FILE_ADDRESS = 0x10_0000;
    public static final String FILE_NAME = "timesync-hil-sim-gige.xml";

    // manufacturer-specific registers, from the start of the space GigE Vision leaves to manufacturers
    public static final int FIRMWARE_VERSION = Gvcp.MANUFACTURER_SPECIFIC_START;
    public static final int FIRMWARE_VERSION_BYTES = 32;
    public static final int TIMESTAMP_LATCH = 0xA100;
    public static final int TIMESTAMP_LATCH_VALUE = 0xA108;
    public static final int PTP_ENABLE = 0xA200;
    public static final int PTP_DATA_SET_LATCH = 0xA204;
    public static final int PTP_STATUS = 0xA208;
    public static final int PTP_SERVO_STATUS = 0xA20C;
    public static final int PTP_CLOCK_ACCURACY = 0xA210;
    public static final int PTP_OFFSET_FROM_MASTER = 0xA218;
    public static final int PTP_GRANDMASTER_CLOCK_ID = 0xA220;
    public static final int PTP_PARENT_CLOCK_ID = 0xA228;
    public static final int PTP_CLOCK_ID = 0xA230;
    /** CommandValue of the write-only command registers. */
    public static final int COMMAND_EXECUTE = 1;

    private final StringBuilder xml = new StringBuilder();

    private GenicamXml() {
    }

    /** The file's text for a camera {@code identity}; without the PTP data set when {@code withPtpDataSet} is false. */
    public static String of(DeviceIdentity identity, boolean withPtpDataSet) {
        return new GenicamXml().build(identity, withPtpDataSet);
    }

    /** The first URL (0x0200) pointing at a file of {@code length} bytes in device memory. */
    static String localUrl(int length) {
        return String.format(Locale.ROOT, "Local:%s;%x;%x", FILE_NAME, FILE_ADDRESS, length);
    }

    static byte[] bytes(String xmlText) {
        return xmlText.getBytes(StandardCharsets.UTF_8);
    }

    private String build(DeviceIdentity identity, boolean withPtpDataSet) {
        String model = identity.modelName().replaceAll("[^A-Za-z0-9_]", "_");
        String vendor = identity.vendorName().replaceAll("[^A-Za-z0-9_]", "_");
        line("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        line("<RegisterDescription");
        line("    ModelName=\"" + model + "\" VendorName=\"" + vendor + "\"");
        line("    ToolTip=\"Simulated GigE Vision camera of the timesync-hil suite\" StandardNameSpace=\"GEV\"");
        line("    SchemaMajorVersion=\"1\" SchemaMinorVersion=\"1\" SchemaSubMinorVersion=\"0\"");
        line("    MajorVersion=\"1\" MinorVersion=\"0\" SubMinorVersion=\"0\"");
        line("    ProductGuid=\"" + guid("product:" + model) + "\" VersionGuid=\""
                + guid("version:" + model + ":" + withPtpDataSet) + "\"");
        line("    xmlns=\"http://www.genicam.org/GenApi/Version_1_1\"");
        line("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
        line("    xsi:schemaLocation=\"http://www.genicam.org/GenApi/Version_1_1 "
                + "http://www.genicam.org/GenApi/GenApiSchema_Version_1_1.xsd\">");

        category("Root", List.of("DeviceControl", "TransportLayerControl"));
        category("DeviceControl", List.of("DeviceVendorName", "DeviceModelName", "DeviceManufacturerInfo",
                "DeviceVersion", "DeviceFirmwareVersion", "DeviceSerialNumber", "DeviceUserID", "TimestampLatch",
                "TimestampLatchValue"));
        stringReg("DeviceVendorName", "Name of the manufacturer of the device.", Gvcp.MANUFACTURER_NAME,
                Gvcp.MANUFACTURER_NAME_BYTES, "RO");
        stringReg("DeviceModelName", "Model of the device.", Gvcp.MODEL_NAME, Gvcp.MODEL_NAME_BYTES, "RO");
        stringReg("DeviceManufacturerInfo", "Manufacturer information about the device.", Gvcp.MANUFACTURER_INFO,
                Gvcp.MANUFACTURER_INFO_BYTES, "RO");
        stringReg("DeviceVersion", "Version of the device.", Gvcp.DEVICE_VERSION, Gvcp.DEVICE_VERSION_BYTES, "RO");
        stringReg("DeviceFirmwareVersion", "Version of the firmware in the device.", FIRMWARE_VERSION,
                FIRMWARE_VERSION_BYTES, "RO");
        stringReg("DeviceSerialNumber", "Device's serial number.", Gvcp.SERIAL_NUMBER, Gvcp.SERIAL_NUMBER_BYTES, "RO");
        stringReg("DeviceUserID", "User-programmable device identifier.", Gvcp.USER_DEFINED_NAME,
                Gvcp.USER_DEFINED_NAME_BYTES, "RW");
        command("TimestampLatch", "Latches the current timestamp counter into TimestampLatchValue.",
                "TimestampLatchReg", COMMAND_EXECUTE);
        intReg("TimestampLatchReg", TIMESTAMP_LATCH, 4, "WO", "Unsigned");
        integer("TimestampLatchValue", "Returns the latched value of the timestamp counter in ns.",
                "TimestampLatchValueReg", "ns", null);
        intReg("TimestampLatchValueReg", TIMESTAMP_LATCH_VALUE, 8, "RO", "Signed");

        category("TransportLayerControl", List.of("GevTimestampTickFrequency", "GevTimestampControlLatch",
                "GevTimestampValue", "PtpControl"));
        integer("GevTimestampTickFrequency", "Number of timestamp ticks in 1 second.",
                "GevTimestampTickFrequencyCalc", "Hz", null);
        swissKnife("GevTimestampTickFrequencyCalc", "GevTimestampTickFrequencyHighReg",
                "GevTimestampTickFrequencyLowReg");
        intReg("GevTimestampTickFrequencyHighReg", Gvcp.TIMESTAMP_TICK_FREQUENCY_HIGH, 4, "RO", "Unsigned");
        intReg("GevTimestampTickFrequencyLowReg", Gvcp.TIMESTAMP_TICK_FREQUENCY_LOW, 4, "RO", "Unsigned");
        command("GevTimestampControlLatch", "Latches the current timestamp counter into GevTimestampValue.",
                "GevTimestampControlReg", Gvcp.TIMESTAMP_CONTROL_LATCH);
        intReg("GevTimestampControlReg", Gvcp.TIMESTAMP_CONTROL, 4, "WO", "Unsigned");
        integer("GevTimestampValue", "Latched value of the timestamp counter, in ticks (GevTimestampTickFrequency).",
                "GevTimestampValueCalc", null, null);
        swissKnife("GevTimestampValueCalc", "GevTimestampValueHighReg", "GevTimestampValueLowReg");
        intReg("GevTimestampValueHighReg", Gvcp.TIMESTAMP_VALUE_HIGH, 4, "RO", "Unsigned");
        intReg("GevTimestampValueLowReg", Gvcp.TIMESTAMP_VALUE_LOW, 4, "RO", "Unsigned");

        List<String> ptp = new ArrayList<>(List.of("PtpEnable"));
        if (withPtpDataSet) {
            ptp.addAll(List.of("PtpDataSetLatch", "PtpStatus", "PtpServoStatus", "PtpClockAccuracy",
                    "PtpOffsetFromMaster", "PtpGrandmasterClockID", "PtpParentClockID", "PtpClockID"));
        }
        category("PtpControl", ptp);
        line("  <Boolean Name=\"PtpEnable\" NameSpace=\"Standard\">");
        line("    <ToolTip>Enables the Precision Time Protocol (PTP).</ToolTip>");
        line("    <pValue>PtpEnableReg</pValue>");
        line("    <OnValue>1</OnValue>");
        line("    <OffValue>0</OffValue>");
        line("  </Boolean>");
        intReg("PtpEnableReg", PTP_ENABLE, 4, "RW", "Unsigned");
        if (withPtpDataSet) {
            ptpDataSet();
        }
        line("  <Port Name=\"Device\" NameSpace=\"Standard\"/>");
        line("</RegisterDescription>");
        return xml.toString();
    }

    private void ptpDataSet() {
        command("PtpDataSetLatch", "Latches the current values from the device's PTP clock data set.",
                "PtpDataSetLatchReg", COMMAND_EXECUTE);
        intReg("PtpDataSetLatchReg", PTP_DATA_SET_LATCH, 4, "WO", "Unsigned");
        enumeration("PtpStatus", "Returns the latched state of the PTP clock.", PtpStatus.values(), "PtpStatusReg");
        intReg("PtpStatusReg", PTP_STATUS, 4, "RO", "Unsigned");
        enumeration("PtpServoStatus", "Returns the latched state of the clock servo.", PtpServoStatus.values(),
                "PtpServoStatusReg");
        intReg("PtpServoStatusReg", PTP_SERVO_STATUS, 4, "RO", "Unsigned");
        enumeration("PtpClockAccuracy", "Indicates the expected accuracy of the device PTP clock when it is the "
                + "grandmaster, or in the event it becomes the grandmaster.", PtpClockAccuracy.values(),
                "PtpClockAccuracyReg");
        intReg("PtpClockAccuracyReg", PTP_CLOCK_ACCURACY, 4, "RO", "Unsigned");
        integer("PtpOffsetFromMaster", "Returns the latched offset from the PTP master clock in nanoseconds.",
                "PtpOffsetFromMasterReg", "ns", null);
        intReg("PtpOffsetFromMasterReg", PTP_OFFSET_FROM_MASTER, 8, "RO", "Signed");
        clockId("PtpGrandmasterClockID", "Returns the latched grandmaster clock ID of the PTP device.",
                PTP_GRANDMASTER_CLOCK_ID);
        clockId("PtpParentClockID", "Returns the latched parent clock ID of the PTP device.", PTP_PARENT_CLOCK_ID);
        clockId("PtpClockID", "Returns the latched clock ID of the PTP device.", PTP_CLOCK_ID);
    }

    /** SFNC: octet 0 of the IEEE ClockIdentity is the MSB, so an 8-byte big-endian register holds it verbatim. */
    private void clockId(String name, String toolTip, int address) {
        integer(name, toolTip + " Octet 0 of the IEEE ClockIdentity is the MSB.", name + "Reg", null, "HexNumber");
        intReg(name + "Reg", address, 8, "RO", "Signed");
    }

    private void category(String name, List<String> features) {
        line("  <Category Name=\"" + name + "\" NameSpace=\"Standard\">");
        features.forEach(feature -> line("    <pFeature>" + feature + "</pFeature>"));
        line("  </Category>");
    }

    private void stringReg(String name, String toolTip, int address, int length, String access) {
        line("  <StringReg Name=\"" + name + "\" NameSpace=\"Standard\">");
        line("    <ToolTip>" + escape(toolTip) + "</ToolTip>");
        line(String.format(Locale.ROOT, "    <Address>0x%X</Address>", address));
        line("    <Length>" + length + "</Length>");
        line("    <AccessMode>" + access + "</AccessMode>");
        line("    <pPort>Device</pPort>");
        line("  </StringReg>");
    }

    private void command(String name, String toolTip, String register, int commandValue) {
        line("  <Command Name=\"" + name + "\" NameSpace=\"Standard\">");
        line("    <ToolTip>" + escape(toolTip) + "</ToolTip>");
        line("    <pValue>" + register + "</pValue>");
        line("    <CommandValue>" + commandValue + "</CommandValue>");
        line("  </Command>");
    }

    private void integer(String name, String toolTip, String value, String unit, String representation) {
        line("  <Integer Name=\"" + name + "\" NameSpace=\"Standard\">");
        line("    <ToolTip>" + escape(toolTip) + "</ToolTip>");
        line("    <pValue>" + value + "</pValue>");
        if (unit != null) {
            line("    <Unit>" + unit + "</Unit>");
        }
        if (representation != null) {
            line("    <Representation>" + representation + "</Representation>");
        }
        line("  </Integer>");
    }

    /** Registers that change without a write from the client: never cached. */
    private void intReg(String name, long address, int length, String access, String sign) {
        line("  <IntReg Name=\"" + name + "\" NameSpace=\"Custom\">");
        line(String.format(Locale.ROOT, "    <Address>0x%X</Address>", address));
        line("    <Length>" + length + "</Length>");
        line("    <AccessMode>" + access + "</AccessMode>");
        line("    <pPort>Device</pPort>");
        line("    <Cachable>NoCache</Cachable>");
        line("    <Sign>" + sign + "</Sign>");
        line("    <Endianess>BigEndian</Endianess>");
        line("  </IntReg>");
    }

    private void swissKnife(String name, String high, String low) {
        line("  <IntSwissKnife Name=\"" + name + "\" NameSpace=\"Custom\">");
        line("    <pVariable Name=\"HIGH\">" + high + "</pVariable>");
        line("    <pVariable Name=\"LOW\">" + low + "</pVariable>");
        line("    <Formula>(HIGH &lt;&lt; 32) | LOW</Formula>");
        line("  </IntSwissKnife>");
    }

    private void enumeration(String name, String toolTip, SfncEntry[] entries, String register) {
        line("  <Enumeration Name=\"" + name + "\" NameSpace=\"Standard\">");
        line("    <ToolTip>" + escape(toolTip) + "</ToolTip>");
        for (SfncEntry entry : entries) {
            line("    <EnumEntry Name=\"" + entry.sfncName() + "\" NameSpace=\"Standard\">");
            line("      <Value>" + entry.code() + "</Value>");
            line("    </EnumEntry>");
        }
        line("    <pValue>" + register + "</pValue>");
        line("  </Enumeration>");
    }

    private void line(String text) {
        xml.append(text).append('\n');
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }

    private static String guid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
    }
}
