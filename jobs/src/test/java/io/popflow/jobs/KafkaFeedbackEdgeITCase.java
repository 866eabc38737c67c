package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import io.popflow.jobs.config.RunConfig;
import java.nio.file.Path;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka feedback edge against the in-JVM one: the same seed in synchronous mode must give the
 * same population, record for record, and a run through Kafka that fails mid-way and is restored
 * must too, every directive and weight copy acted on once.
 */
class KafkaFeedbackEdgeITCase {
    private static final int FAIL_AT_GENERATION = 3;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    static Path dir;

    private static final String[] OPTIONS = {
        "population=8",
        "generations=6",
        "perturbation_interval=150",
        "parallelism=2",
        "checkpoint_interval=100ms",
        "feedback=kafka",
        "kafka.metrics=false"
    };
    private static PopulationConfig config;
    private static JobRuns.Outputs inJvm;
    private static JobRuns.Outputs kafka;
    private static JobRuns.Outputs kafkaFailed;
    private static String kafkaEdgeName;

    @BeforeAll
    static void runThreeWays(@InjectMiniCluster MiniCluster cluster) throws Exception {
        RunConfig first = KafkaRuns.config("digits", "edge", OPTIONS);
        RunConfig second = KafkaRuns.config("digits", "edge-failover", OPTIONS);
        config = first.population();
        kafkaEdgeName = JobAssembly.feedback(first).getClass().getSimpleName();
        TestStreamEnvironment.setAsContext(cluster, config.parallelism());
        try {
            inJvm = JobRuns.run(config, dir.resolve("in-jvm"));
            kafka = JobRuns.runJob(config, dir.resolve("kafka"), sinks -> JobAssembly.job(first, sinks));
            JobRuns.FailOnce.INJECTED.set(0);
            kafkaFailed = JobRuns.runJobWithRestarts(
                    config,
                    dir.resolve("kafka-failed"),
                    sinks -> JobAssembly.job(second, sinks),
                    new JobRuns.FailOnce(FAIL_AT_GENERATION + 1));
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
        assertThat(JobRuns.FailOnce.INJECTED.get()).isEqualTo(1);
        assertThat(cluster.getArchivedExecutionGraph(kafkaFailed.jobId())
                        .get()
                        .getCheckpointStatsSnapshot()
                        .getLatestRestoredCheckpoint())
                .as("restored from a checkpoint")
                .isNotNull();
    }

    @Test
    void kafkaEdgeGivesTheSamePopulationAsTheInJvmEdge() {
        assertThat(kafkaEdgeName).isEqualTo("KafkaFeedbackEdge");
        assertThat(JobRuns.copiesByRecipient(inJvm.lineage()))
                .as("weights crossed the edge")
                .isNotEmpty();
        assertThat(JobRuns.finalPopulation(kafka))
                .isEqualTo(JobRuns.finalPopulation(inJvm))
                .hasSize(config.population());
        assertThat(kafka.reportsInOrder()).isEqualTo(inJvm.reportsInOrder());
        assertThat(kafka.lineage()).isEqualTo(inJvm.lineage());
        JobRuns.assertEveryDecisionActedOnOnce(kafka, config);
    }

    @Test
    void kafkaEdgeLosesNothingAcrossAFailure() {
        assertThat(JobRuns.finalPopulation(kafkaFailed)).isEqualTo(JobRuns.finalPopulation(inJvm));
        assertThat(kafkaFailed.reportsInOrder()).isEqualTo(inJvm.reportsInOrder());
        assertThat(kafkaFailed.summaries()).isEqualTo(inJvm.summaries());
        JobRuns.assertEveryDecisionActedOnOnce(kafkaFailed, config);
    }
}
