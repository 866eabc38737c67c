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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a digits population mid-run (a task failure after checkpoints have completed), lets Flink
 * restore it from the latest checkpoint, and compares with an uninterrupted run of the same seed.
 */
class FailoverITCase {
    private static final int FAIL_AT_GENERATION = 5;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    static Path dir;

    /**
     * Generations of some 0.3 s against checkpoints every 100 ms: the checkpoint restored from, just
     * before generation 5 ends, holds decisions still in flight, so the restore exercises the resend.
     */
    private static final PopulationConfig CONFIG = JobRuns.config("digits", "population=8", "generations=8",
            "perturbation_interval=300", "parallelism=2", "checkpoint_interval=100ms");
    private static JobRuns.Outputs clean;
    private static JobRuns.Outputs failed;

    @BeforeAll
    static void runTwice(@InjectMiniCluster MiniCluster cluster) throws Exception {
        // the extension makes its cluster the jobs' environment per test; these runs are shared by the tests
        TestStreamEnvironment.setAsContext(cluster, CONFIG.parallelism());
        try {
            clean = JobRuns.run(CONFIG, dir.resolve("clean"));
            JobRuns.FailOnce.INJECTED.set(0);
            failed = JobRuns.run(CONFIG, dir.resolve("failed"), new JobRuns.FailOnce(FAIL_AT_GENERATION + 1));
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }

        // the failure happened, and the job came back from a checkpoint taken before it
        assertThat(JobRuns.FailOnce.INJECTED.get()).isEqualTo(1);
        ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(failed.jobId()).get();
        CheckpointStatsSnapshot checkpoints = graph.getCheckpointStatsSnapshot();
        assertThat(checkpoints.getLatestRestoredCheckpoint()).as("restored from a checkpoint").isNotNull();
        assertThat(clean.summaries()).hasSize(CONFIG.generations());
    }

    @Test
    void finalPopulationIsIdenticalToAnUninterruptedRun() {
        // every agent's θ bytes (SHA-256) and h
        assertThat(JobRuns.finalPopulation(failed)).isEqualTo(JobRuns.finalPopulation(clean)).hasSize(CONFIG.population());
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
        JobRuns.assertEveryDecisionActedOnOnce(failed, CONFIG);
        int resentIgnored = failed.finals().stream().mapToInt(f -> f.get("resent_ignored").asInt()).sum();
        assertThat(resentIgnored).as("the latest decision was resent after the restore").isPositive();
        assertThat(clean.finals()).allMatch(f -> f.get("resent_ignored").asInt() == 0);
    }
}
