package io.popflow.jobs.theory;

import io.popflow.agent.AgentReport;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import java.util.List;
import java.util.Locale;

/**
 * Item 5: the Price equation over selection steps of the running population (Boltzmann selection,
 * no mutation, closed-form fitness): E[Δz̄] = Cov(w, z)/w̄ with w = exp(αF). The realised mean of
 * the resampled population deviates from its expectation by sampling alone, with variance
 * Var_p(z)/N where p are the selection probabilities.
 */
final class PriceCheck {
    private static final double STRENGTH = 0.5;
    private static final int STEPS = 5;

    private PriceCheck() {}

    static List<CheckResult> run(EmbeddedCluster runner, TheorySize size) throws Exception {
        int n = size.equilibriumAgents();
        PopulationConfig config = TheoryConfigs.sphere(
                21,
                n,
                STEPS + 1,
                1,
                1.0,
                TheoryConfigs.boltzmann(STRENGTH),
                TheoryConfigs.none(),
                FitnessEstimate.of(FitnessEstimator.CLOSED_FORM));
        Reports reports = new Reports(runner.run(config));
        double sumMeasured = 0;
        double sumPredicted = 0;
        double sumVariance = 0;
        double firstMeasured = 0;
        double firstPredicted = 0;
        double firstSe = 0;
        for (int g = 0; g < STEPS; g++) {
            List<AgentReport> before = reports.generation(g);
            double[] z = reports.h0(g);
            double[] f = before.stream().mapToDouble(AgentReport::fitness).toArray();
            double max = java.util.Arrays.stream(f).max().orElseThrow();
            double[] w = new double[z.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.exp(STRENGTH * (f[i] - max));
            }
            double wBar = Reports.mean(w);
            double zBar = Reports.mean(z);
            double cov = 0;
            double pMean = 0;
            double pSecond = 0;
            for (int i = 0; i < w.length; i++) {
                cov += (w[i] - wBar) * (z[i] - zBar) / w.length;
                double p = w[i] / (wBar * w.length);
                pMean += p * z[i];
                pSecond += p * z[i] * z[i];
            }
            double predicted = cov / wBar;
            double measured = Reports.mean(reports.h0(g + 1)) - zBar;
            double variance = (pSecond - pMean * pMean) / n;
            sumMeasured += measured;
            sumPredicted += predicted;
            sumVariance += variance;
            if (g == 0) {
                firstMeasured = measured;
                firstPredicted = predicted;
                firstSe = Math.sqrt(variance);
            }
        }
        return List.of(
                CheckResult.within(
                        "Price: change of mean h over one selection step = Cov(w,h)/w",
                        firstPredicted,
                        firstMeasured,
                        4 * firstSe,
                        String.format(
                                Locale.ROOT,
                                "N=%d, alpha=%.1f; 4 standard errors of the resampled mean, sqrt(Var_p(h)/N)",
                                n,
                                STRENGTH)),
                CheckResult.within(
                        "Price: summed over " + STEPS + " selection steps",
                        sumPredicted,
                        sumMeasured,
                        4 * Math.sqrt(sumVariance),
                        "4 standard errors; steps are independent given the table"));
    }
}
