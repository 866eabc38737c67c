package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import java.nio.file.Path;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a population mid-run (a task failure after checkpoints have completed), lets Flink restore
 * it from the latest checkpoint, and compares with an uninterrupted run of the same seed: one
 * subclass per kind of agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FailoverCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    private PopulationConfig config;
    private JobRuns.Outputs clean;
    private JobRuns.Outputs failed;

    /** The run; its checkpoints must be frequent enough that some complete before the failure. */
    abstract PopulationConfig config();

    /** The generation whose summary throws, in the first attempt only. */
    abstract int failAtGeneration();

    @BeforeAll
    void runTwice(@InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
        config = config();
        // the extension makes its cluster the jobs' environment per test; these runs are shared by the tests
        TestStreamEnvironment.setAsContext(cluster, config.parallelism());
        try {
            clean = JobRuns.run(config, dir.resolve("clean"));
            JobRuns.FailOnce.INJECTED.set(0);
            failed = JobRuns.runWithRestarts(
                    config, dir.resolve("failed"), new JobRuns.FailOnce(failAtGeneration() + 1));
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }

        // the failure happened, and the job came back from a checkpoint taken before it
        assertThat(JobRuns.FailOnce.INJECTED.get()).isEqualTo(1);
        ArchivedExecutionGraph graph =
                cluster.getArchivedExecutionGraph(failed.jobId()).get();
        CheckpointStatsSnapshot checkpoints = graph.getCheckpointStatsSnapshot();
        assertThat(checkpoints.getLatestRestoredCheckpoint())
                .as("restored from a checkpoint")
                .isNotNull();
        assertThat(clean.summaries()).hasSize(config.generations());
    }

    @Test
    void finalPopulationIsIdenticalToAnUninterruptedRun() {
        // every agent's θ bytes (SHA-256) and h
        assertThat(JobRuns.finalPopulation(failed))
                .isEqualTo(JobRuns.finalPopulation(clean))
                .hasSize(config.population());
        // every output record exactly once, identical to the uninterrupted run
        assertThat(failed.reportsInOrder()).isEqualTo(clean.reportsInOrder());
        assertThat(failed.summaries()).isEqualTo(clean.summaries());
        assertThat(failed.lineage()).isEqualTo(clean.lineage());
    }

    /**
     * Each directive and each weight copy was acted on exactly once: one directive per agent and
     * generation, one copy per lineage event into its recipient; the copies resent after the restore
     * were recognised and ignored.
     */
    @Test
    void noFeedbackRecordIsLostOrDuplicatedAcrossTheRestore() {
        assertThat(JobRuns.copiesByRecipient(failed.lineage())).isNotEmpty();
        // exactly one directive acted on per agent and generation: whatever was resent after the restore
        // was ignored (how much was resent depends on where the checkpoint fell: an agent that had not
        // yet acted on the latest decision takes the resent copy as its first)
        JobRuns.assertEveryDecisionActedOnOnce(failed, config);
        assertThat(clean.finals()).allMatch(f -> f.get("resent_ignored").asInt() == 0);
    }
}
