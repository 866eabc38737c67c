package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.config.PopulationConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asynchronous mode (Ray's default): agents are decided as they report. The order of decisions is
 * not a function of the seed, but every agent still reports every generation once, and acts on
 * one directive per generation and on one weight copy per lineage event, also across a restore.
 */
class AsynchronousModeITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    Path dir;

    private final PopulationConfig config = JobRuns.config(
            "quadratic",
            "mode=asynchronous",
            "population=10",
            "generations=8",
            "perturbation_interval=60",
            "parallelism=2",
            "checkpoint_interval=50ms");

    @Test
    void everyAgentReportsAndActsExactlyOnce() throws Exception {
        assertExactlyOnce(JobRuns.run(config, dir));
    }

    @Test
    void exactlyOnceAcrossARestore() throws Exception {
        JobRuns.FailOnce.INJECTED.set(0);
        JobRuns.Outputs out = JobRuns.runWithRestarts(config, dir, new JobRuns.FailOnce(3));
        assertThat(JobRuns.FailOnce.INJECTED.get()).isEqualTo(1);
        assertExactlyOnce(out);
    }

    private void assertExactlyOnce(JobRuns.Outputs out) {
        Set<String> reports = new HashSet<>();
        for (JsonNode r : out.reports()) {
            assertThat(reports.add(r.get("agent") + "@" + r.get("generation")))
                    .as("duplicate %s", r)
                    .isTrue();
        }
        assertThat(reports).hasSize(config.population() * config.generations());
        JobRuns.assertEveryDecisionActedOnOnce(out, config);
        assertThat(out.finals()).filteredOn(f -> !f.get("test_loss").isNull()).hasSize(1);
        assertThat(out.summaries()).isNotEmpty();
    }
}
