package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C at any moment of a run, from right after launch to its end (before submission, while the
 * cluster starts, mid-generation, during the savepoint, twice in a row), never leaves a folder that
 * neither a resume nor the same command accepts: after each stop, either {@code --resume} or the
 * same command again ends the run bit-identical to one that was never stopped.
 *
 * <p>The moments are spread over the measured length of an uninterrupted launch of the same
 * command, so they cover its phases on a slow machine as on a fast one.
 */
class StopAtAnyMomentITCase {
    private static final int MOMENTS = 20;
    private static final int POPULATION = 8;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @RegisterExtension
    final PopflowProcesses processes = new PopflowProcesses();

    private String[] command(Path output) {
        return new String[] {
            "train",
            "--preset",
            "quadratic",
            "--generations",
            "40",
            "--set",
            "population=" + POPULATION,
            "--set",
            "perturbation_interval=100",
            "--checkpoint-interval",
            "300ms",
            "--quiet",
            "--output",
            output.toString()
        };
    }

    @Test
    void aStopAtAnyMomentLeavesARunThatEndsAsIfUninterrupted() throws Exception {
        // the uninterrupted run, and how long a launch of it takes from start to exit
        Path clean = dir.resolve("clean");
        long t0 = System.nanoTime();
        PopflowProcess reference = start("reference", command(clean));
        assertThat(reference.awaitExit(Duration.ofMinutes(3)))
                .as("reference run; stderr: %s", reference.stderr())
                .isZero();
        long launch = System.nanoTime() - t0;

        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < MOMENTS; i++) {
            Path run = dir.resolve("run-" + i);
            // spread over the launch; a stop that comes too late must change nothing either
            long delay = launch * i / (MOMENTS - 1);
            boolean twice = i % 4 == 3;
            PopflowProcess p = start("run-" + i, command(run));
            if (i == MOMENTS - 1) {
                // the last moment is the run's very end, whatever the machine's load: its summary is written
                awaitSummaryOrExit(p);
            } else {
                Thread.sleep(delay / 1_000_000);
            }
            if (p.isAlive()) {
                p.signal("INT");
                if (twice) {
                    Thread.sleep(150);
                    if (p.isAlive()) {
                        p.signal("INT");
                    }
                }
            }
            Integer code = p.awaitExit(EXIT_WITHIN);
            String at = String.format(
                    "moment %d (%.1f s%s): exit %s%nstdout: %s%nstderr: %s",
                    i, delay / 1e9, twice ? ", twice" : "", code, p.stdout(), p.stderr());
            assertThat(code).as(at).isIn(0, 1, 130);
            outcomes.merge(goOn(run, at), 1, Integer::sum);
            JobRuns.assertContiguous(run, 40, POPULATION);
            assertThat(JobRuns.finalsWithoutResends(run))
                    .as(at)
                    .isEqualTo(JobRuns.finalsWithoutResends(clean))
                    .hasSize(POPULATION);
            assertThat(Files.readAllLines(run.resolve(JobSinks.GENERATIONS_FILE)))
                    .as(at)
                    .isEqualTo(Files.readAllLines(clean.resolve(JobSinks.GENERATIONS_FILE)));
            assertThat(JobRuns.reportsWithoutLatency(run)).as(at).isEqualTo(JobRuns.reportsWithoutLatency(clean));
        }
        System.out.println("StopAtAnyMomentITCase: launch " + launch / 1_000_000 + " ms; outcomes " + outcomes);
        // the moments did reach the three ways a stop can end
        assertThat(outcomes).containsKeys("resumed", "started again", "finished before the stop");
    }

    /** Ends the stopped run in {@code run} the way a user would, and says which way it took. */
    private String goOn(Path run, String at) throws Exception {
        Path summary = run.resolve(RunSummary.FILE);
        if (Files.exists(summary) && !JSON.readTree(summary.toFile()).has("stopped")) {
            return "finished before the stop";
        }
        Path finals = run.resolve(JobSinks.FINAL_AGENTS_FILE);
        // a snapshot to go on from, or a job that ended before its summary was written (resume writes it)
        if (Files.exists(summary) || hasSnapshot(run) || Files.exists(finals) && Files.size(finals) > 0) {
            assertThat(JobRuns.popflow("train", "--resume", run.toString(), "--quiet"))
                    .as(at)
                    .isZero();
            return "resumed";
        }
        // stopped before any snapshot: the same command starts the run again in the same folder
        PopflowProcess again = start(run.getFileName() + "-again", command(run));
        assertThat(again.awaitExit(Duration.ofMinutes(3)))
                .as("%s%nagain: %s %s", at, again.stdout(), again.stderr())
                .isZero();
        return "started again";
    }

    private static void awaitSummaryOrExit(PopflowProcess p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        // the line that follows the summary's writing: a signal then finds it whole
        while (p.isAlive() && !p.stdout().contains("summary: ") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static boolean hasSnapshot(Path run) throws Exception {
        if (!Files.exists(run)) {
            return false; // stopped before the folder was made
        }
        try (var files = Files.walk(run)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("_metadata"));
        }
    }

    private PopflowProcess start(String name, String... args) throws Exception {
        return processes.logTo(dir.resolve("logs")).start(name, args);
    }
}
