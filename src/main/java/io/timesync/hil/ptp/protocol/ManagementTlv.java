package io.timesync.hil.ptp.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * MANAGEMENT TLV (tlvType 0x0001). The data field is kept raw and decoded by the caller that knows
 * which managementId it asked for.
 *
 * @param dataOffset where the data field starts in its datagram (54), for error messages
 */
public record ManagementTlv(int managementId, byte[] data, int dataOffset) implements ManagementPayload {
    public static final int TYPE = 0x0001;
    static final int DATA_OFFSET = 54;

    public ManagementTlv {
        data = data.clone();
    }

    /** A GET with an empty body, as ptp4l accepts and IEEE 1588 describes. */
    public static ManagementTlv empty(ManagementId<?> id) {
        return new ManagementTlv(id.code(), new byte[0], DATA_OFFSET);
    }

    public static ManagementTlv of(ManagementData value) {
        ByteWriter out = new ByteWriter();
        value.encode(out);
        return new ManagementTlv(value.id().code(), out.toByteArray(), DATA_OFFSET);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public <T extends ManagementData> T decode(ManagementId<T> id, String context) {
        if (id.code() != managementId) {
            throw new PtpProtocolException(context + ": expected " + id.name() + " but the TLV carries "
                    + ManagementId.describe(managementId));
        }
        return id.decode(data, dataOffset, context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManagementTlv tlv && tlv.managementId == managementId
                && Arrays.equals(tlv.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * managementId + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return ManagementId.describe(managementId) + "[" + HexFormat.of().formatHex(data) + "]";
    }
}
