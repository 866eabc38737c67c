package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user drives it: Ctrl-C (SIGINT) on a run that never ends, then {@code
 * --resume}, at another parallelism, twice, to an end. The outputs across the stops must equal an
 * uninterrupted run's record for record, and its final population bit for bit.
 */
class StopAndResumeITCase {
    /** The bound: a stopped run is gone within 10 s of Ctrl-C. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    private static final int POPULATION = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final PopflowProcesses processes = new PopflowProcesses();

    @Test
    void ctrlCStopsWithASavepointAndResumeGivesTheUninterruptedRun() throws Exception {
        Path run = dir.resolve("run");
        String[] common = {
            "--set",
            "population=" + POPULATION,
            "--set",
            "perturbation_interval=100",
            "--checkpoint-interval",
            "1s",
            "--quiet"
        };

        // 1. a run that never ends, at parallelism 2, stopped with Ctrl-C
        int first = stopAfter(
                30,
                "first",
                concat(
                        new String[] {
                            "train",
                            "--preset",
                            "quadratic",
                            "--generations",
                            "0",
                            "--parallelism",
                            "2",
                            "--output",
                            run.toString()
                        },
                        common),
                run);
        // 2. resumed at parallelism 1, stopped again
        int second = stopAfter(
                first + 30, "second", new String[] {"train", "--resume", run.toString(), "--parallelism", "1"}, run);
        assertThat(second).isGreaterThan(first);
        // 3. resumed at parallelism 2 to an end
        int generations = second + 40;
        assertThat(JobRuns.popflow(
                        "train",
                        "--resume",
                        run.toString(),
                        "--parallelism",
                        "2",
                        "--generations",
                        String.valueOf(generations),
                        "--quiet"))
                .isZero();
        JobRuns.assertContiguous(run, generations, POPULATION);

        // the same seed and configuration without a stop
        Path clean = dir.resolve("clean");
        JobRuns.assertSameAsUninterrupted(run, clean, POPULATION);
        JsonNode summary = JSON.readTree(run.resolve(RunSummary.FILE).toFile());
        assertThat(summary.has("stopped")).isFalse();
        assertThat(summary.get("params_sha256"))
                .isEqualTo(
                        JSON.readTree(clean.resolve(RunSummary.FILE).toFile()).get("params_sha256"));
    }

    /**
     * config.yaml holds the table's path absolute: a run started with a relative path in one working
     * directory is resumed from another and finds the same file (it was refused: no such file).
     */
    @Test
    void aRunWithARelativeTableFileResumesFromAnotherDirectory() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("data/diabetes/diabetes.csv"))) {
            root = root.getParent();
        }
        Files.copy(root.resolve("data/diabetes/diabetes.csv"), home.resolve("mine.csv"));
        Path run = home.resolve("run");
        PopflowProcess p = processes
                .logTo(dir.resolve("logs"))
                .startIn(
                        home,
                        "relative",
                        "train",
                        "--preset",
                        "diabetes",
                        "--set",
                        "table.file=mine.csv",
                        "--generations",
                        "0",
                        "--checkpoint-interval",
                        "1s",
                        "--quiet",
                        "--output",
                        "run");
        awaitGenerations(run, 2, p);
        p.signal("INT");
        assertThat(p.awaitExit(STOP_WITHIN)).as("stdout: %s", p.stdout()).isZero();
        assertThat(Files.readString(run.resolve("config.yaml")))
                .contains(home.resolve("mine.csv").toString());
        // the stopped run's model is its best agent's at the savepoint, and any agent of the savepoint exports
        JsonNode stopped = JSON.readTree(run.resolve(RunSummary.FILE).toFile());
        JsonNode best = JSON.readTree(run.resolve("models/best.json").toFile());
        assertThat(best.get("params_sha256").asText())
                .isEqualTo(stopped.get("params_sha256").asText());
        Path fromSavepoint = dir.resolve("agent1.onnx");
        assertThat(Popflow.run(
                        "export",
                        run.toString(),
                        "--from-savepoint",
                        stopped.get("stopped").get("savepoint").asText(),
                        "--agent",
                        "1",
                        "--output",
                        fromSavepoint.toString()))
                .isZero();
        assertThat(JSON.readTree(dir.resolve("agent1.json").toFile())
                        .get("params_sha256")
                        .asText())
                .isEqualTo(JobRuns.read(run.resolve(JobSinks.FINAL_AGENTS_FILE))
                        .get(1)
                        .get("params_sha256")
                        .asText());

        int summarised = JobRuns.read(run.resolve(JobSinks.GENERATIONS_FILE)).size();
        PopflowProcess resumed = processes.startIn(
                elsewhere,
                "resumed",
                "train",
                "--resume",
                run.toString(),
                "--generations",
                String.valueOf(summarised + 2),
                "--quiet");
        assertThat(resumed.awaitExit(Duration.ofMinutes(2)))
                .as("stdout: %s%nstderr: %s", resumed.stdout(), resumed.stderr())
                .isZero();
        assertThat(run.resolve(RunSummary.FILE)).exists();
    }

    /** A second Ctrl-C does not wait for the savepoint: the run is aborted at once. */
    @Test
    void secondCtrlCAborts() throws Exception {
        Path run = dir.resolve("aborted");
        PopflowProcess p = start(
                "abort",
                "train",
                "--preset",
                "quadratic",
                "--generations",
                "0",
                "--checkpoint-interval",
                "1s",
                "--quiet",
                "--output",
                run.toString());
        awaitGenerations(run, 5, p);
        p.signal("INT");
        p.signal("INT");
        assertThat(p.awaitExit(STOP_WITHIN))
                .as("exit code; stdout: %s", p.stdout())
                .isEqualTo(130);
        assertThat(p.stdout()).contains("popflow: aborted; outputs end at the last completed checkpoint or savepoint");
    }

    /**
     * Starts {@code args}, waits until {@code folder} holds {@code generations} generation summaries,
     * sends SIGINT and checks the stop; returns the generations the stopped run wrote.
     */
    private int stopAfter(int generations, String name, String[] args, Path folder) throws Exception {
        PopflowProcess p = start(name, args);
        awaitGenerations(folder, generations, p);
        p.signal("INT");
        Integer code = p.awaitExit(STOP_WITHIN);
        assertThat(code)
                .as("exit code of %s within %s; stdout: %s%nstderr: %s", name, STOP_WITHIN, p.stdout(), p.stderr())
                .isZero();
        String out = p.stdout();
        assertThat(out)
                .contains(
                        "popflow: stopping with a savepoint (Ctrl-C again to abort)...",
                        "popflow: stopped with a savepoint at "
                                + folder.toAbsolutePath().resolve("savepoints"),
                        "popflow: resume with: popflow train --resume " + folder);
        // Flink's start-up notices (no Kerberos tokens, no log file for a web UI) are silenced
        assertThat(p.stderr())
                .as("stderr of %s", name)
                .doesNotContain(
                        "No tokens obtained",
                        "'log.file' is not set",
                        "JobManager log files are unavailable",
                        "Failed to get job status");

        JsonNode summary = JSON.readTree(folder.resolve(RunSummary.FILE).toFile());
        assertThat(summary.get("stopped").get("savepoint").asText())
                .startsWith(folder.toAbsolutePath().resolve("savepoints").toString());
        assertThat(JobRuns.read(folder.resolve(JobSinks.FINAL_AGENTS_FILE))).hasSize(POPULATION);
        int written = JobRuns.read(folder.resolve(JobSinks.GENERATIONS_FILE)).size();
        JobRuns.assertContiguous(folder, written, POPULATION);
        return written;
    }

    private static void awaitGenerations(Path folder, int generations, PopflowProcess p) throws Exception {
        Path file = folder.resolve(JobSinks.GENERATIONS_FILE);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(file) || Files.readAllLines(file).size() < generations) {
            assertThat(p.isAlive())
                    .as("popflow still running; stderr: %s", p.stderr())
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("%d generations within 2 minutes", generations)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private PopflowProcess start(String name, String... args) throws Exception {
        return processes.logTo(dir.resolve("logs")).start(name, args);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
