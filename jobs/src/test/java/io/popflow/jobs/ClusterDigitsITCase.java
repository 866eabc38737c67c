package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.flinkcluster.LocalFlinkCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digits preset submitted with {@code flink run} to a real cluster whose two TaskManagers each
 * hold one slot, so the job spans two JVMs: it must end with the embedded run's summary for the same
 * seed, through the in-JVM feedback edge and through Kafka.
 */
class ClusterDigitsITCase {
    @TempDir
    static Path dir;
    private static LocalFlinkCluster cluster;
    private static Path embedded;

    @BeforeAll
    static void startClusterAndRunEmbedded() throws Exception {
        cluster = ClusterRuns.start(dir.resolve("cluster"), 2);
        embedded = dir.resolve("embedded");
        assertThat(JobRuns.popflow("train", "--preset", "digits", "--output", embedded.toString(), "--quiet")).isZero();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void digitsOnTheClusterGivesTheEmbeddedSummary() throws Exception {
        Path run = dir.resolve("cluster-run");
        String out = ClusterRuns.run(cluster, 2, "train", "--preset", "digits", "--output", run.toString(), "--quiet");
        assertThat(out).contains("best agent", "summary: " + run.resolve(RunSummary.FILE));
        assertThat(ClusterRuns.summaryWithoutTimes(run)).isEqualTo(ClusterRuns.summaryWithoutTimes(embedded));
        assertThat(JobRuns.finalsWithoutResends(run)).isEqualTo(JobRuns.finalsWithoutResends(embedded)).hasSize(16);
    }

    /** Through Kafka a decision is read when the checkpoint that commits it completes: short checkpoints. */
    @Test
    void digitsThroughKafkaOnTheClusterGivesTheEmbeddedSummary() throws Exception {
        Path run = dir.resolve("cluster-kafka-run");
        ClusterRuns.run(cluster, 2, "train", "--preset", "digits", "--output", run.toString(), "--quiet",
                "--checkpoint-interval", "200ms", "--set", "feedback=kafka", "--set", "run_id=cluster-digits", "--set",
                "kafka.bootstrap_servers=" + KafkaRuns.bootstrapServers());
        assertThat(ClusterRuns.summaryWithoutTimes(run)).isEqualTo(ClusterRuns.summaryWithoutTimes(embedded));
        assertThat(JobRuns.finalsWithoutResends(run)).isEqualTo(JobRuns.finalsWithoutResends(embedded));
        assertThat(JobRuns.reportsWithoutLatency(run)).isEqualTo(JobRuns.reportsWithoutLatency(embedded));
    }
}
