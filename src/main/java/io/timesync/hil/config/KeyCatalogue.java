package io.timesync.hil.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every key a bench may hold, each declared once with its type, default and meaning: the loader checks files
 * and overrides against it, and the README's key table is rendered from it.
 */
public final class KeyCatalogue {
    private final List<Key<?>> keys;
    private final Set<String> sections = new LinkedHashSet<>();

    private KeyCatalogue(List<Key<?>> keys) {
        this.keys = List.copyOf(keys);
        for (Key<?> key : keys) {
            String name = key.name();
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                sections.add(name.substring(0, dot));
            }
        }
    }

    @SafeVarargs
    public static KeyCatalogue of(List<Key<?>>... parts) {
        return new KeyCatalogue(Arrays.stream(parts).flatMap(List::stream).toList());
    }

    public List<Key<?>> keys() {
        return keys;
    }

    /** The key {@code name} is an instance of ({@code sensors.front.beams} of {@code sensors.*.beams}). */
    public Optional<Key<?>> keyOf(String name) {
        return keys.stream().filter(key -> matches(key.name(), name)).findFirst();
    }

    /** Whether {@code name} is a section ({@code ptp4l}, {@code sensors.front}) rather than a key. */
    public boolean isSection(String name) {
        return sections.stream().anyMatch(section -> matches(section, name));
    }

    /** Whether {@code name} is a named section such as {@code sensors.os-1} (an instance of {@code sensors.*}). */
    /** Whether the entries under {@code parent} are named (sensors: each sensor's name). */
    public boolean hasNamedEntries(String parent) {
        return sections.contains(parent + ".*");
    }

    public boolean isNamedSection(String name) {
        return sections.stream().anyMatch(section -> section.endsWith(".*") && matches(section, name));
    }

    /** The keys directly or indirectly under a section, relative to it. */
    public String keysUnder(String section) {
        String pattern = sections.stream().filter(s -> matches(s, section)).findFirst().orElse(section);
        return keys.stream().map(Key::name).filter(name -> name.startsWith(pattern + "."))
                .map(name -> name.substring(pattern.length() + 1)).collect(Collectors.joining(", "));
    }

    /**
     * "key 'x' is unknown (did you mean 'y'?); known keys: ...": compares {@code sensors.os-1.adress} as
     * {@code sensors.*.adress} and suggests with the sensor's name back in.
     */
    public String unknownKey(String name) {
        String[] segments = name.split("\\.");
        boolean named = segments.length >= 3 && keys.stream().anyMatch(k -> k.name().startsWith(segments[0] + ".*."));
        String normalized = named ? segments[0] + ".*." + String.join(".", Arrays.copyOfRange(segments, 2,
                segments.length)) : name;
        String suggestion = Stream.concat(keys.stream().map(Key::name), sections.stream())
                .min(Comparator.comparingInt(known -> editDistance(known, normalized)))
                .filter(known -> editDistance(known, normalized) <= 3)
                .map(known -> " (did you mean '" + (named ? known.replace("*", segments[1]) : known) + "'?)")
                .orElse("");
        return "key '" + name + "' is unknown" + suggestion + "; known keys: "
                + keys.stream().map(Key::name).collect(Collectors.joining(", "));
    }

    /** The README's key table: key, meaning, default. */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| key | meaning | default |\n|---|---|---|\n");
        for (Key<?> key : keys) {
            table.append("| `").append(key.name().replace("*", "<name>")).append("` | ")
                    .append(key.description().replace("|", "\\|")).append(" | ").append(defaultShown(key))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** A default value or another key's name as code; what applies instead of a missing value as words. */
    private String defaultShown(Key<?> key) {
        String text = key.defaultText();
        if (text.isEmpty()) {
            return "none";
        }
        boolean code = key.defaultValue().isPresent() || keys.stream().anyMatch(other -> other.name().equals(text));
        return code ? "`" + text + "`" : text;
    }

    /** Whether {@code name} is an instance of {@code pattern}, {@code *} matching one segment. */
    static boolean matches(String pattern, String name) {
        String[] patternSegments = pattern.split("\\.");
        String[] segments = name.split("\\.");
        if (patternSegments.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (!patternSegments[i].equals("*") && !patternSegments[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    /** The names that fill the {@code *} of keys under {@code pattern} (e.g. the sensors), in the order given. */
    static List<String> namedSections(Set<String> names, String pattern) {
        String prefix = pattern.substring(0, pattern.indexOf('*'));
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                String section = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!section.isEmpty() && !found.contains(section)) {
                    found.add(section);
                }
            }
        }
        return found;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
