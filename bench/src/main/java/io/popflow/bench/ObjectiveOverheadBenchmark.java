package io.popflow.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.task.QuadraticTaskSpec;

/**
 * The cost of user code: the {@code quadratic} preset's population on the job, once with the
 * built-in task and once with the same quadratic as a user's {@link QuadraticObjective} ({@code
 * task: custom_objective}), in alternating runs on the same cluster. Both take the same steps to the
 * same bits ({@code QuadraticObjectiveTest}), so the ratio of their agent-steps/s is what going
 * through popflow-api costs.
 */
final class ObjectiveOverheadBenchmark {
    static final double TARGET = 0.9;

    private ObjectiveOverheadBenchmark() {}

    static BenchFigure run(EmbeddedCluster cluster, boolean quick) throws Exception {
        ObjectNode tree = ConfigLoader.set(
                ConfigLoader.preset("quadratic"),
                "output=unused",
                "population=32",
                "generations=" + (quick ? 3 : 8),
                "perturbation_interval=" + (quick ? 5000 : 100_000),
                "parallelism=" + PipelineBenchmarks.THREADS,
                "checkpoint_interval=5s");
        PopulationConfig builtIn = ConfigLoader.parse(tree).population();
        PopulationConfig wrapped = ConfigLoader.parse(QuadraticObjectiveOptions.replacingTheTask(tree))
                .population();
        PairedThroughput runs = PairedThroughput.measure(
                builtIn,
                () -> cluster.submit(builtIn).await().generationEnds(),
                wrapped,
                () -> cluster.submit(wrapped).await().generationEnds(),
                quick ? 1 : 2,
                quick ? 1 : 7);
        double ratio = runs.ratio();
        ObjectNode details = runs.details("built_in", "objective");
        details.set("machine", Machine.describe());
        details.put(
                "setup",
                "quadratic preset (d = " + ((QuadraticTaskSpec) builtIn.task()).dimension() + ", SGLD), "
                        + builtIn.population()
                        + " agents, " + builtIn.perturbationInterval() + " steps per generation, "
                        + builtIn.generations() + " generations, parallelism " + PipelineBenchmarks.THREADS
                        + "; the built-in task against " + QuadraticObjective.class.getSimpleName()
                        + " (task: custom_objective) in alternating runs; steady state (generations 1 to last)");
        return new BenchFigure(
                "custom Objective agent-steps/s / built-in task agent-steps/s (quadratic)",
                ratio,
                "ratio",
                ">= " + TARGET,
                ratio >= TARGET,
                details);
    }
}
