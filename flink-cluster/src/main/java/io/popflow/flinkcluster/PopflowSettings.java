package io.popflow.flinkcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Flink options popflow needs on any cluster ({@code popflow-cluster.yaml}), as flat
 * {@code key: value} pairs the way Flink reads them.
 */
public final class PopflowSettings {
    private PopflowSettings() {}

    /** popflow's settings, from the copy in this jar. */
    public static Map<String, String> load() throws IOException {
        try (InputStream in = PopflowSettings.class.getResourceAsStream("popflow-cluster.yaml")) {
            if (in == null) {
                throw new IOException("popflow-cluster.yaml is missing from the flink-cluster jar");
            }
            return read(in);
        }
    }

    /** A Flink YAML file's options, nested maps flattened with dots; values as text. */
    static Map<String, String> read(InputStream yaml) throws IOException {
        try (InputStream in = yaml) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", root, flat);
            return flat;
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
            }
        } else {
            into.put(prefix, node.asText());
        }
    }

    /** A value as a YAML scalar Flink reads back as the same text. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
