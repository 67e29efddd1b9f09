package io.timesync.hil.config;

import java.util.Optional;

/**
 * One key a bench file may hold, declared once: its name ({@code *} stands for a named section such as a
 * sensor), its type, its default, and what it means. The README's key table is this catalogue.
 *
 * @param defaultValue the value when the key is not given; empty when it is required or has no value then
 * @param defaultText  how the default reads in the README ("60s", "required", "cameras.threshold", ...)
 */
public record Key<T>(String name, ValueType<T> type, Optional<T> defaultValue, String defaultText,
                     String description) {

    /** A key with a default value. */
    public static <T> Key<T> of(String name, ValueType<T> type, T defaultValue, String description) {
        return new Key<>(name, type, Optional.of(defaultValue), type.format(defaultValue), description);
    }

    /** A key that must be given (where its section is given). */
    public static <T> Key<T> required(String name, ValueType<T> type, String description) {
        return new Key<>(name, type, Optional.empty(), "required", description);
    }

    /** A key without a default value: when not given, {@code defaultText} says what applies instead. */
    public static <T> Key<T> optional(String name, ValueType<T> type, String defaultText, String description) {
        return new Key<>(name, type, Optional.empty(), defaultText, description);
    }

    /** The key inside the named section {@code section} (a sensor's name) when the key's name has a {@code *}. */
    public String in(String section) {
        return name.replace("*", section);
    }
}
