package io.popflow.jobs.theory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentReport;
import io.popflow.agent.Learner;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.PbtToyTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Item 6: does selecting on an estimate of the effective fitness beat selecting on the last value?
 * Ray-style PBT (truncation 0.25, explore) on the bilevel quadratic and on the PBT toy, both with
 * Langevin agents at a fixed temperature, so that one end-of-window value stays a noisy sample of
 * F(h) at every h. Equal compute: same population, fast window and generations. Progress is the
 * population's median true effective fitness F(h) (closed form; the median, because PBT's
 * resampling throws a few agents to random h every generation); a run "reaches" when it closes 95%
 * of the gap between its first generation and the best F in the domain. The ratio is agent-steps
 * to reach with an estimator over agent-steps with {@code last}, per seed; a run that never
 * reaches counts as one generation past the budget.
 */
final class EstimatorCheck {
    private static final int POPULATION = 24;
    private static final int GENERATIONS = 30;
    private static final int INTERVAL = 100;
    private static final double REACH = 0.95;
    private static final FitnessEstimator[] CHALLENGERS = {FitnessEstimator.WINDOW, FitnessEstimator.EMA,
        FitnessEstimator.POPULATION, FitnessEstimator.CLOSED_FORM};

    private EstimatorCheck() {}

    static List<CheckResult> run(EmbeddedCluster runner, TheorySize size) throws Exception {
        List<CheckResult> results = new ArrayList<>();
        results.addAll(compare(runner, size, "quadratic", EstimatorCheck::quadratic));
        results.addAll(compare(runner, size, "pbt-toy", EstimatorCheck::pbtToy));
        return results;
    }

    private interface Setup {
        PopulationConfig config(long seed, FitnessEstimate fitness);
    }

    private static List<CheckResult> compare(EmbeddedCluster runner, TheorySize size, String taskName, Setup setup)
            throws Exception {
        int seeds = size.estimatorSeeds();
        long[] lastSteps = new long[seeds];
        Map<FitnessEstimator, double[]> ratios = new LinkedHashMap<>();
        Map<FitnessEstimator, int[]> reached = new LinkedHashMap<>();
        for (FitnessEstimator e : CHALLENGERS) {
            ratios.put(e, new double[seeds]);
            reached.put(e, new int[1]);
        }
        int lastReached = 0;
        for (int s = 0; s < seeds; s++) {
            long seed = 100 + s;
            PopulationConfig base = setup.config(seed, FitnessEstimate.last());
            double best = bestEffectiveFitness(base);
            List<AgentReport> lastRun = runner.run(base);
            double start = medianTrueFitness(new Reports(lastRun), 0);
            double threshold = start + REACH * (best - start);
            lastSteps[s] = stepsToReach(new Reports(lastRun), threshold);
            lastReached += lastSteps[s] <= budget() ? 1 : 0;
            for (FitnessEstimator e : CHALLENGERS) {
                long steps = stepsToReach(new Reports(runner.run(setup.config(seed, FitnessEstimate.of(e)))), threshold);
                ratios.get(e)[s] = (double) steps / lastSteps[s];
                reached.get(e)[0] += steps <= budget() ? 1 : 0;
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (FitnessEstimator e : CHALLENGERS) {
            double[] r = ratios.get(e);
            double[] sorted = r.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            ArrayNode points = JsonNodeFactory.instance.arrayNode();
            for (int s = 0; s < seeds; s++) {
                ObjectNode p = points.addObject();
                p.put("seed", 100 + s);
                p.put("ratio", r[s]);
            }
            String name = String.format(Locale.ROOT, "estimators (%s): agent-steps to reach, %s / last", taskName,
                    e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            results.add(CheckResult.comparison(name, 1.0, median, median < 1, String.format(Locale.ROOT,
                    "median over %d seeds (range %.2f-%.2f); reached within %d agent-steps: %d of %d runs (last: %d);"
                            + " the estimator helps if the median is below 1",
                    seeds, sorted[0], sorted[sorted.length - 1], budget(), reached.get(e)[0], seeds, lastReached), points));
        }
        return results;
    }

    private static long budget() {
        return (long) POPULATION * GENERATIONS * INTERVAL;
    }

    private static long stepsToReach(Reports reports, double threshold) {
        for (int g = 0; g < GENERATIONS; g++) {
            if (medianTrueFitness(reports, g) >= threshold) {
                return (long) POPULATION * INTERVAL * (g + 1);
            }
        }
        return (long) POPULATION * INTERVAL * (GENERATIONS + 1);
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
        HyperparameterSpace space = new HyperparameterSpace(UpdateRule.SGLD, m,
                Map.of(Hyperparameter.LR, 0.05, Hyperparameter.TEMPERATURE, 0.05));
        return pbt(seed, task, space, fitness);
    }

    /** The surrogate weights h0, h1 of Langevin workers on the PBT toy. */
    private static PopulationConfig pbtToy(long seed, FitnessEstimate fitness) {
        TaskSpec task = new PbtToyTaskSpec(new double[] {0.9, 0.9});
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        for (Hyperparameter h : task.hyperparameters()) {
            m.put(h, new Domain.Interval(0.01, 1, Domain.Scale.LOG, false));
        }
        HyperparameterSpace space = new HyperparameterSpace(UpdateRule.SGLD, m,
                Map.of(Hyperparameter.LR, 0.05, Hyperparameter.TEMPERATURE, 0.02), task.hyperparameters());
        return pbt(seed, task, space, fitness);
    }

    private static PopulationConfig pbt(long seed, TaskSpec task, HyperparameterSpace space, FitnessEstimate fitness) {
        return TheoryConfigs.config(seed, POPULATION, GENERATIONS, INTERVAL, task, space, SelectionSettings.truncation(0.25),
                MutationSettings.pbt(0.25, new double[] {1.2, 0.8}), fitness);
    }
}
