package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.connectors.kafka.KafkaConnection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.util.ParameterTool;

/**
 * The effective configuration as Flink's global job parameters, so that the web UI's job page (its
 * "Job Parameters" table) and the REST API show what a running job was started with: one entry per
 * option, its dotted key and its value as the configuration writes it; a secret Kafka client
 * property (a password, a JAAS config, a key) is shown as {@code ******}, as the connection prints it.
 */
public final class JobParameters {
    static final String HIDDEN = "******";

    private JobParameters() {}

    /** The parameters of the effective configuration {@code tree}. */
    public static ParameterTool of(JsonNode tree) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", tree, flat);
        return ParameterTool.fromMap(flat);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into);
            }
        } else if (!node.isNull() && !node.isMissingNode()) {
            String value = node.isValueNode() ? node.asText() : node.toString();
            boolean secret = prefix.startsWith("kafka.properties.") && KafkaConnection.isSecret(prefix);
            into.put(prefix, secret ? HIDDEN : value);
        }
    }
}
