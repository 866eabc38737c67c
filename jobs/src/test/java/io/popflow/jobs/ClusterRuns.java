package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.flinkcluster.CliResult;
import io.popflow.flinkcluster.LocalFlinkCluster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * popflow on a real standalone Flink cluster ({@link LocalFlinkCluster}: a JobManager and
 * TaskManagers in JVMs of their own, ND4J in their lib/ from flink-lib/target/lib), submitted as a
 * user submits it: {@code flink run} with the job jar.
 */
final class ClusterRuns {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterRuns() {}

    /** A cluster with {@code taskManagers} TaskManagers of one slot each, ND4J in their lib/. */
    static LocalFlinkCluster start(Path dir, int taskManagers) throws IOException {
        return LocalFlinkCluster.in(dir)
                .taskManagers(taskManagers)
                .lib(flinkLib())
                .start();
    }

    /** popflow's lib/ bundle, as {@code mvn package} builds it. */
    static Path flinkLib() {
        Path lib = Path.of("..", "flink-lib", "target", "lib");
        assertThat(lib).as("flink-lib/target/lib: run mvn package").isDirectory();
        return lib;
    }

    /** The job jar, as {@code mvn package} builds it. */
    static Path jobJar() {
        File[] jars = new File("target").listFiles((d, name) -> name.endsWith("-job.jar"));
        assertThat(jars).as("a job jar in target/: run mvn package").isNotEmpty();
        return jars[0].toPath();
    }

    /** {@code flink run -p P JOB_JAR ARGS...} to its end; it must succeed. Returns its output. */
    static String run(LocalFlinkCluster cluster, int parallelism, String... args) throws IOException {
        CliResult result = cluster.flink(RUN_TIMEOUT, runArgs(parallelism, args));
        assertThat(result.exitCode())
                .as("flink run %s:%n%s", Arrays.toString(args), result.output())
                .isZero();
        return result.output();
    }

    /** The same, started in the background, its output in {@code log}. */
    static Process start(LocalFlinkCluster cluster, Path log, int parallelism, String... args) throws IOException {
        return cluster.startFlink(log, runArgs(parallelism, args));
    }

    private static String[] runArgs(int parallelism, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "-p", Integer.toString(parallelism), jobJar().toString()));
        all.addAll(Arrays.asList(args));
        return all.toArray(String[]::new);
    }

    /** The id of the cluster's only running job, waiting for it to be RUNNING. */
    static String awaitRunningJob(LocalFlinkCluster cluster, Process client, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            for (JsonNode job : cluster.rest().get("/jobs/overview").path("jobs")) {
                if (job.path("state").asText().equals("RUNNING")) {
                    return job.path("jid").asText();
                }
            }
            assertThat(client.isAlive())
                    .as("flink run still running: %s", Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            assertThat(System.nanoTime()).as("a running job within 2 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the job has been restored at least {@code restores} times, runs, and has completed
     * a checkpoint since; the {@code flink run} client must stay alive meanwhile.
     *
     * @return when that was seen (System.nanoTime)
     */
    static long awaitCheckpointAfterRestore(
            LocalFlinkCluster cluster, String job, long restores, Process client, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode stats = checkpoints(cluster, job);
            if (stats.path("counts").path("restored").asLong() >= restores
                    && stats.path("latest").path("completed").path("id").asLong(-1)
                            > stats.path("latest").path("restored").path("id").asLong(-1)
                    && cluster.rest().get("/jobs/" + job).path("state").asText().equals("RUNNING")) {
                return System.nanoTime();
            }
            assertThat(client.isAlive())
                    .as("the run ended early: %s", tail(log))
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("restored and checkpointed within 3 minutes: %s", stats)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until the run's committed outputs hold {@code generations} summaries; the client must stay alive. */
    static void awaitSummarised(Path run, int generations, Process client, Path log) throws Exception {
        Path file = run.resolve(JobSinks.GENERATIONS_FILE);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < generations) {
            assertThat(client.isAlive())
                    .as("the run ended early: %s", tail(log))
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("%d generations within 3 minutes", generations)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The end of a client's output, for failure messages. */
    private static String tail(Path log) throws IOException {
        String out = Files.exists(log) ? Files.readString(log) : "";
        return out.substring(Math.max(0, out.length() - 4000));
    }

    /** The job's checkpoint statistics: {@code counts.completed}, {@code counts.restored}, ... */
    static JsonNode checkpoints(LocalFlinkCluster cluster, String job) throws IOException {
        return cluster.rest().get("/jobs/" + job + "/checkpoints");
    }

    /**
     * popflow's metrics of a running job over the REST API, by metric name (the last part of Flink's
     * metric id, e.g. {@code 0.agent-trainer.agentStepsPerSecond}).
     *
     * @return name to the values its subtasks report, one per subtask
     */
    static java.util.Map<String, List<Double>> metrics(
            LocalFlinkCluster cluster, String job, java.util.Set<String> names) throws IOException {
        java.util.Map<String, List<Double>> values = new java.util.TreeMap<>();
        for (JsonNode vertex : cluster.rest().get("/jobs/" + job).path("vertices")) {
            String base = "/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode m : cluster.rest().get(base)) {
                String id = m.path("id").asText();
                if (names.contains(id.substring(id.lastIndexOf('.') + 1))) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            for (JsonNode m : cluster.rest().get(base + "?get=" + String.join(",", ids))) {
                String id = m.path("id").asText();
                values.computeIfAbsent(id.substring(id.lastIndexOf('.') + 1), k -> new ArrayList<>())
                        .add(Double.parseDouble(m.path("value").asText()));
            }
        }
        return values;
    }

    /** summary.json without its wall-clock figures (time and speed). */
    static JsonNode summaryWithoutTimes(Path run) throws IOException {
        ObjectNode summary =
                (ObjectNode) JSON.readTree(run.resolve(RunSummary.FILE).toFile());
        summary.remove(List.of("wall_time_seconds", "agent_steps_per_second"));
        return summary;
    }

    /** Waits for {@code p} to end and returns its exit code; a process still running after {@code timeout} fails. */
    static int awaitExit(Process p, Duration timeout, Path log) throws Exception {
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("still running after " + timeout + ": " + Files.readString(log));
        }
        return p.exitValue();
    }
}
