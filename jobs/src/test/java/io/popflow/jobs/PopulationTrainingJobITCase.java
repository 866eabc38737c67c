package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.TruncationSelection;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole population job on a MiniCluster: every output record exactly once, decisions in bounds, determinism. */
class PopulationTrainingJobITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    Path dir;

    @Test
    void everyAgentReportsEveryGenerationAndFollowsEveryDecision() throws Exception {
        PopulationConfig config = JobRuns.config(
                "quadratic",
                "population=12",
                "generations=5",
                "perturbation_interval=50",
                "parallelism=2",
                "checkpoint_interval=100ms");
        JobRuns.Outputs out = JobRuns.run(config, dir);

        int n = config.population();
        int g = config.generations();
        Set<String> reported = new HashSet<>();
        for (JsonNode r : out.reports()) {
            assertThat(reported.add(r.get("agent") + "@" + r.get("generation")))
                    .as("duplicate report %s", r)
                    .isTrue();
            assertThat(r.get("steps").asLong())
                    .isEqualTo(50L * (r.get("generation").asInt() + 1));
        }
        assertThat(reported).hasSize(n * g);
        assertThat(out.summaries()).extracting(s -> s.get("generation").asInt()).containsExactly(0, 1, 2, 3, 4);
        assertThat(out.summaries()).allMatch(s -> s.get("population").asInt() == n);

        int perGeneration =
                TruncationSelection.quantileSize(n, config.selection().quantileFraction());
        assertThat(out.lineage()).hasSize(perGeneration * (g - 1));
        assertThat(out.lineage())
                .allMatch(e -> e.get("mutations").size() == config.space().size());
        JobRuns.assertEveryDecisionActedOnOnce(out, config);
        assertThat(out.finals()).filteredOn(f -> !f.get("test_loss").isNull()).hasSize(1);
        assertThat(out.finals())
                .allMatch(f -> f.get("generation").asInt() == g - 1
                        && f.get("resent_ignored").asInt() == 0);
    }

    /** Scheduling is not part of the result: one subtask or two, the run is the same. */
    @Test
    void aRunIsAFunctionOfItsConfigAndSeed() throws Exception {
        String[] common = {"population=8", "generations=4", "perturbation_interval=40", "checkpoint_interval=100ms"};
        JobRuns.Outputs one =
                JobRuns.run(JobRuns.config("quadratic", with(common, "parallelism=1")), dir.resolve("p1"));
        JobRuns.Outputs two =
                JobRuns.run(JobRuns.config("quadratic", with(common, "parallelism=2")), dir.resolve("p2"));
        assertThat(two.finalsInOrder()).isEqualTo(one.finalsInOrder());
        assertThat(two.reportsInOrder()).isEqualTo(one.reportsInOrder());
        assertThat(two.lineage()).isEqualTo(one.lineage());
        assertThat(two.summaries()).isEqualTo(one.summaries());

        JobRuns.Outputs otherSeed =
                JobRuns.run(JobRuns.config("quadratic", with(common, "parallelism=2", "seed=8")), dir.resolve("seed8"));
        assertThat(otherSeed.finalsInOrder()).isNotEqualTo(one.finalsInOrder());
    }

    private static String[] with(String[] common, String... more) {
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }
}
