package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.option.Option;
import java.nio.file.Path;

/**
 * Makes the values of the options that name files ({@link Option#path}) absolute, against the
 * working directory the command runs in: a run's {@code config.yaml} then names the same files
 * when it is resumed or replayed from another directory.
 */
public final class PathOptions {
    private PathOptions() {}

    /** A copy of {@code tree} whose file options are absolute paths. */
    public static ObjectNode absolute(ObjectNode tree) {
        ObjectNode out = tree.deepCopy();
        for (Option<?> option : OptionCatalog.ALL) {
            if (!option.isPath()) {
                continue;
            }
            String[] keys = option.key().split("\\.");
            JsonNode parent = out;
            for (int i = 0; i < keys.length - 1 && parent != null; i++) {
                parent = parent.get(keys[i]);
            }
            String leaf = keys[keys.length - 1];
            if (parent instanceof ObjectNode section
                    && section.hasNonNull(leaf)
                    && section.get(leaf).isTextual()) {
                section.put(leaf, absolute(section.get(leaf).asText()));
            } else if (parent instanceof ObjectNode section
                    && section.hasNonNull(leaf)
                    && section.get(leaf).isArray()) {
                ArrayNode list = (ArrayNode) section.get(leaf);
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).isTextual()) {
                        list.set(i, list.textNode(absolute(list.get(i).asText())));
                    }
                }
            }
        }
        return out;
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
