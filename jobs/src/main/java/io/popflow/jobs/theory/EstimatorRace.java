package io.popflow.jobs.theory;

import io.popflow.agent.AgentReport;
import io.popflow.agent.Learner;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.math.Censored;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.PbtToyTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.TaskSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The race of the fitness estimators (theory check item 6 and experiment E3): Ray-style PBT
 * (truncation 0.25, explore) on the bilevel quadratic and on the PBT toy, both with Langevin agents
 * at a fixed temperature, so that one end-of-window value stays a noisy sample of F(h) at every h.
 * Equal compute: same population, fast window and generations. Progress is the population's median
 * true effective fitness F(h) (closed form; the median, because PBT's resampling throws a few agents
 * to random h every generation); a run reaches when it closes 95 % of the gap between its first
 * generation and the best F in the domain; a run that never does is censored ({@link Censored}).
 */
public final class EstimatorRace {
    public static final int POPULATION = 24;
    public static final int GENERATIONS = 30;
    public static final int INTERVAL = 100;
    private static final double REACH = 0.95;

    private EstimatorRace() {}

    /** A task of the race. */
    public enum Task {
        QUADRATIC,
        PBT_TOY;

        public PopulationConfig config(long seed, FitnessEstimate fitness) {
            return this == QUADRATIC ? quadratic(seed, fitness) : pbtToy(seed, fitness);
        }
    }

    /**
     * One run of the race.
     *
     * @param steps agent-steps until the population's median F(h) reached the target, or {@link Censored#NOT_REACHED}
     * @param finalMedianF the median F(h) of the last generation
     * @param target the F the run had to reach
     */
    public record Outcome(long steps, double finalMedianF, double target) {}

    /** Runs {@code task} with {@code fitness} and seed {@code seed}; the target is set by the same seed's run with {@code last}. */
    public static Outcome run(EmbeddedCluster runner, Task task, long seed, FitnessEstimate fitness, double target)
            throws Exception {
        Reports reports = new Reports(runner.run(task.config(seed, fitness)));
        return new Outcome(stepsToReach(reports, target), medianTrueFitness(reports, GENERATIONS - 1), target);
    }

    /** The target of {@code seed}'s runs, from its {@code last} run (which it returns too). */
    public static Outcome baseline(EmbeddedCluster runner, Task task, long seed) throws Exception {
        PopulationConfig config = task.config(seed, FitnessEstimate.last());
        Reports reports = new Reports(runner.run(config));
        double start = medianTrueFitness(reports, 0);
        double target = start + REACH * (bestEffectiveFitness(config) - start);
        return new Outcome(stepsToReach(reports, target), medianTrueFitness(reports, GENERATIONS - 1), target);
    }

    /** Agent-steps of a whole run. */
    public static long budget() {
        return (long) POPULATION * GENERATIONS * INTERVAL;
    }

    private static long stepsToReach(Reports reports, double threshold) {
        for (int g = 0; g < GENERATIONS; g++) {
            if (medianTrueFitness(reports, g) >= threshold) {
                return (long) POPULATION * INTERVAL * (g + 1);
            }
        }
        return Censored.NOT_REACHED;
    }

    private static double medianTrueFitness(Reports reports, int g) {
        double[] f = reports.values(g, AgentReport::trueFitness);
        Arrays.sort(f);
        return f.length % 2 == 1 ? f[f.length / 2] : (f[f.length / 2 - 1] + f[f.length / 2]) / 2;
    }

    /** The best closed-form F over a grid of 201 points per mutable hyperparameter's coordinate (one or two of them). */
    private static double bestEffectiveFitness(PopulationConfig config) {
        Learner learner = Learner.of(config);
        HyperparameterSpace space = config.space();
        int dims = space.size();
        int cells = dims == 1 ? 1 : 201;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 200; i++) {
            for (int j = 0; j < cells; j++) {
                double[] h = new double[dims];
                h[0] = at(space.domain(0), i);
                if (dims > 1) {
                    h[1] = at(space.domain(1), j);
                }
                best = Math.max(best, learner.closedFormFitness(space.resolve(h)));
            }
        }
        return best;
    }

    private static double at(Domain d, int step) {
        return d.fromCoordinate(d.lowerCoordinate() + (d.upperCoordinate() - d.lowerCoordinate()) * step / 200);
    }

    /**
     * Weight decay of Langevin agents on the bilevel quadratic, at a fixed temperature: the Gibbs
     * fluctuations of θ keep the end-of-window fitness noisy at every h, as minibatch noise does.
     */
    private static PopulationConfig quadratic(long seed, FitnessEstimate fitness) {
        TaskSpec task = new QuadraticTaskSpec(10, 0.5, 5, 1, 0.5);
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.WEIGHT_DECAY, new Domain.Interval(1e-3, 10, Domain.Scale.LOG, false));
        HyperparameterSpace space = new HyperparameterSpace(
                UpdateRule.SGLD, m, Map.of(Hyperparameter.LR, 0.05, Hyperparameter.TEMPERATURE, 0.05));
        return pbt(seed, task, space, fitness);
    }

    /** The surrogate weights h0, h1 of Langevin workers on the PBT toy. */
    private static PopulationConfig pbtToy(long seed, FitnessEstimate fitness) {
        TaskSpec task = new PbtToyTaskSpec(new double[] {0.9, 0.9});
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        for (Hyperparameter h : task.hyperparameters()) {
            m.put(h, new Domain.Interval(0.01, 1, Domain.Scale.LOG, false));
        }
        HyperparameterSpace space = new HyperparameterSpace(
                UpdateRule.SGLD,
                m,
                Map.of(Hyperparameter.LR, 0.05, Hyperparameter.TEMPERATURE, 0.02),
                task.hyperparameters());
        return pbt(seed, task, space, fitness);
    }

    private static PopulationConfig pbt(long seed, TaskSpec task, HyperparameterSpace space, FitnessEstimate fitness) {
        return TheoryConfigs.config(
                seed,
                POPULATION,
                GENERATIONS,
                INTERVAL,
                task,
                space,
                SelectionSettings.truncation(0.25),
                MutationSettings.pbt(0.25, new double[] {1.2, 0.8}),
                fitness);
    }
}
