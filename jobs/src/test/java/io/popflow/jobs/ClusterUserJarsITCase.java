package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.flinkcluster.LocalFlinkCluster;
import io.popflow.jobs.custom.ExampleRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three examples of {@code examples/} submitted with {@code flink run} to a real cluster of two
 * TaskManagers, the user's jar shipped with the job ({@code --jar}): the cluster has no copy of it
 * (neither its lib/ nor the job jar holds the user's classes), and each run ends with the final
 * population of the embedded run of the same configuration, digest for digest. A Trainable run whose
 * TaskManager is killed mid-run ends as the uninterrupted one does.
 */
class ClusterUserJarsITCase {
    @TempDir
    static Path dir;

    private static LocalFlinkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterRuns.start(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String[] exampleArgs(String example, Path output, String... sets) {
        return ExampleRuns.of(example).args(output, sets);
    }

    private static void sameOnTheClusterAsEmbedded(String example, int population, String... sets) throws Exception {
        Path embedded = dir.resolve(example + "-embedded");
        assertThat(JobRuns.popflow(exampleArgs(example, embedded, sets))).isZero();
        Path onCluster = dir.resolve(example + "-cluster");
        String out = ClusterRuns.run(cluster, 2, exampleArgs(example, onCluster, sets));
        assertThat(out).contains("summary: " + onCluster.resolve(RunSummary.FILE));
        assertThat(JobRuns.finalsWithoutResends(onCluster))
                .as("final agents (params_sha256: weights, or a Trainable's saved state)")
                .isEqualTo(JobRuns.finalsWithoutResends(embedded))
                .hasSize(population);
    }

    @Test
    void theUsersObjectiveOnTheClusterEndsAsEmbedded() throws Exception {
        sameOnTheClusterAsEmbedded("rastrigin", 40, "population=40", "generations=30");
    }

    @Test
    void theUsersEnvironmentOnTheClusterEndsAsEmbedded() throws Exception {
        sameOnTheClusterAsEmbedded(
                "acrobot", 4, "population=4", "generations=3", "perturbation_interval=500", "returns.test_episodes=2");
    }

    @Test
    void theUsersTrainableOnTheClusterEndsAsEmbedded() throws Exception {
        sameOnTheClusterAsEmbedded("linear-diabetes", 16, "generations=10");
    }

    /**
     * A TaskManager killed while a Trainable run trains (its agents' saved states in the last
     * checkpoint), replaced by a new one: the run ends with the records and final population of the
     * same configuration uninterrupted on the embedded cluster.
     */
    @Test
    void aKilledTaskManagerLosesNoTrainableState() throws Exception {
        Path run = dir.resolve("killed");
        Path log = dir.resolve("killed.out");
        int generations = 300;
        Process client = ClusterRuns.start(
                cluster,
                log,
                2,
                exampleArgs(
                        "linear-diabetes",
                        run,
                        "generations=" + generations,
                        "perturbation_interval=200",
                        "checkpoint_interval=300ms",
                        "restart_attempts=100"));
        try {
            String job = ClusterRuns.awaitRunningJob(cluster, client, log);
            ClusterRuns.awaitCheckpointAfterRestore(cluster, job, 0, client, log);
            ClusterRuns.awaitSummarised(run, generations / 3, client, log);
            long restoredBefore = ClusterRuns.checkpoints(cluster, job)
                    .path("counts")
                    .path("restored")
                    .asLong();
            List<String> running = cluster.runningTaskManagers();
            cluster.killTaskManager(running.get(0));
            cluster.startTaskManager();
            ClusterRuns.awaitCheckpointAfterRestore(cluster, job, restoredBefore + 1, client, log);
            assertThat(ClusterRuns.awaitExit(client, ClusterRuns.RUN_TIMEOUT, log))
                    .as(Files.readString(log))
                    .isZero();
        } finally {
            client.destroyForcibly();
        }
        JobRuns.assertContiguous(run, generations, 16);
        JobRuns.assertSameAsUninterrupted(run, dir.resolve("killed-clean"), 16);
    }
}
