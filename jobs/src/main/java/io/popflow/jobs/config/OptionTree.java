package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.option.Variant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from one level of a parsed configuration, by option path. Remembers which keys were
 * read, so that {@link #rejectUnknown()} can name a misspelt option instead of ignoring it, and
 * knows the run's kinds (its task, strategy, selection rule, mutation kernel), so that an option
 * set for a kind it does not apply to is refused by name, whether it is read or not.
 */
final class OptionTree implements OptionSection {
    private final ObjectNode node;
    private final String path;
    private final List<Variant> kinds;
    private final Set<String> read = new LinkedHashSet<>();
    // one tree per section, so that the reads of several readers of a section add up before rejectUnknown
    private final Map<String, OptionTree> children = new java.util.HashMap<>();

    OptionTree(JsonNode node, String path) {
        this(node, path, List.of());
    }

    /** The tree of a run whose kinds are {@code kinds}, one per family. */
    OptionTree(JsonNode node, String path, List<Variant> kinds) {
        this.kinds = kinds;
        if (node != null && !node.isObject()) {
            throw new InvalidOptionException(path.isEmpty() ? "(config)" : path, "must be a mapping of options");
        }
        this.node = node == null ? null : (ObjectNode) node;
        this.path = path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return node != null && node.has(key) && !node.get(key).isNull();
    }

    boolean isList(String key) {
        return has(key) && node.get(key).isArray();
    }

    boolean getBoolean(String key, boolean fallback) {
        JsonNode v = get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidOptionException(pathOf(key), "must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private JsonNode get(String key) {
        read.add(key);
        return node == null ? null : node.get(key);
    }

    @Override
    public <T> T get(Option<T> option) {
        return get(option, option.fallback());
    }

    @Override
    public <T> T get(Option<T> option, T fallback) {
        if (!option.key().equals(pathOf(option.leaf()))) {
            throw new IllegalArgumentException("option " + option.key() + " is not in section '" + path + "'");
        }
        return getLeaf(option, fallback);
    }

    /**
     * An option of a section that repeats under names of the user's ({@code
     * hyperparam_mutations.<name>.min}): read by its last key part in this tree.
     */
    @SuppressWarnings("unchecked")
    <T> T getLeaf(Option<T> option, T fallback) {
        String key = option.leaf();
        Object value = switch (option.kind()) {
            case INTEGER -> has(key) ? (Object) getInt(key, 0) : fallback;
            case LONG -> has(key) ? (Object) getLong(key, 0) : fallback;
            case NUMBER -> has(key) ? (Object) getDouble(key, 0) : fallback;
            case FLAG -> has(key) ? (Object) getBoolean(key, false) : fallback;
            case TEXT -> getString(key, (String) fallback);
            case CHOICE -> choice(key, option.choices(), fallback);
            case INTEGERS -> getInts(key, (int[]) fallback);
            case NUMBERS -> getDoubles(key, (double[]) fallback);
            case DURATION -> has(key) ? (Object) getMillis(key, 0) : fallback;
            case PATHS -> getTexts(key, (List<String>) fallback);
        };
        read.add(key);
        if (has(key)) {
            refuseIfInapplicable(option);
        }
        // a declaration's default list is shared: hand out a copy
        value = value instanceof int[] a ? a.clone() : value instanceof double[] d ? d.clone() : value;
        return value == null ? null : option.require((T) value);
    }

    private Object choice(String key, Class<?> type, Object fallback) {
        String value = getString(key, null);
        if (value == null) {
            return fallback;
        }
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        throw new InvalidOptionException(
                pathOf(key),
                "unknown value '" + value + "' (known: " + String.join(", ", Option.choiceNames(type)) + ")");
    }

    private void refuseIfInapplicable(Option<?> option) {
        Variant kind = option.inapplicableTo(kinds);
        if (kind != null) {
            throw option.notFor(kind);
        }
    }

    @Override
    public boolean has(Option<?> option) {
        return has(option.leaf());
    }

    @Override
    public OptionTree child(String key) {
        OptionTree child = children.get(key);
        if (child == null) {
            child = new OptionTree(get(key), pathOf(key), kinds);
            children.put(key, child);
        }
        return child;
    }

    @Override
    public OptionTree kindOrMapping(String key, String kindKey) {
        OptionTree child = children.get(key);
        if (child == null) {
            JsonNode v = get(key);
            if (v != null && v.isTextual()) {
                ObjectNode wrapped = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                wrapped.set(kindKey, v);
                v = wrapped;
            }
            child = new OptionTree(v, pathOf(key), kinds);
            children.put(key, child);
        }
        return child;
    }

    long getLong(String key, long fallback) {
        JsonNode v = get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidOptionException(pathOf(key), "must be a whole number, got " + v);
        }
        return v.asLong();
    }

    int getInt(String key, int fallback) {
        long v = getLong(key, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidOptionException(pathOf(key), "is out of range, got " + v);
        }
        return (int) v;
    }

    double getDouble(String key, double fallback) {
        JsonNode v = get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new InvalidOptionException(pathOf(key), "must be a number, got " + v);
        }
        return finite(v.asDouble(), pathOf(key));
    }

    /** {@code .nan} and {@code .inf} are YAML numbers, but no option of popflow's takes them. */
    private static double finite(double v, String option) {
        if (!Double.isFinite(v)) {
            throw new InvalidOptionException(option, "must be a finite number, got " + v);
        }
        return v;
    }

    String getString(String key, String fallback) {
        JsonNode v = get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        // a whole number is text too where text is asked for (table.label: 3, a column's number)
        if (!v.isTextual() && !v.isIntegralNumber()) {
            throw new InvalidOptionException(pathOf(key), "must be text, got " + v);
        }
        return v.asText();
    }

    /**
     * A mapping of scalar options as text, nested mappings flattened with dots: {@code {security:
     * {protocol: SSL}}} and {@code {security.protocol: SSL}} are the same (so that {@code --set
     * kafka.properties.security.protocol=SSL} works).
     */
    Map<String, String> getTextMap(String key) {
        JsonNode v = get(key);
        Map<String, String> out = new java.util.TreeMap<>();
        if (v != null && !v.isNull()) {
            flatten(v, "", pathOf(key), out);
        }
        return out;
    }

    private static void flatten(JsonNode v, String prefix, String path, Map<String, String> out) {
        if (!v.isObject()) {
            // the value is not shown: it may hold a secret
            throw new InvalidOptionException(
                    path,
                    "must be a mapping of names to values, got a "
                            + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            if (e.getValue().isObject()) {
                flatten(e.getValue(), name + ".", path, out);
            } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(name, e.getValue().asText());
            } else {
                throw new InvalidOptionException(path + "." + name, "must be text, a number or true/false");
            }
        }
    }

    @Override
    public Map<String, Object> mapping(String key) {
        JsonNode v = get(key);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new InvalidOptionException(pathOf(key), "must be a mapping of names to values, got " + v);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), plainValue(e.getValue(), pathOf(key) + "." + e.getKey()));
        }
        return out;
    }

    private static Object plainValue(JsonNode v, String option) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return finite(v.asDouble(), option);
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Double> numbers = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isNumber()) {
                    break;
                }
                numbers.add(finite(e.asDouble(), option));
            }
            if (numbers.size() == v.size()) {
                return numbers;
            }
        }
        throw new InvalidOptionException(option, "must be a number, text, true/false or a list of numbers, got " + v);
    }

    double[] getDoubles(String key, double[] fallback) {
        JsonNode v = get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isArray()) {
            throw new InvalidOptionException(pathOf(key), "must be a list of numbers, got " + v);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new InvalidOptionException(pathOf(key), "must be a list of numbers, got " + v);
            }
            out[i] = finite(v.get(i).asDouble(), pathOf(key));
        }
        return out;
    }

    /** A list of texts; one text alone is a list of one. */
    List<String> getTexts(String key, List<String> fallback) {
        JsonNode v = get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v.isArray() ? v : List.<JsonNode>of()) {
            if (!e.isTextual()) {
                break;
            }
            out.add(e.asText());
        }
        if (!v.isArray() || out.size() != v.size()) {
            throw new InvalidOptionException(pathOf(key), "must be a list of paths, got " + v);
        }
        return List.copyOf(out);
    }

    int[] getInts(String key, int[] fallback) {
        double[] d = getDoubles(key, null);
        if (d == null) {
            return fallback;
        }
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i])) {
                throw new InvalidOptionException(pathOf(key), "must be a list of whole numbers");
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    /** A duration: whole milliseconds, or text like {@code 500ms}, {@code 5s}, {@code 2m}. */
    long getMillis(String key, long fallback) {
        JsonNode v = get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        String text = v.asText().trim();
        try {
            if (text.endsWith("ms")) {
                return Long.parseLong(text.substring(0, text.length() - 2).trim());
            }
            if (text.endsWith("s")) {
                return Math.round(
                        Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 1000);
            }
            if (text.endsWith("m")) {
                return Math.round(
                        Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 60_000);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new InvalidOptionException(pathOf(key), "must be a duration like 500ms, 5s or 2m, got " + v);
    }

    /** Keys present at this level, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    /** As the interface says, with the closest names of this level (those read, and the catalog's) where one is close. */
    @Override
    public void rejectUnknown() {
        if (node == null) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (!read.contains(key)) {
                // a section or option the run's kind never reads: the same refusal as one it reads
                for (Option<?> o : OptionCatalog.declaredAt(pathOf(key), node.get(key))) {
                    if (!OptionCatalog.appliesUnder(o.key(), kinds)) {
                        refuseIfInapplicable(o);
                    }
                }
                Set<String> known = new LinkedHashSet<>(read);
                known.addAll(OptionCatalog.namesIn(path));
                List<String> close = NameSuggestions.closest(key, known).stream()
                        .map(this::pathOf)
                        .toList();
                throw new InvalidOptionException(pathOf(key), "unknown option" + NameSuggestions.didYouMean(close));
            }
        }
    }
}
