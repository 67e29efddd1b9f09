package io.timesync.hil.sim.gige;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The device's address space as regions: bootstrap registers, manufacturer registers and the GenICam file.
 * READREG, READMEM, WRITEREG and WRITEMEM all go through it, so a register reads the same either way (aravis
 * uses READMEM/WRITEMEM for every feature of a schema 1.1 GenICam file). An access that leaves the declared
 * regions is refused as a whole, before anything is written.
 */
final class RegisterSpace {

    enum Access {
        RO, WO, RW;

        boolean readable() {
            return this != WO;
        }

        boolean writable() {
            return this != RO;
        }
    }

    /** The region's current bytes, exactly its length. */
    @FunctionalInterface
    interface Reader {
        byte[] read();
    }

    /** Takes the region's new bytes (exactly its length) or refuses them. */
    @FunctionalInterface
    interface Writer {
        void write(byte[] data) throws GvcpStatusException;
    }

    record Region(long address, int length, Access access, String name, Reader reader, Writer writer) {
        long end() {
            return address + length;
        }
    }

    private final NavigableMap<Long, Region> regions = new TreeMap<>();

    void add(Region region) {
        Map.Entry<Long, Region> before = regions.floorEntry(region.end() - 1);
        if (before != null && before.getValue().end() > region.address()) {
            throw new IllegalArgumentException(region.name() + " overlaps " + before.getValue().name());
        }
        regions.put(region.address(), region);
    }

    /** A read-only 32-bit register. */
    void readOnly(long address, String name, IntSupplier value) {
        add(new Region(address, 4, Access.RO, name, () -> int32(value.getAsInt()), null));
    }

    /** A read-only block of bytes (strings, the GenICam file), zero-padded to {@code length}. */
    void readOnlyBytes(long address, int length, String name, Supplier<byte[]> bytes) {
        add(new Region(address, length, Access.RO, name, () -> Arrays.copyOf(bytes.get(), length), null));
    }

    /** A 32-bit register the device acts on when written; {@code reader} null for a write-only one. */
    void register(long address, String name, IntSupplier reader, IntWriter writer) {
        Access access = reader == null ? Access.WO : Access.RW;
        add(new Region(address, 4, access, name, reader == null ? null : () -> int32(reader.getAsInt()),
                data -> writer.write(ByteBuffer.wrap(data).getInt())));
    }

    @FunctionalInterface
    interface IntWriter {
        void write(int value) throws GvcpStatusException;
    }

    byte[] read(long address, int count) throws GvcpStatusException {
        byte[] result = new byte[count];
        for (Span span : spans(address, count)) {
            if (!span.region().access().readable()) {
                throw new GvcpStatusException(Gvcp.STATUS_ACCESS_DENIED,
                        span.region().name() + " is write-only");
            }
            byte[] bytes = span.region().reader().read();
            System.arraycopy(bytes, (int) (span.from() - span.region().address()), result,
                    (int) (span.from() - address), span.length());
        }
        return result;
    }

    void write(long address, byte[] data) throws GvcpStatusException {
        List<Span> spans = spans(address, data.length);
        for (Span span : spans) {
            Region region = span.region();
            if (!region.access().writable()) {
                throw new GvcpStatusException(Gvcp.STATUS_WRITE_PROTECT, region.name() + " is read-only");
            }
            if (span.length() != region.length()) {
                throw new GvcpStatusException(Gvcp.STATUS_BAD_ALIGNMENT, String.format(
                        "%s (0x%X, %d bytes) is written as a whole", region.name(), region.address(),
                        region.length()));
            }
        }
        for (Span span : spans) {
            int offset = (int) (span.from() - address);
            span.region().writer().write(Arrays.copyOfRange(data, offset, offset + span.length()));
        }
    }

    /** The access of [address, address + length) when declared regions cover it all with one access. */
    Optional<Access> accessOf(long address, int length) {
        try {
            List<Access> accesses = spans(address, length).stream().map(span -> span.region().access()).distinct()
                    .toList();
            return accesses.size() == 1 ? Optional.of(accesses.get(0)) : Optional.empty();
        } catch (GvcpStatusException e) {
            return Optional.empty();
        }
    }

    private record Span(Region region, long from, int length) {
    }

    private List<Span> spans(long address, int count) throws GvcpStatusException {
        List<Span> spans = new ArrayList<>();
        long position = address;
        long end = address + count;
        while (position < end) {
            Map.Entry<Long, Region> entry = regions.floorEntry(position);
            if (entry == null || entry.getValue().end() <= position) {
                throw new GvcpStatusException(Gvcp.STATUS_INVALID_ADDRESS,
                        String.format("nothing at 0x%X", position));
            }
            Region region = entry.getValue();
            int length = (int) (Math.min(end, region.end()) - position);
            spans.add(new Span(region, position, length));
            position += length;
        }
        return spans;
    }

    static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    static byte[] int64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
