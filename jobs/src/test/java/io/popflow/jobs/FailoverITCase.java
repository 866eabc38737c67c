package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.GenerationSummary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a digits population mid-run (a task failure after checkpoints have completed), lets Flink
 * restore it from the latest checkpoint, and compares with an uninterrupted run of the same seed.
 */
class FailoverITCase {
    private static final int FAIL_AT_GENERATION = 3;
    private static final AtomicInteger INJECTED = new AtomicInteger();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    static Path dir;

    private static final PopulationConfig CONFIG = JobRuns.config("digits", "population=8", "generations=7",
            "perturbation_interval=100", "parallelism=2", "checkpoint_interval=100ms");
    private static JobRuns.Outputs clean;
    private static JobRuns.Outputs failed;

    @BeforeAll
    static void runTwice(@InjectMiniCluster MiniCluster cluster) throws Exception {
        // the extension makes its cluster the jobs' environment per test; these runs are shared by the tests
        TestStreamEnvironment.setAsContext(cluster, CONFIG.parallelism());
        try {
            clean = JobRuns.run(CONFIG, dir.resolve("clean"));
            INJECTED.set(0);
            failed = JobRuns.run(CONFIG, dir.resolve("failed"), new FailOnce(FAIL_AT_GENERATION));
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }

        // the failure happened, and the job came back from a checkpoint taken before it
        assertThat(INJECTED.get()).isEqualTo(1);
        ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(failed.jobId()).get();
        CheckpointStatsSnapshot checkpoints = graph.getCheckpointStatsSnapshot();
        assertThat(checkpoints.getLatestRestoredCheckpoint()).as("restored from a checkpoint").isNotNull();
        assertThat(clean.summaries()).hasSize(CONFIG.generations());
    }

    @Test
    void finalPopulationIsIdenticalToAnUninterruptedRun() {
        // every agent's θ bytes (SHA-256) and h
        assertThat(digestsAndH(failed)).isEqualTo(digestsAndH(clean)).hasSize(CONFIG.population());
        // every output record exactly once, identical to the uninterrupted run
        assertThat(failed.reportsInOrder()).isEqualTo(clean.reportsInOrder());
        assertThat(failed.summaries()).isEqualTo(clean.summaries());
        assertThat(failed.lineage()).isEqualTo(clean.lineage());
    }

    /**
     * Each directive and each weight copy was acted on exactly once: one directive per agent and
     * generation, one copy per lineage event into its recipient; the copies resent after the restore
     * were recognised and ignored.
     */
    @Test
    void noFeedbackRecordIsLostOrDuplicatedAcrossTheRestore() {
        Map<Integer, Integer> copies = new HashMap<>();
        failed.lineage().forEach(e -> copies.merge(e.get("recipient").asInt(), 1, Integer::sum));
        assertThat(copies.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
        int resentIgnored = 0;
        for (JsonNode f : failed.finals()) {
            int agent = f.get("agent").asInt();
            assertThat(f.get("directives_applied").asInt()).as("directives of agent %d", agent).isEqualTo(CONFIG.generations());
            assertThat(f.get("transfers_applied").asInt()).as("copies into agent %d", agent)
                    .isEqualTo(copies.getOrDefault(agent, 0));
            resentIgnored += f.get("resent_ignored").asInt();
        }
        assertThat(resentIgnored).as("the latest decision was resent after the restore").isPositive();
        assertThat(clean.finals()).allMatch(f -> f.get("resent_ignored").asInt() == 0);
    }

    private static Map<Integer, String> digestsAndH(JobRuns.Outputs out) {
        Map<Integer, String> m = new HashMap<>();
        for (JsonNode f : out.finals()) {
            m.put(f.get("agent").asInt(), f.get("params_sha256").asText() + " " + f.get("hyperparameters"));
        }
        return m;
    }

    /** Throws once, in the first attempt, when the summary of a given generation arrives. */
    static final class FailOnce implements Sink<GenerationSummary> {
        private final int generation;

        FailOnce(int generation) {
            this.generation = generation;
        }

        @Override
        public SinkWriter<GenerationSummary> createWriter(WriterInitContext context) {
            int attempt = context.getTaskInfo().getAttemptNumber();
            return new SinkWriter<>() {
                @Override
                public void write(GenerationSummary s, Context ctx) {
                    if (attempt == 0 && s.generation() == generation) {
                        INJECTED.incrementAndGet();
                        throw new IllegalStateException("injected failure at generation " + generation);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
