package io.popflow.jobs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.run.JsonLines;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/acrobot}: a user's Acrobot-v1 (its transitions checked against an independent
 * numpy version in the example's own tests) learned by a PBT population of DQN agents, which beats
 * the same population without selection.
 */
class AcrobotExampleITCase {
    private static final ExampleRuns ACROBOT = ExampleRuns.of("acrobot");

    @TempDir
    Path dir;

    /**
     * 8 agents, 10 generations of 2,000 steps, seed 1, with and without selection (no agent exploits
     * or explores before its 10^12th step). Compared: the mean return of the episodes the population
     * finished in its last generation, which averages over the agents' episodes, where the best
     * agent's last two episodes or its greedy test are single draws. Measured for seeds 1, 2, 3:
     * with selection -105.8, -103.4, -96.9; without -125.5, -114.5, -129.5 (a random policy returns
     * about -499).
     */
    @Test
    void selectionBeatsTheSamePopulationWithoutIt() throws Exception {
        String[] small = {"population=8", "generations=10"};
        ACROBOT.train(dir.resolve("pbt"), small);
        ACROBOT.train(dir.resolve("none"), small[0], small[1], "burn_in=1000000000000");
        double withSelection = lastGenerationReturn(dir.resolve("pbt"));
        double without = lastGenerationReturn(dir.resolve("none"));
        assertThat(without).as("learned something without selection").isGreaterThan(-300);
        assertThat(withSelection)
                .as("with selection, against %s without", without)
                .isGreaterThan(without + 5);
        // the run's model is the best agent's greedy policy, exported as for a shipped environment
        assertThat(dir.resolve("pbt/models/best.onnx")).isRegularFile();
    }

    private static double lastGenerationReturn(Path run) throws Exception {
        List<JsonNode> generations = JsonLines.read(run.resolve(JobSinks.GENERATIONS_FILE));
        assertThat(generations).hasSize(10);
        return generations
                .get(generations.size() - 1)
                .get("episode_return_mean")
                .asDouble();
    }
}
