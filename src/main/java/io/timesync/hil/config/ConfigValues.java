package io.timesync.hil.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bench's values as given (file overlaid with {@code -Dhil.<key>} overrides), each with where it was given,
 * read through the key catalogue: a value is parsed by its key's type when asked for, and a bad one throws one
 * {@link BenchConfigException} naming the file or property, the line, the key and what was expected.
 */
public final class ConfigValues {
    /** A value as written: a scalar or a list of scalars, with where it was written. */
    record Raw(String where, String text, List<String> items) {
    }

    private final String source;
    private final KeyCatalogue catalogue;
    private final Map<String, Raw> raw;
    private final Set<String> sections;

    ConfigValues(String source, KeyCatalogue catalogue, Map<String, Raw> raw, Set<String> sections) {
        this.source = source;
        this.catalogue = catalogue;
        this.raw = new LinkedHashMap<>(raw);
        this.sections = new LinkedHashSet<>(sections);
    }

    /** The file (or selection) the values came from, as given. */
    public String source() {
        return source;
    }

    public KeyCatalogue catalogue() {
        return catalogue;
    }

    /** The value, or its default; a required key that is missing is an error. */
    public <T> T get(Key<T> key) {
        return require(key, key.name());
    }

    /** The value of a named section's key (a sensor's), or its default. */
    public <T> T get(Key<T> key, String section) {
        return require(key, key.in(section));
    }

    /** The value, or its default, if either exists. */
    public <T> Optional<T> find(Key<T> key) {
        return findNamed(key, key.name());
    }

    /** The value only when given (in the file or as an override). */
    public <T> Optional<T> given(Key<T> key) {
        return givenNamed(key, key.name());
    }

    /** A named section's value only when given. */
    public <T> Optional<T> given(Key<T> key, String section) {
        return givenNamed(key, key.in(section));
    }

    private <T> T require(Key<T> key, String name) {
        return findNamed(key, name).orElseThrow(() -> new BenchConfigException(source, "key '" + name
                + "' is missing: " + key.description()));
    }

    private <T> Optional<T> findNamed(Key<T> key, String name) {
        return givenNamed(key, name).or(key::defaultValue);
    }

    private <T> Optional<T> givenNamed(Key<T> key, String name) {
        Raw value = raw.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            if (value.items() != null) {
                return Optional.of(key.type().parseItems(value.items()));
            }
            return Optional.of(key.type().parse(value.text().strip()));
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage());
        }
    }

    public boolean isGiven(String name) {
        return raw.containsKey(name);
    }

    /** The concrete key names given, in file order, then overrides. */
    public Set<String> givenNames() {
        return raw.keySet();
    }

    /** Whether the file holds this section ({@code simulation}, {@code cameras}), or a key under it. */
    public boolean hasSection(String section) {
        return sections.contains(section) || raw.keySet().stream().anyMatch(name -> name.startsWith(section + "."));
    }

    /** The names of a kind of named section ({@code sensors.*}), in the order the file gives them. */
    public List<String> named(String pattern) {
        Set<String> names = new LinkedHashSet<>(sections);
        names.addAll(raw.keySet());
        return KeyCatalogue.namedSections(names, pattern);
    }

    /** "file, line 7, key 'x'", or "-Dhil.x=value", for messages. */
    public String where(String name) {
        Raw value = raw.get(name);
        return value == null ? source : value.where();
    }

    /** A configuration error at the place {@code name} was given. */
    public BenchConfigException error(String name, String problem) {
        return new BenchConfigException(where(name), problem);
    }
}
