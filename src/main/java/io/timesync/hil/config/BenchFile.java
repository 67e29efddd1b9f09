package io.timesync.hil.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bench file as a SnakeYAML node tree, not objects: every value keeps its line for error messages and
 * its text as written (serial 05520125 stays a string, not an octal number). Keys are checked against the
 * catalogue as they are read.
 */
final class BenchFile {
    /** A bench file is a few kB; anything near this is not one. */
    static final long MAX_BYTES = 1 << 20;

    private final String file;
    private final KeyCatalogue catalogue;
    private final Map<String, ConfigValues.Raw> raw = new LinkedHashMap<>();
    private final Set<String> sections = new LinkedHashSet<>(); // in file order: sensors keep theirs

    private BenchFile(String file, KeyCatalogue catalogue) {
        this.file = file;
        this.catalogue = catalogue;
    }

    /** The file's keys and sections; throws one clear message for a file that is not a readable bench file. */
    static BenchFile read(Path path, KeyCatalogue catalogue) {
        BenchFile bench = new BenchFile(path.toString(), catalogue);
        bench.walkRoot(bench.compose(text(path)));
        return bench;
    }

    Map<String, ConfigValues.Raw> raw() {
        return raw;
    }

    Set<String> sections() {
        return sections;
    }

    private static String text(Path path) {
        String file = path.toString();
        try {
            if (Files.isDirectory(path)) {
                throw new BenchConfigException(file, "is a directory, not a bench file: select a file, e.g. "
                        + path.resolve("sim.yaml"));
            }
            if (!Files.isRegularFile(path)) {
                throw new BenchConfigException(file, "is not a regular file (a FIFO, a device?): a bench file is a "
                        + "YAML text file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new BenchConfigException(file, "is " + size + " bytes: a bench file is a few kB of YAML (at "
                        + "most " + MAX_BYTES + " bytes); is it the right file?");
            }
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (AccessDeniedException e) {
            throw new BenchConfigException(file, "cannot be read: permission denied (check its owner and mode: ls -l "
                    + file + ")");
        } catch (CharacterCodingException e) {
            throw new BenchConfigException(file, "is not UTF-8 text (a binary file, or saved in another encoding such "
                    + "as Latin-1): save it as UTF-8 YAML");
        } catch (IOException e) {
            throw new BenchConfigException(file, "cannot be read: " + e.getMessage());
        }
    }

    private Node compose(String text) {
        try (Reader reader = new StringReader(text)) {
            return new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new BenchConfigException(file + ", line " + (e.getProblemMark().getLine() + 1),
                    "not valid YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new BenchConfigException(file, "is not valid YAML: " + e.getMessage());
        }
    }

    private void walkRoot(Node root) {
        if (root == null) {
            throw new BenchConfigException(file, "is empty; expected keys such as interface: and ptp4l:");
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new BenchConfigException(at(root), "expected a mapping of keys (key: value) at the top level");
        }
        walk(mapping, "");
    }

    private void walk(MappingNode mapping, String prefix) {
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new BenchConfigException(at(tuple.getKeyNode()), "a key must be a plain name");
            }
            if (!prefix.isEmpty() && catalogue.hasNamedEntries(prefix.substring(0, prefix.length() - 1))) {
                requireSafeName(prefix.substring(0, prefix.length() - 1), keyNode);
            }
            String key = prefix + keyNode.getValue();
            Node value = tuple.getValueNode();
            if (seen.containsKey(key)) {
                throw new BenchConfigException(at(keyNode), "key '" + key + "' appears twice (first at line "
                        + line(seen.get(key)) + ")");
            }
            seen.put(key, keyNode);
            if (catalogue.isSection(key)) {
                sections.add(key);
                if (value instanceof MappingNode section) {
                    walk(section, key + ".");
                } else if (!isNull(value)) {
                    throw new BenchConfigException(at(value), "'" + key + "' is a section: expected keys under it ("
                            + catalogue.keysUnder(key) + ")");
                }
            } else if (catalogue.keyOf(key).isPresent()) {
                raw.put(key, leaf(key, value));
            } else {
                throw new BenchConfigException(at(keyNode), catalogue.unknownKey(key));
            }
        }
    }

    /** An entry's name (a sensor's) names evidence files and override keys: one plain word, no path, no dot. */
    private void requireSafeName(String parent, ScalarNode keyNode) {
        String name = keyNode.getValue();
        if (!BenchKeys.ENTRY_NAME.matcher(name).matches()) {
            throw new BenchConfigException(at(keyNode), "'" + name.replace("\0", "\\0") + "' cannot name a " + parent
                    + " entry: use letters, digits, '_' and '-' (at most 64, starting with a letter or digit), as it "
                    + "names evidence files and -Dhil." + parent + ".<name>.<key> overrides");
        }
    }

    private ConfigValues.Raw leaf(String key, Node value) {
        if (value instanceof ScalarNode scalar && !isNull(scalar)) {
            return new ConfigValues.Raw(at(value) + ", key '" + key + "'", scalar.getValue(), null);
        }
        if (value instanceof SequenceNode sequence) {
            List<String> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar) || isNull(item)) {
                    throw new BenchConfigException(at(item) + ", key '" + key + "'", "list items must be plain values");
                }
                items.add(scalar.getValue());
            }
            return new ConfigValues.Raw(at(value) + ", key '" + key + "'", null, items);
        }
        String description = catalogue.keyOf(key).orElseThrow().description();
        throw new BenchConfigException(at(value) + ", key '" + key + "'",
                isNull(value) ? "has no value: " + description : "expected a value, not a mapping");
    }

    private String at(Node node) {
        return file + ", line " + line(node);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isEmpty());
    }
}
