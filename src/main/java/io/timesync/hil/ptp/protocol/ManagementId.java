package io.timesync.hil.ptp.protocol;

import java.util.List;
import java.util.Optional;

/**
 * A managementId with the type of its data field.
 *
 * @param dataLength exact data length in bytes, or {@link #VARIABLE_LENGTH}
 */
public record ManagementId<T extends ManagementData>(
        int code, String name, Scope scope, int dataLength, Decoder<T> decoder) {

    public static final int VARIABLE_LENGTH = -1;

    /** Clock-level IDs are answered once by the clock (port 0); port-level IDs once per port. */
    public enum Scope { CLOCK, PORT }

    @FunctionalInterface
    public interface Decoder<T> {
        T decode(ByteReader data);
    }

    public static List<ManagementId<?>> known() {
        return List.of(NullManagement.ID, DefaultDataSet.ID, CurrentDataSet.ID, ParentDataSet.ID,
                TimePropertiesDataSet.ID, PortDataSet.ID, TimeStatusNp.ID, PortPropertiesNp.ID);
    }

    public static Optional<ManagementId<?>> byCode(int code) {
        return known().stream().filter(id -> id.code == code).findFirst();
    }

    /** Name of a known ID, else its hex code: error messages should name what was asked. */
    public static String describe(int code) {
        return byCode(code).map(ManagementId::name).orElse(String.format("managementId 0x%04X", code));
    }

    /** Decodes a data field; {@code dataOffset} is where the field starts in the datagram, for error messages. */
    public T decode(byte[] data, int dataOffset, String context) {
        ByteReader in = new ByteReader(data, 0, data.length, context + ", " + name + " data", dataOffset);
        if (dataLength != VARIABLE_LENGTH && data.length != dataLength) {
            throw in.error("data field is " + data.length + " bytes, " + name + " has " + dataLength);
        }
        T value = decoder.decode(in);
        if (dataLength != VARIABLE_LENGTH) {
            in.expectEnd(name);
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
