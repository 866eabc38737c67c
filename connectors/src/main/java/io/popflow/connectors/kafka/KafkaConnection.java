package io.popflow.connectors.kafka;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach a Kafka cluster: bootstrap servers and any client property (SASL, SSL, timeouts),
 * passed through to every producer, consumer and admin client popflow makes. Secrets in it never
 * appear in {@link #toString()}, which is what logs and error messages use.
 */
public final class KafkaConnection implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String[] SECRET_MARKS = {"password", "secret", "jaas", "token", "credential", "key"};

    private final String bootstrapServers;
    private final TreeMap<String, String> properties;

    public KafkaConnection(String bootstrapServers, Map<String, String> properties) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be set");
        }
        this.bootstrapServers = bootstrapServers.strip();
        this.properties = new TreeMap<>(properties);
        this.properties.remove("bootstrap.servers");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The client properties beyond the bootstrap servers, as given. */
    public Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Properties for a Kafka client: the pass-through ones, then the bootstrap servers. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** Whether a property's value must not be shown (passwords, JAAS configs, keys, tokens). */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String mark : SECRET_MARKS) {
            if (k.contains(mark)
                    && !k.endsWith(".type")
                    && !k.endsWith(".location")
                    && !k.endsWith(".algorithm")
                    && !k.endsWith(".serializer")
                    && !k.endsWith(".deserializer")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("kafka ").append(bootstrapServers);
        properties.forEach((k, v) -> sb.append(", ").append(k).append('=').append(isSecret(k) ? "******" : v));
        return sb.toString();
    }
}
