package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.flinkcluster.CliResult;
import io.popflow.flinkcluster.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        assertThat(JobRuns.popflow("train", "--preset", "digits", "--output", embedded.toString(), "--quiet"))
                .isZero();
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
        assertThat(JobRuns.finalsWithoutResends(run))
                .isEqualTo(JobRuns.finalsWithoutResends(embedded))
                .hasSize(16);
    }

    /**
     * While it runs, popflow's figures are in Flink's metric system, read here over the REST API. The
     * run goes on until stopped: a meter's rate is first computed up to 5 s after it is registered
     * (Flink's view updater), and a 20-generation run once ended in CI before that.
     */
    @Test
    void aRunningJobReportsItsMetrics() throws Exception {
        Path run = dir.resolve("metrics-run");
        Path log = dir.resolve("metrics-run.out");
        Process client = ClusterRuns.start(
                cluster,
                log,
                2,
                "train",
                "--preset",
                "digits",
                "--output",
                run.toString(),
                "--generations",
                "0",
                "--quiet");
        String job = ClusterRuns.awaitRunningJob(cluster, client, log);
        Map<String, List<Double>> metrics = awaitMetrics(job, client, log);
        assertThat(metrics.get("agentStepsPerSecond"))
                .as("one meter per trainer subtask")
                .hasSize(2);
        assertThat(metrics.get("agentStepsPerSecond").stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isPositive();
        assertThat(metrics.get("decisionsApplied").stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isPositive();
        assertThat(metrics.get("feedbackLatencyMs"))
                .allSatisfy(ms -> assertThat(ms).isNotNaN().isNotNegative());
        assertThat(metrics.get("generation"))
                .singleElement()
                .satisfies(g -> assertThat(g).isPositive());
        assertThat(metrics.get("medianFitness").get(0))
                .isLessThanOrEqualTo(metrics.get("bestFitness").get(0));
        assertThat(metrics.get("divergedAgents")).containsExactly(0.0);
        assertThat(metrics.get("agentSteps").get(0)).isPositive();

        CliResult stop = cluster.flink(
                Duration.ofMinutes(2),
                "stop",
                "--savepointPath",
                run.resolve("savepoints").toAbsolutePath().toString(),
                job);
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(ClusterRuns.awaitExit(client, ClusterRuns.RUN_TIMEOUT, log))
                .as(Files.readString(log))
                .isZero();
    }

    /** popflow's metrics once every one has a value past the first generation (a gauge is NaN before). */
    private static Map<String, List<Double>> awaitMetrics(String job, Process client, Path log) throws Exception {
        Set<String> names = Set.of(
                "agentStepsPerSecond",
                "decisionsApplied",
                "feedbackLatencyMs",
                "generation",
                "bestFitness",
                "medianFitness",
                "divergedAgents",
                "agentSteps");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Map<String, List<Double>> metrics = ClusterRuns.metrics(cluster, job, names);
            boolean ready = metrics.keySet().equals(names)
                    && metrics.get("generation").get(0) >= 1
                    && metrics.get("feedbackLatencyMs").stream().noneMatch(v -> v.isNaN())
                    && metrics.get("agentStepsPerSecond").stream()
                                    .mapToDouble(Double::doubleValue)
                                    .sum()
                            > 0;
            if (ready) {
                return metrics;
            }
            assertThat(client.isAlive())
                    .as("the run ended before its metrics were seen: %s; %s", metrics, Files.readString(log))
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("metrics within 2 minutes: %s", metrics)
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Through Kafka a decision is read when the checkpoint that commits it completes: short checkpoints. */
    @Test
    void digitsThroughKafkaOnTheClusterGivesTheEmbeddedSummary() throws Exception {
        Path run = dir.resolve("cluster-kafka-run");
        ClusterRuns.run(
                cluster,
                2,
                "train",
                "--preset",
                "digits",
                "--output",
                run.toString(),
                "--quiet",
                "--checkpoint-interval",
                "200ms",
                "--set",
                "feedback=kafka",
                "--set",
                "run_id=cluster-digits",
                "--set",
                "kafka.bootstrap_servers=" + KafkaRuns.bootstrapServers());
        assertThat(ClusterRuns.summaryWithoutTimes(run)).isEqualTo(ClusterRuns.summaryWithoutTimes(embedded));
        assertThat(JobRuns.finalsWithoutResends(run)).isEqualTo(JobRuns.finalsWithoutResends(embedded));
        assertThat(JobRuns.reportsWithoutLatency(run)).isEqualTo(JobRuns.reportsWithoutLatency(embedded));
    }
}
