package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.option.InvalidOptionException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML text to a Jackson tree, read the way YAML defines it and checked where Jackson's reader is
 * silent: a duplicate key is refused with both lines (Jackson kept the last one), {@code .nan} and
 * {@code .inf} are numbers (Jackson refused them as invalid YAML; the options then refuse them as
 * not finite, by name), and a syntax error is one line with its line and column.
 */
final class YamlTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern YAML_12_FLOAT = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private YamlTree() {}

    /**
     * The tree of {@code text}, or null for an empty document.
     *
     * @param source names the text in errors (a file name, "preset digits", "--set lr.max")
     * @param option the option an error is reported against
     */
    static JsonNode parse(String text, String source, String option) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where =
                    mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new InvalidOptionException(option, source + " is not valid YAML" + where + ": " + oneLine(problem));
        } catch (YAMLException e) {
            throw new InvalidOptionException(option, source + " is not valid YAML: " + oneLine(e.getMessage()));
        }
        return root == null ? null : convert(root, source, option);
    }

    private static JsonNode convert(Node node, String source, String option) {
        if (node instanceof MappingNode mapping) {
            ObjectNode out = NODES.objectNode();
            Map<String, Integer> lines = new HashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) {
                    throw new InvalidOptionException(
                            option, source + " line " + line(t.getKeyNode()) + ": a key must be a plain name");
                }
                Integer first = lines.putIfAbsent(key.getValue(), line(key));
                if (first != null) {
                    throw new InvalidOptionException(
                            option,
                            source + ": duplicate key '" + key.getValue() + "' at lines " + first + " and " + line(key)
                                    + " (one would silently replace the other)");
                }
                out.set(key.getValue(), convert(t.getValueNode(), source, option));
            }
            return out;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode out = NODES.arrayNode();
            sequence.getValue().forEach(item -> out.add(convert(item, source, option)));
            return out;
        }
        return scalar((ScalarNode) node);
    }

    /** A scalar as YAML 1.1's core resolver (SnakeYAML's) typed it. */
    private static JsonNode scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            String b = v.toLowerCase(Locale.ROOT);
            return NODES.booleanNode(b.equals("true") || b.equals("yes") || b.equals("on") || b.equals("y"));
        }
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger i = integer(v.replace("_", ""));
                return i.bitLength() < 64 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
            } catch (NumberFormatException e) {
                return NODES.textNode(v);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            String f = v.replace("_", "").toLowerCase(Locale.ROOT);
            if (f.endsWith(".nan")) {
                return NODES.numberNode(Double.NaN);
            }
            if (f.endsWith(".inf")) {
                return NODES.numberNode(f.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            try {
                return NODES.numberNode(Double.parseDouble(f));
            } catch (NumberFormatException e) {
                return NODES.textNode(v);
            }
        }
        if (s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && YAML_12_FLOAT.matcher(v).matches()) {
            // YAML 1.2 (and JSON) read 1e-3 as a number; YAML 1.1's resolver wants 1.0e-3
            return NODES.numberNode(Double.parseDouble(v));
        }
        return NODES.textNode(v);
    }

    private static BigInteger integer(String v) {
        boolean negative = v.startsWith("-");
        String digits = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        BigInteger magnitude;
        if (digits.startsWith("0x")) {
            magnitude = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0b")) {
            magnitude = new BigInteger(digits.substring(2), 2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            magnitude = new BigInteger(digits.substring(1), 8);
        } else {
            magnitude = new BigInteger(digits);
        }
        return negative ? magnitude.negate() : magnitude;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
