package io.popflow.jobs.theory;

import io.popflow.agent.AgentReport;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.QuadraticTaskSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Item 1: Langevin agents in the pipeline, no selection, on L(θ) = ½λ|θ|² in d = 10 dimensions.
 * Each report's training loss is the mean loss over its generation's steps; after a burn-in
 * generation these are draws of E[L], and E[L] = ½λ d Var gives the per-coordinate variance.
 */
final class LangevinCheck {
    private static final int D = 10;
    private static final double LAMBDA = 3;
    private static final double BETA = 2;

    private LangevinCheck() {}

    static List<CheckResult> run(EmbeddedCluster runner, TheorySize size) throws Exception {
        Moments discrete = measure(runner, size.langevinAgents(), 0.1, 100, 12);
        double variance = 2 * discrete.meanLoss / (LAMBDA * D);
        double varianceSe = 2 * discrete.standardError / (LAMBDA * D);
        double expectedVariance = 1 / (BETA * LAMBDA * (1 - 0.1 * LAMBDA / 2));
        Moments continuous = measure(runner, size.langevinAgents(), 0.002, 1000, 6);
        return List.of(
                CheckResult.within(
                        "Langevin: variance per coordinate, 1/(βλ(1−ηλ/2)) (λ=3, β=2, η=0.1)",
                        expectedVariance,
                        variance,
                        4 * varianceSe,
                        String.format(
                                Locale.ROOT,
                                "4 standard errors of the mean over %d reports; the continuous 1/(βλ) = %.6f is ruled out",
                                discrete.reports,
                                1 / (BETA * LAMBDA))),
                CheckResult.within(
                        "Langevin: E[L] = d/(2β) in the continuous limit (η=0.002)",
                        D / (2 * BETA),
                        continuous.meanLoss,
                        4 * continuous.standardError,
                        String.format(
                                Locale.ROOT,
                                "4 standard errors over %d reports; the step's own correction 1/(1−ηλ/2) = +%.2f%% is below them",
                                continuous.reports,
                                100 * (1 / (1 - 0.002 * LAMBDA / 2) - 1))));
    }

    private record Moments(double meanLoss, double standardError, int reports) {}

    private static Moments measure(EmbeddedCluster runner, int agents, double lr, int interval, int generations)
            throws Exception {
        QuadraticTaskSpec task = new QuadraticTaskSpec(D, LAMBDA, LAMBDA, 0, 0);
        HyperparameterSpace space = new HyperparameterSpace(
                UpdateRule.SGLD, Map.of(), Map.of(Hyperparameter.LR, lr, Hyperparameter.TEMPERATURE, 1 / BETA));
        PopulationConfig config = TheoryConfigs.config(
                11,
                agents,
                generations,
                interval,
                task,
                space,
                new SelectionSettings(SelectionSettings.Rule.NONE, 0.25, 1, 1),
                TheoryConfigs.none(),
                FitnessEstimate.last());
        double[] losses = runner.run(config).stream()
                .filter(r -> r.generation() >= 1)
                .mapToDouble(AgentReport::trainLoss)
                .toArray();
        return new Moments(Reports.mean(losses), Reports.sd(losses) / Math.sqrt(losses.length), losses.length);
    }
}
