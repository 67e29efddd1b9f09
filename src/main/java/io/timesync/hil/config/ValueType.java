package io.timesync.hil.config;

import io.timesync.hil.time.DurationText;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a bench key's text becomes a typed value, and what it accepts: {@link #parse} throws an
 * {@link IllegalArgumentException} whose message says what was expected and what was given.
 */
public interface ValueType<T> {
    Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    T parse(String text);

    /** The value as a bench file would write it (for defaults in the README). */
    default String format(T value) {
        return String.valueOf(value);
    }

    /** Whether the value is a list (a YAML sequence, or comma-separated text). */
    default boolean isList() {
        return false;
    }

    /** A list value from its items. */
    default T parseItems(List<String> items) {
        throw new IllegalArgumentException("expected a single value, not a list");
    }

    static ValueType<String> text(Pattern allowed, String expected) {
        return text -> {
            if (!allowed.matcher(text).matches()) {
                throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
            }
            return text;
        };
    }

    static ValueType<String> anyText() {
        return text -> text;
    }

    static ValueType<String> ipv4(String example) {
        return text(IPV4, "an IPv4 address such as " + example);
    }

    static ValueType<Integer> integer(int min, int max) {
        return text -> {
            try {
                int number = Integer.parseInt(text);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
            throw new IllegalArgumentException("expected an integer " + range + ", got '" + text + "'");
        };
    }

    static ValueType<Integer> oneOf(List<Integer> allowed) {
        ValueType<Integer> any = integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
        return text -> {
            Integer number;
            try {
                number = any.parse(text);
            } catch (IllegalArgumentException e) {
                number = null;
            }
            if (number == null || !allowed.contains(number)) {
                throw new IllegalArgumentException("must be one of " + allowed.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ", got '" + text + "'");
            }
            return number;
        };
    }

    /**
     * A duration with a unit ({@code 250us}, {@code 100ms}, {@code 1.5s}, {@code 2min}), in ns.
     *
     * @param bareNumberIsNs whether a number without unit means ns (thresholds, like the reference's --threshold-ns)
     */
    static ValueType<Long> duration(long minNs, long maxNs, boolean bareNumberIsNs) {
        return new ValueType<>() {
            @Override
            public Long parse(String text) {
                long ns = DurationText.parseNs(text, bareNumberIsNs);
                if (ns < minNs) {
                    throw new IllegalArgumentException("must be at least " + DurationText.format(minNs) + ", got '"
                            + text + "'");
                }
                if (ns > maxNs) {
                    throw new IllegalArgumentException("must be at most " + DurationText.format(maxNs) + ", got '"
                            + text + "'");
                }
                return ns;
            }

            @Override
            public String format(Long ns) {
                return ns == 0 ? "0" : DurationText.format(ns);
            }
        };
    }

    static ValueType<Boolean> bool() {
        return text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }

    /** One of an enum's constants, case-insensitive; written in lower case. */
    static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
        return choice(type, constant -> constant.name().toLowerCase(Locale.ROOT));
    }

    /** One of an enum's constants, written as {@code written} gives them. */
    static <E extends Enum<E>> ValueType<E> choice(Class<E> type, Function<E, String> written) {
        return new ValueType<>() {
            @Override
            public E parse(String text) {
                return Arrays.stream(type.getEnumConstants()).filter(c -> written.apply(c).equalsIgnoreCase(text))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("expected one of "
                                + Arrays.stream(type.getEnumConstants()).map(written).collect(Collectors.joining(", "))
                                + ", got '" + text + "'"));
            }

            @Override
            public String format(E value) {
                return written.apply(value);
            }
        };
    }

    /** {@code auto} (empty: read from the bench part itself), or a value of {@code value}'s type. */
    static <T> ValueType<Optional<T>> orAuto(ValueType<T> value) {
        return new ValueType<>() {
            @Override
            public Optional<T> parse(String text) {
                if (text.equalsIgnoreCase("auto")) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(value.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " (or auto)");
                }
            }

            @Override
            public String format(Optional<T> auto) {
                return auto.map(value::format).orElse("auto");
            }
        };
    }

    /** A list of items of {@code item}'s type, {@code min} to {@code max} of them. */
    static <T> ValueType<List<T>> list(ValueType<T> item, int min, int max, String what) {
        return new ValueType<>() {
            @Override
            public List<T> parse(String text) {
                return parseItems(Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
            }

            @Override
            public List<T> parseItems(List<String> items) {
                List<String> stripped = items.stream().map(String::strip).toList();
                if (stripped.size() < min || stripped.stream().anyMatch(String::isEmpty)) {
                    throw new IllegalArgumentException("expected at least " + (min == 1 ? "one" : min)
                            + " non-empty entry: " + what);
                }
                if (stripped.size() > max) {
                    throw new IllegalArgumentException("has " + stripped.size() + " entries; at most " + max
                            + " are supported (" + what + ")");
                }
                return stripped.stream().map(item::parse).toList();
            }

            @Override
            public String format(List<T> values) {
                return values.stream().map(item::format).collect(Collectors.joining(", "));
            }

            @Override
            public boolean isList() {
                return true;
            }
        };
    }
}
