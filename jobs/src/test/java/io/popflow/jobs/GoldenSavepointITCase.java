package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

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

    @TempDir
    Path dir;

    @Test
    void format1SavepointResumesToTheUninterruptedPopulation() throws Exception {
        Path resumed = JobRuns.copyOfGolden("run-format-1", dir.resolve("resumed"));
        assertThat(JobRuns.popflow("train", "--resume", resumed.toString(), "--generations", GENERATIONS, "--quiet")).isZero();
        Path clean = dir.resolve("clean");
        assertThat(JobRuns.popflow("train", "--config", resumed.resolve("config.yaml").toString(), "--output", clean.toString(),
                "--quiet")).isZero();

        assertThat(JobRuns.finalsWithoutResends(resumed)).hasSize(4).isEqualTo(JobRuns.finalsWithoutResends(clean));
        assertThat(JobRuns.read(resumed.resolve(JobSinks.GENERATIONS_FILE))).hasSize(Integer.parseInt(GENERATIONS));
        assertThat(JobRuns.reportsWithoutLatency(resumed)).isEqualTo(JobRuns.reportsWithoutLatency(clean));
    }

    /** The heap's savepoint restores into RocksDB (canonical format), and both backends give one population. */
    @Test
    void rocksDbGivesTheHeapBackendsPopulation() throws Exception {
        Path resumed = JobRuns.copyOfGolden("run-format-1", dir.resolve("rocks-resumed"));
        assertThat(JobRuns.popflow("train", "--resume", resumed.toString(), "--generations", GENERATIONS, "--set",
                "state_backend=rocksdb", "--quiet")).isZero();
        Path heap = dir.resolve("heap");
        Path rocks = dir.resolve("rocks");
        String config = resumed.resolve("config.yaml").toString();
        assertThat(JobRuns.popflow("train", "--config", config, "--output", heap.toString(), "--set", "state_backend=hashmap",
                "--quiet")).isZero();
        assertThat(JobRuns.popflow("train", "--config", config, "--output", rocks.toString(), "--set", "state_backend=rocksdb",
                "--checkpoint-interval", "200ms", "--quiet")).isZero();

        assertThat(JobRuns.finalsWithoutResends(rocks)).hasSize(4).isEqualTo(JobRuns.finalsWithoutResends(heap));
        assertThat(JobRuns.finalsWithoutResends(resumed)).isEqualTo(JobRuns.finalsWithoutResends(heap));
        assertThat(JobRuns.reportsWithoutLatency(rocks)).isEqualTo(JobRuns.reportsWithoutLatency(heap));
    }
}
