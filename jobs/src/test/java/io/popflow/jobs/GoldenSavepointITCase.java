package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder stopped by an earlier popflow (its savepoint and outputs, committed under {@code
 * src/test/resources/golden/} by {@code make-golden-savepoint.sh}) resumes with today's code, on the
 * heap and on RocksDB, to the population an uninterrupted run of its configuration reaches: a
 * change that breaks old savepoints fails here.
 */
class GoldenSavepointITCase {
    /** The golden run stopped after 108 generations; the resumed run goes 20 further. */
    private static final String GENERATIONS = "128";

    private static final int GOLDEN_GENERATIONS = 108;

    @TempDir
    Path dir;

    @Test
    void format1SavepointResumesToTheUninterruptedPopulation() throws Exception {
        Path resumed = JobRuns.copyOfGolden("run-format-1", dir.resolve("resumed"));
        assertThat(JobRuns.popflow("train", "--resume", resumed.toString(), "--generations", GENERATIONS, "--quiet"))
                .isZero();
        Path clean = dir.resolve("clean");
        assertThat(JobRuns.popflow(
                        "train",
                        "--config",
                        resumed.resolve("config.yaml").toString(),
                        "--output",
                        clean.toString(),
                        "--quiet"))
                .isZero();

        assertThat(JobRuns.finalsWithoutResends(resumed)).hasSize(4).isEqualTo(JobRuns.finalsWithoutResends(clean));
        assertThat(JobRuns.read(resumed.resolve(JobSinks.GENERATIONS_FILE))).hasSize(Integer.parseInt(GENERATIONS));
        JobRuns.assertReportsMatchAfterGolden(resumed, clean, GOLDEN_GENERATIONS);
    }

    /** The heap's savepoint restores into RocksDB (canonical format), and both backends give one population. */
    @Test
    void rocksDbGivesTheHeapBackendsPopulation() throws Exception {
        Path resumed = JobRuns.copyOfGolden("run-format-1", dir.resolve("rocks-resumed"));
        assertThat(JobRuns.popflow(
                        "train",
                        "--resume",
                        resumed.toString(),
                        "--generations",
                        GENERATIONS,
                        "--set",
                        "state_backend=rocksdb",
                        "--quiet"))
                .isZero();
        Path heap = dir.resolve("heap");
        Path rocks = dir.resolve("rocks");
        String config = resumed.resolve("config.yaml").toString();
        assertThat(JobRuns.popflow(
                        "train",
                        "--config",
                        config,
                        "--output",
                        heap.toString(),
                        "--set",
                        "state_backend=hashmap",
                        "--quiet"))
                .isZero();
        assertThat(JobRuns.popflow(
                        "train",
                        "--config",
                        config,
                        "--output",
                        rocks.toString(),
                        "--set",
                        "state_backend=rocksdb",
                        "--checkpoint-interval",
                        "200ms",
                        "--quiet"))
                .isZero();

        assertThat(JobRuns.finalsWithoutResends(rocks)).hasSize(4).isEqualTo(JobRuns.finalsWithoutResends(heap));
        assertThat(JobRuns.finalsWithoutResends(resumed)).isEqualTo(JobRuns.finalsWithoutResends(heap));
        assertThat(JobRuns.reportsWithoutLatency(rocks)).isEqualTo(JobRuns.reportsWithoutLatency(heap));
    }

    /**
     * The same command run again by a supervisor (Kubernetes): {@code --resume-if-present} resumes the
     * run its --output holds, and refuses one of another configuration.
     */
    @Test
    void resumeIfPresentContinuesTheRunInItsOutputFolder() throws Exception {
        Path run = JobRuns.copyOfGolden("run-format-1", dir.resolve("supervised"));
        Path config = Files.copy(run.resolve("config.yaml"), dir.resolve("supervised.yaml"));
        java.io.StringWriter err = new java.io.StringWriter();
        int refused = io.popflow.cli.Popflow.run(
                new java.io.PrintWriter(err, true),
                "train",
                "--config",
                config.toString(),
                "--output",
                run.toString(),
                "--resume-if-present",
                "--seed",
                "8",
                "--generations",
                GENERATIONS,
                "--quiet");
        assertThat(refused).isEqualTo(2);
        assertThat(err.toString()).contains("'seed' cannot change");

        assertThat(JobRuns.popflow(
                        "train",
                        "--config",
                        config.toString(),
                        "--output",
                        run.toString(),
                        "--resume-if-present",
                        "--generations",
                        GENERATIONS,
                        "--quiet"))
                .isZero();
        Path clean = dir.resolve("supervised-clean");
        assertThat(JobRuns.popflow(
                        "train",
                        "--config",
                        config.toString(),
                        "--output",
                        clean.toString(),
                        "--quiet",
                        "--generations",
                        GENERATIONS))
                .isZero();
        assertThat(JobRuns.finalsWithoutResends(run)).hasSize(4).isEqualTo(JobRuns.finalsWithoutResends(clean));
        JobRuns.assertReportsMatchAfterGolden(run, clean, GOLDEN_GENERATIONS);
    }
}
