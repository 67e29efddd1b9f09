package io.timesync.hil.camera.aravis;

/**
 * GenICam nodes the shipped fake camera lacks, added to its own description for the latch and PTP checks.
 * GigE Vision's bootstrap registers (GigE Vision 2.0, table 28-1) are the fake's real ones: timestamp tick
 * frequency at 0x093C (64 bits, the fake sets 1 GHz), timestamp control at 0x0944 (bit 30, value 2, latches),
 * latched timestamp at 0x0948 (64 bits). The fake does not implement the latch itself, so the latched value
 * stays whatever the register holds: tests set it. SFNC's features live in scratch registers from 0xB000 on
 * (manufacturer-specific space, unused by the fake). PTP states are numbered as IEEE 1588 port states.
 */
final class TimestampNodes {
    static final long GEV_TICK_FREQUENCY = 0x093C;
    static final long GEV_TIMESTAMP_CONTROL = 0x0944;
    static final long GEV_TIMESTAMP_VALUE = 0x0948;
    static final long GEV_LATCH_BIT = 2;
    static final long SFNC_TIMESTAMP_LATCH = 0xB000;
    static final long SFNC_TIMESTAMP_LATCH_VALUE = 0xB008;
    static final long SFNC_PTP_DATA_SET_LATCH = 0xB010;
    static final long PTP_STATUS = 0xB014;
    static final long PTP_LISTENING = 4;
    static final long PTP_SLAVE = 9;

    private static final String PTP_STATUS_REGISTER = """
            <IntReg Name="HilPtpStatusRegister" NameSpace="Custom">
              <Address>0xb014</Address><Length>4</Length><AccessMode>RO</AccessMode><pPort>Device</pPort>
              <Sign>Unsigned</Sign><Endianess>BigEndian</Endianess>
            </IntReg>
            """;

    /** GigE Vision's names, as SFNC 2.x keeps them (deprecated) and many GigE cameras still use them. */
    static final String GIGE_VISION = """
            <Command Name="GevTimestampControlLatch" NameSpace="Standard">
              <pValue>HilTimestampControlRegister</pValue>
              <CommandValue>2</CommandValue>
            </Command>
            <IntReg Name="HilTimestampControlRegister" NameSpace="Custom">
              <Address>0x944</Address><Length>4</Length><AccessMode>WO</AccessMode><pPort>Device</pPort>
              <Sign>Unsigned</Sign><Endianess>BigEndian</Endianess>
            </IntReg>
            <IntReg Name="GevTimestampTickFrequency" NameSpace="Standard">
              <Address>0x93c</Address><Length>8</Length><AccessMode>RO</AccessMode><pPort>Device</pPort>
              <Sign>Unsigned</Sign><Endianess>BigEndian</Endianess>
            </IntReg>
            <IntReg Name="GevTimestampValue" NameSpace="Standard">
              <Address>0x948</Address><Length>8</Length><AccessMode>RO</AccessMode><pPort>Device</pPort>
              <Sign>Unsigned</Sign><Endianess>BigEndian</Endianess>
            </IntReg>
            <Enumeration Name="GevIEEE1588Status" NameSpace="Standard">
            """ + portStates() + """
              <pValue>HilPtpStatusRegister</pValue>
            </Enumeration>
            """ + PTP_STATUS_REGISTER;

    /** SFNC's names (also The Imaging Source's), with GigE Vision's as well: a camera may offer both. */
    static final String SFNC = """
            <Command Name="TimestampLatch" NameSpace="Standard">
              <pValue>HilTimestampLatchRegister</pValue>
              <CommandValue>1</CommandValue>
            </Command>
            <IntReg Name="HilTimestampLatchRegister" NameSpace="Custom">
              <Address>0xb000</Address><Length>4</Length><AccessMode>RW</AccessMode><pPort>Device</pPort>
              <Sign>Unsigned</Sign><Endianess>BigEndian</Endianess>
            </IntReg>
            <IntReg Name="TimestampLatchValue" NameSpace="Standard">
              <Address>0xb008</Address><Length>8</Length><AccessMode>RO</AccessMode><pPort>Device</pPort>
              <Sign>Signed</Sign><Endianess>BigEndian</Endianess>
            </IntReg>
            <Command Name="PtpDataSetLatch" NameSpace="Standard">
              <pValue>HilPtpDataSetLatchRegister</pValue>
              <CommandValue>1</CommandValue>
            </Command>
            <IntReg Name="HilPtpDataSetLatchRegister" NameSpace="Custom">
              <Address>0xb010</Address><Length>4</Length><AccessMode>RW</AccessMode><pPort>Device</pPort>
              <Sign>Unsigned</Sign><Endianess>BigEndian</Endianess>
            </IntReg>
            <Enumeration Name="PtpStatus" NameSpace="Standard">
            """ + portStates() + """
              <pValue>HilPtpStatusRegister</pValue>
            </Enumeration>
            """ + GIGE_VISION;

    private TimestampNodes() {
    }

    private static String portStates() {
        String[] states = {"Initializing", "Faulty", "Disabled", "Listening", "PreMaster", "Master", "Passive",
                "Uncalibrated", "Slave"};
        StringBuilder entries = new StringBuilder();
        for (int index = 0; index < states.length; index++) {
            entries.append("  <EnumEntry Name=\"").append(states[index]).append("\" NameSpace=\"Standard\"><Value>")
                    .append(index + 1).append("</Value></EnumEntry>\n");
        }
        return entries.toString();
    }
}
