package io.timesync.hil.ptp.protocol;

import java.nio.charset.StandardCharsets;

/**
 * PORT_PROPERTIES_NP (0xC004, linuxptp, port-level, variable): maps a port to its network interface.
 * linuxptp 4 refuses it on the read-only socket (NOT_SUPPORTED).
 *
 * @param timestamping 0 SOFTWARE, 1 HARDWARE, 2 LEGACY_HW, 3 ONESTEP, 4 P2P1STEP
 */
public record PortPropertiesNp(PortIdentity portIdentity, PortState portState, int timestamping,
                               String interfaceName) implements ManagementData {

    public static final ManagementId<PortPropertiesNp> ID = new ManagementId<>(
            0xC004, "PORT_PROPERTIES_NP", ManagementId.Scope.PORT, ManagementId.VARIABLE_LENGTH,
            PortPropertiesNp::decode);

    private static PortPropertiesNp decode(ByteReader in) {
        PortIdentity identity = PortIdentity.decode(in, "portIdentity");
        PortState state = PortState.decode(in, "port_state");
        int timestamping = in.u8("timestamping");
        int textLength = in.u8("interface.length");
        String name = new String(in.bytes(textLength, "interface text"), StandardCharsets.UTF_8);
        // ptp4l pads the data field to an even length
        if (in.remaining() == 1 && (13 + textLength) % 2 != 0) {
            in.skip(1, "pad");
        }
        in.expectEnd("PORT_PROPERTIES_NP");
        return new PortPropertiesNp(identity, state, timestamping, name);
    }

    @Override
    public ManagementId<PortPropertiesNp> id() {
        return ID;
    }

    @Override
    public void encode(ByteWriter out) {
        byte[] text = interfaceName.getBytes(StandardCharsets.UTF_8);
        if (text.length > 255) {
            throw new IllegalArgumentException("interface name longer than a PTPText: " + interfaceName);
        }
        portIdentity.encode(out);
        out.u8(portState.code()).u8(timestamping).u8(text.length).bytes(text);
        if ((text.length + 13) % 2 != 0) {
            out.u8(0);
        }
    }
}
