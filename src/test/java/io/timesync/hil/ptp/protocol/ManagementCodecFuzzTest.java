package io.timesync.hil.ptp.protocol;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property: the decoder takes any bytes without crashing or hanging. Every input either decodes (and then
 * re-encodes, and its data field decodes or is a protocol error) or is a {@link PtpProtocolException}.
 * Inputs: random buffers and mutations of the captured ptp4l datagrams (bit flips, truncation, extension,
 * rewritten length fields). Seed and count: -Dfuzz.seed, -Dfuzz.iterations.
 */
class ManagementCodecFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261121L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 300_000);
    /** offsets of messageLength and the TLV lengthField, the fields a decoder trusts most easily */
    private static final int[] LENGTH_FIELDS = {2, 50};

    @Test
    void anyBytesDecodeOrFailWithAProtocolError() {
        List<byte[]> seeds = Ptp4lVector.all()
                .flatMap(vector -> Stream.concat(Stream.of(vector.request()),
                        vector.responses().stream()))
                .toList();
        Random random = new Random(SEED);

        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] input = i % 10 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
                decodeAll(input, i);
            }
        }, "a hang guard");
    }

    private static void decodeAll(byte[] input, int iteration) {
        try {
            ManagementMessage message = ManagementCodec.decode(input, input.length, "fuzz");
            ManagementCodec.encode(message);
            if (message.payload() instanceof ManagementTlv tlv) {
                ManagementId.byCode(tlv.managementId())
                        .ifPresent(id -> tlv.decode(id, "from fuzz").encode(new ByteWriter()));
            }
        } catch (PtpProtocolException expected) {
            if (expected.getMessage() == null || !expected.getMessage().contains("from fuzz")) {
                fail("protocol error without context for " + describe(input, iteration) + ": " + expected.getMessage());
            }
        } catch (RuntimeException | StackOverflowError crash) {
            throw new AssertionError("decoder crashed on " + describe(input, iteration), crash);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        if (bytes.length > 1 && random.nextBoolean()) {
            bytes[0] = 0x0D; // get past the first checks more often
            bytes[1] = 0x02;
        }
        return bytes;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 2 -> {
                byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                bytes = longer;
            }
            case 3 -> {
                int offset = LENGTH_FIELDS[random.nextInt(LENGTH_FIELDS.length)];
                if (offset + 1 < bytes.length) {
                    int value = random.nextBoolean() ? random.nextInt(0x10000) : bytes.length + random.nextInt(9) - 4;
                    bytes[offset] = (byte) (value >> 8);
                    bytes[offset + 1] = (byte) value;
                }
            }
            default -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static String describe(byte[] input, int iteration) {
        return "iteration " + iteration + " (seed " + SEED + "): " + HexFormat.of().formatHex(input);
    }
}
