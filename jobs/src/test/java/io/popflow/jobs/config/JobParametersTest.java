package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The effective configuration as the web UI's job parameters: every option by its dotted key, secrets hidden. */
class JobParametersTest {

    @Test
    void everyOptionByItsDottedKeyAndNoSecret() {
        ObjectNode tree = ConfigLoader.set(
                ConfigLoader.preset("digits"),
                "output=runs/d",
                "kafka.bootstrap_servers=b:9092",
                "kafka.properties.sasl.jaas.config=secret-here",
                "kafka.properties.security.protocol=SASL_SSL");
        Map<String, String> p = JobParameters.of(tree).toMap();
        assertThat(p)
                .containsEntry("task", "digits")
                .containsEntry("population", "16")
                .containsEntry("output", "runs/d")
                .containsEntry("model.hidden", "[64]")
                .containsEntry("hyperparam_mutations.lr.scale", "log")
                .containsEntry("kafka.properties.security.protocol", "SASL_SSL")
                .containsEntry("kafka.properties.sasl.jaas.config", "******");
        assertThat(p.values()).noneMatch(v -> v.contains("secret-here"));
    }
}
