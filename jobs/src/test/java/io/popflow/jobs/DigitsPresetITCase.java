package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.HyperparameterSpace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a user types it: {@code popflow train --preset digits --output DIR}
 * on the embedded default (a local MiniCluster started by the command itself).
 */
class DigitsPresetITCase {
    @TempDir
    Path dir;

    @Test
    void presetTrainsTheDigitsToNinetyFivePercentWithinBounds() throws Exception {
        int code = Popflow.run("train", "--preset", "digits", "--output", dir.toString(), "--quiet");
        assertThat(code).isZero();

        PopulationConfig config = JobRuns.config("digits");
        JsonNode summary =
                new ObjectMapper().readTree(dir.resolve(RunSummary.FILE).toFile());
        assertThat(summary.get("population").asInt()).isGreaterThanOrEqualTo(16);
        assertThat(summary.get("generations").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(summary.get("seed").asLong()).isEqualTo(config.seed());
        assertThat(summary.get("test").get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(summary.get("schedule")).hasSize(config.generations());
        assertThat(summary.get("agent_steps").asLong())
                .isEqualTo((long) config.population() * config.generations() * config.perturbationInterval());

        HyperparameterSpace space = config.space();
        for (JsonNode e : JobRuns.read(dir.resolve(JobSinks.LINEAGE_FILE))) {
            for (String side : new String[] {"old_hyperparameters", "new_hyperparameters"}) {
                assertThat(space.contains(JobRuns.hyperparameters(e, side, space)))
                        .as("%s of %s", side, e)
                        .isTrue();
            }
        }
    }
}
