package io.popflow.jobs.theory;

import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import io.popflow.theory.GaussianReplicatorOde;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Item 3: a population of N ≥ 1000 under Boltzmann selection and Gaussian mutation settles at the
 * equilibrium variance sqrt(D/a) of the reduced equation, with closed-form fitness and with the
 * window estimate over long fast windows.
 */
final class EquilibriumCheck {
    private static final int BATCHES = 4;

    private EquilibriumCheck() {}

    static List<CheckResult> run(EmbeddedCluster runner, TheorySize size) throws Exception {
        List<CheckResult> results = new ArrayList<>();
        results.add(measure(runner, size, FitnessEstimator.CLOSED_FORM, 1));
        results.add(measure(runner, size, FitnessEstimator.WINDOW, 100));
        return results;
    }

    private static CheckResult measure(
            EmbeddedCluster runner, TheorySize size, FitnessEstimator estimator, int interval) throws Exception {
        int n = size.equilibriumAgents();
        int generations = size.equilibriumGenerations();
        int burnIn = generations / 3;
        double alpha = TheoryConfigs.STRENGTH;
        double d = TheoryConfigs.DIFFUSION;
        List<Double> batchMeans = new ArrayList<>();
        double sum = 0;
        int count = 0;
        for (int seed = 1; seed <= size.equilibriumSeeds(); seed++) {
            PopulationConfig config = TheoryConfigs.sphere(
                    seed,
                    n,
                    generations,
                    interval,
                    0,
                    TheoryConfigs.boltzmann(alpha),
                    TheoryConfigs.gaussian(d, alpha),
                    FitnessEstimate.of(estimator));
            Reports reports = new Reports(runner.run(config));
            int perBatch = (generations - burnIn) / BATCHES;
            for (int b = 0; b < BATCHES; b++) {
                double batch = 0;
                for (int g = burnIn + b * perBatch; g < burnIn + (b + 1) * perBatch; g++) {
                    double v = Reports.variance(reports.h0(g));
                    batch += v;
                    sum += v;
                    count++;
                }
                batchMeans.add(batch / perBatch);
            }
        }
        double measured = sum / count;
        double[] means = batchMeans.stream().mapToDouble(Double::doubleValue).toArray();
        double se = Reports.sd(means) / Math.sqrt(means.length);
        double expected = GaussianReplicatorOde.equilibriumVariance(TheoryConfigs.SHARPNESS, d);
        double discrete = GaussianReplicatorOde.discreteEquilibriumVariance(TheoryConfigs.SHARPNESS, d, alpha);
        return CheckResult.within(
                String.format(
                        Locale.ROOT,
                        "equilibrium variance sqrt(D/a), N=%d, %s fitness",
                        n,
                        estimator.name().toLowerCase(Locale.ROOT)),
                expected,
                measured,
                4 * se,
                String.format(
                        Locale.ROOT,
                        "4 standard errors from %d batch means of the per-generation variance (generations %d-%d, %d seeds,"
                                + " fast window %d); the discrete map's own equilibrium is %.5f, genetic drift lowers it by ~V/(2αaVN)",
                        means.length,
                        burnIn,
                        generations - 1,
                        size.equilibriumSeeds(),
                        interval,
                        discrete));
    }
}
