package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.flinkcluster.CliResult;
import io.popflow.flinkcluster.LocalFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade on a real cluster: {@code flink stop} with a savepoint, resumed at parallelism 1, stopped
 * again, resumed at parallelism 2 to an end. The outputs stay exactly-once, and every agent leaves each
 * savepoint bit for bit as it entered it: every report after a resume (fitness to the last bit, from
 * the restored weights and random stream) and the final population equal an uninterrupted run's.
 */
class ClusterRescaleITCase {
    private static final int POPULATION = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final ClusterSession session = new ClusterSession();

    private LocalFlinkCluster cluster;
    private Process client;

    @Test
    void stopWithSavepointAndResumeAtAnotherParallelism() throws Exception {
        cluster = session.start(dir.resolve("cluster"), 2);
        Path run = dir.resolve("run");
        int first = stopAfter(
                40,
                "first",
                2,
                "train",
                "--preset",
                "quadratic",
                "--set",
                "population=" + POPULATION,
                "--set",
                "perturbation_interval=100",
                "--generations",
                "0",
                "--parallelism",
                "2",
                "--checkpoint-interval",
                "500ms",
                "--output",
                run.toString(),
                "--quiet");
        int second = stopAfter(first + 40, "second", 1, "train", "--resume", run.toString(), "--parallelism", "1");
        int generations = second + 60;
        ClusterRuns.run(
                cluster,
                2,
                "train",
                "--resume",
                run.toString(),
                "--parallelism",
                "2",
                "--generations",
                Integer.toString(generations),
                "--quiet");
        JobRuns.assertContiguous(run, generations, POPULATION);

        Path clean = dir.resolve("clean");
        JobRuns.assertSameAsUninterrupted(run, clean, POPULATION);
        JsonNode summary = ClusterRuns.summaryWithoutTimes(run);
        assertThat(summary.get("resumed_at_agent_steps").asLong()).isPositive();
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary).remove("resumed_at_agent_steps");
        assertThat(summary).isEqualTo(ClusterRuns.summaryWithoutTimes(clean));
    }

    /**
     * Starts {@code flink run -p P ARGS}, waits for {@code generations} summaries, stops the job with
     * {@code flink stop --savepointPath}, and checks the stopped run: its client ends with 0 and wrote
     * the savepoint's agents and a {@code stopped} entry. Returns the generations summarised.
     */
    private int stopAfter(int generations, String name, int parallelism, String... args) throws Exception {
        Path log = dir.resolve(name + ".out");
        client = session.submit(log, parallelism, args);
        String job = ClusterRuns.awaitRunningJob(cluster, client, log);
        List<String> list = List.of(args);
        Path run = Path.of(list.get(list.indexOf(list.contains("--resume") ? "--resume" : "--output") + 1));
        ClusterRuns.awaitSummarised(run, generations, client, log);
        CliResult stop = cluster.flink(
                Duration.ofMinutes(2),
                "stop",
                "--savepointPath",
                run.resolve("savepoints").toAbsolutePath().toString(),
                job);
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(ClusterRuns.awaitExit(client, Duration.ofMinutes(2), log))
                .as(Files.readString(log))
                .isZero();
        assertThat(Files.readString(log)).contains("popflow: stopped with a savepoint at");

        JsonNode stopped = JSON.readTree(run.resolve(RunSummary.FILE).toFile()).get("stopped");
        assertThat(stopped.get("savepoint").asText())
                .contains(run.resolve("savepoints").toAbsolutePath().toString());
        assertThat(JobRuns.read(run.resolve(JobSinks.FINAL_AGENTS_FILE))).hasSize(POPULATION);
        int summarised = JobRuns.read(run.resolve(JobSinks.GENERATIONS_FILE)).size();
        JobRuns.assertContiguous(run, summarised, POPULATION);
        return summarised;
    }
}
