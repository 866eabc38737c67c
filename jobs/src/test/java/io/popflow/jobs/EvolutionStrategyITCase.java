package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.loop.PlainEsLoop;
import java.nio.file.Path;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evolution strategies on the running job: the job's result is the plain loop's bit for bit (so the
 * plain loop's comparisons with pycma are the job's), whatever the parallelism, and a task failure
 * mid-run restored from a checkpoint ends with the same final distribution and the same reports.
 */
class EvolutionStrategyITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    /** CMA-ES on the 10-D sphere from 0.5 with σ₀ = 0.5, as the pycma comparison; generations of a few ms. */
    static PopulationConfig cmaSphere(int parallelism, int generations) {
        return config(
                "task=landscape",
                "landscape.function=sphere",
                "landscape.dimension=10",
                "population=10",
                "generations=" + generations,
                "strategy.name=cma_es",
                "strategy.sigma=0.5",
                "strategy.initial_mean=0.5",
                "parallelism=" + parallelism,
                "checkpoint_interval=10ms");
    }

    static PopulationConfig config(String... options) {
        ObjectNode tree = ConfigLoader.set(JsonNodeFactory.instance.objectNode(), "output=unused");
        for (String option : options) {
            tree = ConfigLoader.set(tree, option);
        }
        return ConfigLoader.parse(tree).population();
    }

    private static String meanDigest(PlainEsLoop.Result loop) {
        return AgentLifecycle.sha256(loop.finalMean());
    }

    @Test
    void theJobIsThePlainLoopBitForBitAtAnyParallelism(@InjectMiniCluster MiniCluster cluster, @TempDir Path dir)
            throws Exception {
        PopulationConfig one = cmaSphere(1, 40);
        PopulationConfig two = cmaSphere(2, 40);
        PlainEsLoop.Result loop = new PlainEsLoop(one).run();
        JobRuns.Outputs a = runOn(cluster, one, dir.resolve("p1"));
        JobRuns.Outputs b = runOn(cluster, two, dir.resolve("p2"));
        for (JobRuns.Outputs out : new JobRuns.Outputs[] {a, b}) {
            assertThat(out.finals())
                    .hasSize(10)
                    .allMatch(f -> f.get("params_sha256").asText().equals(meanDigest(loop)));
            assertThat(out.reports()).hasSize(10 * 40);
            for (JsonNode r : out.reports()) {
                double expected = loop.reports().stream()
                        .filter(x -> x.agent() == r.get("agent").asInt()
                                && x.generation() == r.get("generation").asInt())
                        .findFirst()
                        .orElseThrow()
                        .rawFitness();
                assertThat(r.get("raw_fitness").asDouble()).isEqualTo(expected);
            }
        }
        assertThat(b.reportsInOrder()).isEqualTo(a.reportsInOrder());
        // every member acted on one directive per generation, the last one taking the mean
        assertThat(b.finals()).allMatch(f -> f.get("directives_applied").asInt() == 40);
    }

    /**
     * Members that train 5 SGD steps toward the landscape's h = 0 before they are evaluated, with
     * Lamarckian inheritance: the trained weights go to the slow operator with the reports and the
     * new strategy state comes back to every subtask; still the loop's result bit for bit.
     */
    @Test
    void lamarckianInheritanceIsThePlainLoopBitForBit(@InjectMiniCluster MiniCluster cluster, @TempDir Path dir)
            throws Exception {
        PopulationConfig config = config(
                "task=landscape",
                "landscape.function=sphere",
                "landscape.dimension=10",
                "population=10",
                "generations=30",
                "strategy.name=cma_es",
                "strategy.sigma=0.5",
                "strategy.initial_mean=0.5",
                "strategy.inner_steps=5",
                "strategy.inheritance=lamarckian",
                "hyperparameters.lr=0.1",
                "parallelism=2");
        PlainEsLoop.Result loop = new PlainEsLoop(config).run();
        JobRuns.Outputs out = runOn(cluster, config, dir.resolve("lamarckian"));
        assertThat(out.finals())
                .hasSize(10)
                .allMatch(f -> f.get("params_sha256").asText().equals(meanDigest(loop)));
        // the inner steps shrink θ toward 0: trained members are better than drawn ones, and the mean follows them
        double baldwinian = -new PlainEsLoop(cmaSphere(1, 30))
                .run().reports().stream()
                        .filter(r -> r.generation() == 29)
                        .mapToDouble(r -> r.rawFitness())
                        .max()
                        .orElseThrow();
        double lamarckian = 0;
        for (int i = 0; i < loop.finalMean().length; i++) {
            lamarckian += (double) loop.finalMean()[i] * loop.finalMean()[i];
        }
        assertThat(lamarckian).isLessThan(baldwinian);
    }

    @Test
    void aTaskFailureMidRunEndsWithTheSameDistribution(@InjectMiniCluster MiniCluster cluster, @TempDir Path dir)
            throws Exception {
        // 400 generations of some 5 ms against checkpoints every 10 ms: with 120 generations and
        // checkpoints every 100 ms the failure once came before any checkpoint had completed
        PopulationConfig config = cmaSphere(2, 400);
        JobRuns.Outputs clean = runOn(cluster, config, dir.resolve("clean"));
        JobRuns.FailOnce.INJECTED.set(0);
        TestStreamEnvironment.setAsContext(cluster, config.parallelism());
        JobRuns.Outputs failed;
        try {
            failed = JobRuns.runWithRestarts(config, dir.resolve("failed"), new JobRuns.FailOnce(301));
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
        assertThat(JobRuns.FailOnce.INJECTED.get()).isEqualTo(1);
        assertThat(cluster.getArchivedExecutionGraph(failed.jobId())
                        .get()
                        .getCheckpointStatsSnapshot()
                        .getLatestRestoredCheckpoint())
                .as("restored from a checkpoint")
                .isNotNull();
        assertThat(JobRuns.finalPopulation(failed))
                .isEqualTo(JobRuns.finalPopulation(clean))
                .hasSize(10);
        assertThat(failed.reportsInOrder()).isEqualTo(clean.reportsInOrder());
        assertThat(failed.summaries()).isEqualTo(clean.summaries());
        assertThat(failed.finals()).allMatch(f -> f.get("directives_applied").asInt() == 400);
    }

    private static JobRuns.Outputs runOn(MiniCluster cluster, PopulationConfig config, Path folder) throws Exception {
        TestStreamEnvironment.setAsContext(cluster, config.parallelism());
        try {
            return JobRuns.run(config, folder);
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
    }
}
