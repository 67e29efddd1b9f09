package io.timesync.hil.ptp.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes PTP management messages (IEEE 1588 header, management body, one TLV) as ptp4l
 * exchanges them over its Unix-domain socket. Decoding accepts any bytes: anything malformed is a
 * {@link PtpProtocolException} naming the field and offset.
 */
public final class ManagementCodec {
    static final int MESSAGE_TYPE_MANAGEMENT = 0x0D;
    static final int VERSION_PTP = 2;
    private static final int HEADER_LENGTH = 34;
    private static final int TLV_OFFSET = 48;
    private static final int CONTROL_MANAGEMENT = 0x04;
    private static final int LOG_MESSAGE_INTERVAL_NONE = 0x7F;

    private ManagementCodec() {
    }

    public static byte[] encode(ManagementMessage message) {
        byte[] tlv = encodePayload(message.payload());
        ByteWriter out = new ByteWriter()
                .u8(MESSAGE_TYPE_MANAGEMENT).u8(VERSION_PTP).u16(TLV_OFFSET + tlv.length)
                .u8(message.domainNumber()).u8(0).u16(0).i64(0).i32(0);
        message.sourcePortIdentity().encode(out);
        out.u16(message.sequenceId()).u8(CONTROL_MANAGEMENT).u8(LOG_MESSAGE_INTERVAL_NONE);
        message.targetPortIdentity().encode(out);
        out.u8(message.startingBoundaryHops()).u8(message.boundaryHops()).u8(message.action().code()).u8(0)
                .bytes(tlv);
        return out.toByteArray();
    }

    private static byte[] encodePayload(ManagementPayload payload) {
        ByteWriter out = new ByteWriter();
        if (payload instanceof ManagementTlv tlv) {
            byte[] data = tlv.data();
            out.u16(ManagementTlv.TYPE).u16(2 + data.length).u16(tlv.managementId()).bytes(data);
        } else if (payload instanceof ManagementErrorStatus error) {
            byte[] text = error.displayData().getBytes(StandardCharsets.UTF_8);
            int textField = text.length == 0 ? 0 : 1 + text.length + ((1 + text.length) % 2);
            out.u16(ManagementErrorStatus.TYPE).u16(8 + textField).u16(error.errorId()).u16(error.managementId())
                    .i32(0);
            if (textField > 0) {
                out.u8(text.length).bytes(text).zeros(textField - 1 - text.length);
            }
        }
        return out.toByteArray();
    }

    /**
     * @param source where the bytes came from, for error messages (e.g. the ptp4l socket path)
     */
    public static ManagementMessage decode(byte[] datagram, int length, String source) {
        String context = "management message from " + source;
        ByteReader in = new ByteReader(datagram, 0, Math.min(length, datagram.length), context);
        if (length < HEADER_LENGTH) {
            throw in.error("datagram of " + length + " bytes is shorter than a PTP header (34 bytes)");
        }
        int messageType = in.u8("messageType") & 0x0F;
        if (messageType != MESSAGE_TYPE_MANAGEMENT) {
            throw in.error(String.format("messageType 0x%X at offset 0 is not MANAGEMENT (0xD)", messageType));
        }
        int version = in.u8("versionPTP") & 0x0F;
        if (version != VERSION_PTP) {
            throw in.error("versionPTP " + version + " at offset 1 is not PTPv2");
        }
        int messageLength = in.u16("messageLength");
        if (messageLength != length) {
            throw in.error("messageLength " + messageLength + " at offset 2 does not match the datagram's "
                    + length + " bytes");
        }
        int domain = in.u8("domainNumber");
        in.skip(1 + 2 + 8 + 4, "header reserved/flags/correction");
        PortIdentity source0 = PortIdentity.decode(in, "sourcePortIdentity");
        int sequenceId = in.u16("sequenceId");
        in.skip(2, "controlField/logMessageInterval");
        PortIdentity target = PortIdentity.decode(in, "targetPortIdentity");
        int startingHops = in.u8("startingBoundaryHops");
        int hops = in.u8("boundaryHops");
        Action action = Action.decode(in, "actionField");
        in.skip(1, "reserved");
        ManagementPayload payload = decodePayload(in);
        skipTrailingTlvs(in);
        return new ManagementMessage(domain, source0, sequenceId, target, startingHops, hops, action, payload);
    }

    private static ManagementPayload decodePayload(ByteReader in) {
        int tlvType = in.u16("tlvType");
        int lengthPosition = in.position();
        int tlvLength = in.u16("lengthField");
        if (tlvLength > in.remaining()) {
            throw in.error("TLV lengthField " + tlvLength + " at offset " + lengthPosition + " runs past the end ("
                    + in.remaining() + " bytes left)");
        }
        if (tlvType == ManagementTlv.TYPE) {
            if (tlvLength < 2) {
                throw in.error("MANAGEMENT TLV lengthField " + tlvLength + " at offset " + lengthPosition
                        + " is shorter than its managementId");
            }
            int id = in.u16("managementId");
            int dataOffset = in.position();
            return new ManagementTlv(id, in.bytes(tlvLength - 2, "data field"), dataOffset);
        }
        if (tlvType == ManagementErrorStatus.TYPE) {
            if (tlvLength < 8) {
                throw in.error("MANAGEMENT_ERROR_STATUS lengthField " + tlvLength + " at offset " + lengthPosition
                        + " is shorter than 8");
            }
            int errorId = in.u16("managementErrorId");
            int id = in.u16("managementId");
            in.skip(4, "reserved");
            String text = "";
            int textField = tlvLength - 8;
            if (textField > 0) {
                int textLength = in.u8("displayData.length");
                if (1 + textLength > textField) {
                    throw in.error("displayData length " + textLength + " runs past its TLV");
                }
                text = new String(in.bytes(textLength, "displayData"), StandardCharsets.UTF_8);
                in.skip(textField - 1 - textLength, "displayData padding");
            }
            return new ManagementErrorStatus(errorId, id, text);
        }
        throw in.error(String.format("tlvType 0x%04X at offset %d is neither MANAGEMENT nor MANAGEMENT_ERROR_STATUS",
                tlvType, lengthPosition - 2));
    }

    /** Later TLVs (an AUTHENTICATION TLV from a 4.x ptp4l) are checked for shape and ignored. */
    private static void skipTrailingTlvs(ByteReader in) {
        while (in.remaining() > 0) {
            in.u16("trailing tlvType");
            int length = in.u16("trailing TLV lengthField");
            in.skip(length, "trailing TLV value");
        }
    }
}
