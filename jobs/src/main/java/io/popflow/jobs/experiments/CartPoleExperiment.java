package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentReport;
import io.popflow.agent.GenerationReports;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.math.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The seed authors' CartPole experiment (reference/cartpole.md): the {@code cartpole-pbt} preset
 * with fitness on the last k episodes, for each k and seed, against the same population with no
 * selection and no mutation (independent agents: the same agent-steps, no population update).
 */
public final class CartPoleExperiment {
    /** The two arms: the authors' PBT, and the population left alone. */
    public enum Arm {
        PBT,
        NONE
    }

    /**
     * One run's per-generation means: of the fitness selection saw, and of each agent's mean return
     * of the episodes it finished in the generation.
     */
    public record Run(
            int k, long seed, Arm arm, double[] meanFitness, double[] meanReturn, long agentSteps, double seconds) {}

    private CartPoleExperiment() {}

    /** The run of {@code arm} with window {@code k}, seed {@code seed} and {@code population} agents. */
    public static PopulationConfig config(int k, long seed, Arm arm, int population, Path output) {
        ObjectNode tree = ConfigLoader.set(
                ConfigLoader.preset("cartpole-pbt"),
                "population=" + population,
                "seed=" + seed,
                "returns.k=" + k,
                "output=" + output);
        if (arm == Arm.NONE) {
            tree = ConfigLoader.set(tree, "selection=none", "mutation=none");
        }
        return ConfigLoader.parse(tree).population();
    }

    /** Runs every (k, seed, arm) one after another on {@code cluster}. */
    public static List<Run> run(
            EmbeddedCluster cluster, int[] ks, int seeds, int population, Path output, Consumer<String> progress)
            throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int k : ks) {
            for (long seed = 1; seed <= seeds; seed++) {
                for (Arm arm : Arm.values()) {
                    PopulationConfig config = config(k, seed, arm, population, output);
                    long start = System.nanoTime();
                    List<AgentReport> reports = cluster.run(config);
                    Run run = summarize(k, seed, arm, config.generations(), reports, (System.nanoTime() - start) / 1e9);
                    runs.add(run);
                    progress.accept(String.format(
                            java.util.Locale.ROOT,
                            "k=%d seed=%d %-4s: last generation mean fitness %.2f, mean return %.2f (%.0f s)",
                            k,
                            seed,
                            arm.name().toLowerCase(java.util.Locale.ROOT),
                            last(run.meanFitness()),
                            last(run.meanReturn()),
                            run.seconds()));
                }
            }
        }
        return runs;
    }

    static Run summarize(int k, long seed, Arm arm, int generations, List<AgentReport> reports, double seconds) {
        Map<Integer, List<AgentReport>> byGeneration =
                reports.stream().collect(Collectors.groupingBy(AgentReport::generation));
        double[] fitness = new double[generations];
        double[] returns = new double[generations];
        long steps = 0;
        for (int g = 0; g < generations; g++) {
            GenerationReports table = GenerationReports.of(g, byGeneration.getOrDefault(g, List.of()));
            fitness[g] = Summary.of(table.table().fitness()).mean(); // diverged agents are NaN there: left out
            returns[g] = table.episodeReturnMean();
            steps = table.agentSteps();
        }
        return new Run(k, seed, arm, fitness, returns, steps, seconds);
    }

    private static double last(double[] v) {
        return v[v.length - 1];
    }
}
