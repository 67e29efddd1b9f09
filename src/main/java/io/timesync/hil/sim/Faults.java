package io.timesync.hil.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The simulated bench's fault texts ({@code <word>} or {@code <word>=<value>}) and lookups in fault lists. */
final class Faults {
    private Faults() {
    }

    /** A kind of fault as written in a bench file. */
    interface Word {
        String word();

        boolean takesValue();
    }

    /** A parsed fault of some kind with its amount. */
    interface Fault<K> {
        K kind();

        long amount();
    }

    /** The kind and, for kinds that take one, the value text; names the accepted forms when it does not parse. */
    static <K extends Enum<K> & Word> ParsedText<K> parse(String text, Class<K> kinds, String what, String syntax) {
        String[] parts = text.strip().split("=", 2);
        K kind = Arrays.stream(kinds.getEnumConstants()).filter(k -> k.word().equalsIgnoreCase(parts[0].strip()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '" + parts[0].strip()
                        + "'; expected " + syntax));
        if (kind.takesValue() != (parts.length == 2)) {
            throw new IllegalArgumentException(what + " '" + text.strip() + "' "
                    + (kind.takesValue() ? "needs a value: " : "takes no value; expected ") + syntax);
        }
        return new ParsedText<>(kind, parts.length == 2 ? Optional.of(parts[1].strip()) : Optional.empty());
    }

    record ParsedText<K>(K kind, Optional<String> value) {
    }

    static <K> boolean has(List<? extends Fault<K>> faults, K kind) {
        return faults.stream().anyMatch(fault -> fault.kind() == kind);
    }

    /** The sum of the amounts of {@code kind}'s faults (0 when none). */
    static <K> long amount(List<? extends Fault<K>> faults, K kind) {
        return faults.stream().filter(fault -> fault.kind() == kind).mapToLong(Fault::amount).sum();
    }
}
