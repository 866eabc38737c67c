package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow theory} at its default sizes: every check of the implementation against the
 * theory passes on the running pipeline, and theory.json carries the table and the slope's points.
 */
class TheoryCommandITCase {
    @TempDir
    Path dir;

    @Test
    void everyTheoryCheckPassesOnThePipeline() throws Exception {
        int code = Popflow.run("theory", "--output", dir.toString());
        JsonNode checks = new ObjectMapper().readTree(dir.resolve("theory.json").toFile());
        for (JsonNode c : checks) {
            assertThat(c.has("name") && c.has("expected") && c.has("measured") && c.has("tolerance") && c.has("pass"))
                    .as("fields of %s", c)
                    .isTrue();
            if (c.get("kind").asText().equals("check")) {
                assertThat(c.get("pass").asBoolean()).as("%s", c).isTrue();
            }
        }
        assertThat(code).isZero();
        JsonNode slope = null;
        for (JsonNode c : checks) {
            if (c.get("name").asText().startsWith("large-N limit")) {
                slope = c;
            }
        }
        assertThat(slope).isNotNull();
        assertThat(slope.get("points")).hasSize(4);
        assertThat(slope.get("points").get(3).get("population").asInt()).isEqualTo(3000);
        assertThat(slope.get("points").get(0).get("w1_by_seed")).hasSize(5);
        assertThat(checks.findValuesAsText("kind")).contains("comparison");
    }
}
