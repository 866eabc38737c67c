package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.cli.Popflow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
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
        assertThat(popflow("train", "--resume", resumed.toString(), "--generations", GENERATIONS, "--quiet")).isZero();
        Path clean = dir.resolve("clean");
        assertThat(popflow("train", "--config", resumed.resolve("config.yaml").toString(), "--output", clean.toString(),
                "--quiet")).isZero();

        assertThat(finals(resumed)).hasSize(4).isEqualTo(finals(clean));
        assertThat(JobRuns.read(resumed.resolve(JobSinks.GENERATIONS_FILE))).hasSize(Integer.parseInt(GENERATIONS));
        assertThat(reports(resumed)).isEqualTo(reports(clean));
    }

    /** The heap's savepoint restores into RocksDB (canonical format), and both backends give one population. */
    @Test
    void rocksDbGivesTheHeapBackendsPopulation() throws Exception {
        Path resumed = JobRuns.copyOfGolden("run-format-1", dir.resolve("rocks-resumed"));
        assertThat(popflow("train", "--resume", resumed.toString(), "--generations", GENERATIONS, "--set",
                "state_backend=rocksdb", "--quiet")).isZero();
        Path heap = dir.resolve("heap");
        Path rocks = dir.resolve("rocks");
        String config = resumed.resolve("config.yaml").toString();
        assertThat(popflow("train", "--config", config, "--output", heap.toString(), "--set", "state_backend=hashmap",
                "--quiet")).isZero();
        assertThat(popflow("train", "--config", config, "--output", rocks.toString(), "--set", "state_backend=rocksdb",
                "--checkpoint-interval", "200ms", "--quiet")).isZero();

        assertThat(finals(rocks)).hasSize(4).isEqualTo(finals(heap));
        assertThat(finals(resumed)).isEqualTo(finals(heap));
        assertThat(reports(rocks)).isEqualTo(reports(heap));
    }

    private static List<String> finals(Path folder) throws IOException {
        return JobRuns.texts(JobRuns.read(folder.resolve(JobSinks.FINAL_AGENTS_FILE)),
                Comparator.comparingInt(r -> r.get("agent").asInt()), "resent_ignored");
    }

    private static List<String> reports(Path folder) throws IOException {
        return JobRuns.texts(JobRuns.read(folder.resolve(JobSinks.REPORTS_FILE)), JobRuns.BY_AGENT_AND_GENERATION,
                "decision_latency_ms");
    }

    private static int popflow(String... args) {
        StringWriter err = new StringWriter();
        int code = Popflow.run(new PrintWriter(err, true), args);
        assertThat(err.toString()).isEmpty();
        return code;
    }
}
