package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.flinkcluster.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TaskManagers killed with SIGKILL at random moments of one run on a real cluster, each replaced by
 * a new one: the job must recover every time and end with exactly the records and the final
 * population of an uninterrupted run with the same seed.
 *
 * <p>{@code -Dpopflow.cluster.kills=20} kills 20 times (the longer run of docs/clusters.md); the run's length
 * grows with the kills, and kill k waits for k * SPACING generations, so the last kill still finds
 * the run training.
 */
class ClusterFailoverITCase {
    private static final int KILLS = Integer.getInteger("popflow.cluster.kills", 5);
    private static final long SEED = Long.getLong("popflow.cluster.kill-seed", 2026L);
    private static final int POPULATION = 16;
    /**
     * Kill k comes once the run has summarised k * SPACING generations (and a random wait), so the run
     * is still training at every kill however fast it trains: 400 generations took 4-9 s here.
     */
    private static final int SPACING = 400;

    private static final int GENERATIONS = SPACING * (KILLS + 1);

    @TempDir
    Path dir;

    @RegisterExtension
    final ClusterSession session = new ClusterSession();

    private LocalFlinkCluster cluster;
    private Process client;
    private Path log;

    @Test
    void killedTaskManagersLoseNothing() throws Exception {
        cluster = session.start(dir.resolve("cluster"), 2);
        Path run = dir.resolve("run");
        log = dir.resolve("flink-run.out");
        client = session.submit(
                log,
                2,
                "train",
                "--preset",
                "quadratic",
                "--set",
                "population=" + POPULATION,
                "--set",
                "perturbation_interval=100",
                "--generations",
                Integer.toString(GENERATIONS),
                "--checkpoint-interval",
                "500ms",
                "--set",
                "restart_attempts=1000",
                "--output",
                run.toString(),
                "--quiet");
        String job = ClusterRuns.awaitRunningJob(cluster, client, log);
        ClusterRuns.awaitCheckpointAfterRestore(cluster, job, 0, client, log);

        Random random = new Random(SEED);
        List<String> restores = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            ClusterRuns.awaitSummarised(run, kill * SPACING, client, log);
            Thread.sleep(random.nextInt(1500));
            JsonNode before = ClusterRuns.checkpoints(cluster, job);
            assertThat(jobState(job))
                    .as("the run is still training at kill %d", kill)
                    .isEqualTo("RUNNING");
            List<String> running = cluster.runningTaskManagers();
            String victim = running.get(random.nextInt(running.size()));
            long killedAt = System.nanoTime();
            cluster.killTaskManager(victim);
            String replacement = cluster.startTaskManager();
            long registeredAt = System.nanoTime();
            long restoredAt = ClusterRuns.awaitCheckpointAfterRestore(
                    cluster, job, before.path("counts").path("restored").asLong() + 1, client, log);
            JsonNode after = ClusterRuns.checkpoints(cluster, job);
            restores.add(String.format(
                    "kill %d of %s (replaced by %s): restored from checkpoint %d, running and "
                            + "checkpointed again %.1f s after the kill, %.1f s after the replacement registered; %d restores so far",
                    kill,
                    victim,
                    replacement,
                    after.path("latest").path("restored").path("id").asLong(),
                    seconds(restoredAt - killedAt),
                    seconds(restoredAt - registeredAt),
                    after.path("counts").path("restored").asLong()));
        }
        Path measured = Path.of("target", "cluster-failover.txt");
        Files.write(measured, restores);
        restores.forEach(System.out::println);

        assertThat(ClusterRuns.awaitExit(client, ClusterRuns.RUN_TIMEOUT, log))
                .as(Files.readString(log))
                .isZero();
        JobRuns.assertContiguous(run, GENERATIONS, POPULATION);

        // the same seed and configuration, uninterrupted, on the embedded cluster
        Path clean = dir.resolve("clean");
        JobRuns.assertSameAsUninterrupted(run, clean, POPULATION);
        for (JsonNode agent : JobRuns.read(run.resolve(JobSinks.FINAL_AGENTS_FILE))) {
            assertThat(agent.get("directives_applied").asInt())
                    .as("decisions applied by %s", agent)
                    .isEqualTo(GENERATIONS);
        }
        assertThat(ClusterRuns.summaryWithoutTimes(run)).isEqualTo(ClusterRuns.summaryWithoutTimes(clean));
    }

    private String jobState(String job) throws Exception {
        return cluster.rest().get("/jobs/" + job).path("state").asText();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
