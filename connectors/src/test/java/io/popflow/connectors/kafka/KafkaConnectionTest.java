package io.popflow.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {
    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"popflow\" password=\"s3cr3t-jaas\";";

    private final KafkaConnection connection = new KafkaConnection(
            " broker-1:9092,broker-2:9092 ",
            Map.of(
                    "security.protocol", "SASL_SSL",
                    "sasl.mechanism", "SCRAM-SHA-512",
                    "sasl.jaas.config", JAAS,
                    "ssl.truststore.location", "/etc/kafka/truststore.jks",
                    "ssl.truststore.password", "s3cr3t-store",
                    "ssl.key.password", "s3cr3t-key",
                    "bootstrap.servers", "ignored:1"));

    @Test
    void secretsNeverAppearInItsTextForm() {
        String shown = connection.toString();
        assertThat(shown).doesNotContain("s3cr3t");
        assertThat(shown)
                .contains(
                        "broker-1:9092,broker-2:9092",
                        "security.protocol=SASL_SSL",
                        "sasl.mechanism=SCRAM-SHA-512",
                        "ssl.truststore.location=/etc/kafka/truststore.jks",
                        "sasl.jaas.config=******",
                        "ssl.key.password=******");
    }

    @Test
    void clientsGetEveryPropertyAsGiven() {
        var p = connection.clientProperties();
        assertThat(p.getProperty("sasl.jaas.config")).isEqualTo(JAAS);
        assertThat(p.getProperty("ssl.truststore.password")).isEqualTo("s3cr3t-store");
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("broker-1:9092,broker-2:9092");
    }

    @Test
    void needsBootstrapServers() {
        assertThatThrownBy(() -> new KafkaConnection(" ", Map.of())).hasMessageContaining("bootstrap servers");
    }
}
