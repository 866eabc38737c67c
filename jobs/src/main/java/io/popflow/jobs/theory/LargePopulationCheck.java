package io.popflow.jobs.theory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.math.LeastSquares;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import io.popflow.theory.DiscreteGenerationMap;
import io.popflow.theory.Grid;
import io.popflow.theory.Wasserstein;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Item 4: propagation of chaos. With closed-form fitness the population is exactly a finite-N
 * sample of the discrete generation map, so its W₁ distance to the map's density should fall as
 * N^{-1/2}. With the window estimate, the fast window sets how far the population is from that
 * limit: the excess W₁ should shrink as the window grows (the two-time-scale limit).
 */
final class LargePopulationCheck {
    private static final int GENERATIONS = 10;
    private static final int[] WINDOWS = {4, 16, 64};
    private static final int WINDOW_POPULATION = 1000;

    private LargePopulationCheck() {}

    static List<CheckResult> run(EmbeddedCluster runner, TheorySize size) throws Exception {
        double alpha = TheoryConfigs.STRENGTH;
        double d = TheoryConfigs.DIFFUSION;
        Grid grid = new Grid(TheoryConfigs.LO, TheoryConfigs.HI, 400);
        double v = TheoryConfigs.TEMPERATURE / (1 - TheoryConfigs.LR / 2);
        double[] fitness = grid.sample(h -> -TheoryConfigs.SHARPNESS * (h * h + v));
        double[] predicted = new DiscreteGenerationMap(grid, fitness, alpha, Math.sqrt(2 * d * alpha))
                .iterate(grid.uniform(), GENERATIONS - 1);

        ArrayNode points = JsonNodeFactory.instance.arrayNode();
        double[] logN = new double[size.populations().length];
        double[] logW = new double[size.populations().length];
        double closedFormAtWindowPopulation = Double.NaN;
        double closedFormSeAtWindowPopulation = Double.NaN;
        for (int k = 0; k < size.populations().length; k++) {
            int n = size.populations()[k];
            double[] w = new double[size.slopeSeeds()];
            for (int seed = 1; seed <= w.length; seed++) {
                w[seed - 1] = distance(runner, seed, n, 1, FitnessEstimator.CLOSED_FORM, grid, predicted);
            }
            W1Point point = new W1Point(n, w);
            point.appendTo(points);
            logN[k] = Math.log(n);
            logW[k] = Math.log(point.mean());
            if (n == WINDOW_POPULATION) {
                closedFormAtWindowPopulation = point.mean();
                closedFormSeAtWindowPopulation = point.standardError();
            }
        }
        double slope = LeastSquares.slope(logN, logW);
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.check(
                "large-N limit: slope of log W1 against log N (closed-form fitness)",
                -0.5,
                slope,
                0.15,
                Math.abs(slope + 0.5) <= 0.15,
                String.format(
                        Locale.ROOT,
                        "least squares over %d population sizes, %d seeds each, W1 to the discrete map's density after %d generations",
                        logN.length,
                        size.slopeSeeds(),
                        GENERATIONS - 1),
                points));

        if (!Double.isNaN(closedFormAtWindowPopulation)) {
            results.add(twoTimeScale(
                    runner, size, grid, predicted, closedFormAtWindowPopulation, closedFormSeAtWindowPopulation));
        }
        return results;
    }

    private static CheckResult twoTimeScale(
            EmbeddedCluster runner, TheorySize size, Grid grid, double[] predicted, double floor, double floorSe)
            throws Exception {
        ArrayNode points = JsonNodeFactory.instance.arrayNode();
        double[] excess = new double[WINDOWS.length];
        double[] excessSe = new double[WINDOWS.length];
        for (int k = 0; k < WINDOWS.length; k++) {
            double[] w = new double[size.windowSeeds()];
            for (int seed = 1; seed <= w.length; seed++) {
                w[seed - 1] =
                        distance(runner, seed, WINDOW_POPULATION, WINDOWS[k], FitnessEstimator.WINDOW, grid, predicted);
            }
            excess[k] = Reports.mean(w) - floor;
            excessSe[k] = Math.hypot(Reports.sd(w) / Math.sqrt(w.length), floorSe);
            ObjectNode p = points.addObject();
            p.put("fast_window", WINDOWS[k]);
            p.put("w1_mean", Reports.mean(w));
            p.put("w1_excess_over_closed_form", excess[k]);
            p.put("standard_error", excessSe[k]);
        }
        boolean shrinking = true;
        for (int k = 1; k < WINDOWS.length; k++) {
            shrinking &= excess[k] <= excess[k - 1] + 2 * Math.hypot(excessSe[k], excessSe[k - 1]);
        }
        int last = WINDOWS.length - 1;
        boolean pass = shrinking && excess[last] < excess[0];
        return CheckResult.check(
                "two-time-scale limit: W1 excess of window fitness over closed form, longest window",
                0,
                excess[last],
                3 * excessSe[last],
                pass,
                String.format(
                        Locale.ROOT,
                        "N=%d, fast windows %s steps, %d seeds; passes if the excess shrinks with the window (each step"
                                + " within 2 standard errors) and ends below where it started",
                        WINDOW_POPULATION,
                        java.util.Arrays.toString(WINDOWS),
                        size.windowSeeds()),
                points);
    }

    private static double distance(
            EmbeddedCluster runner,
            long seed,
            int n,
            int interval,
            FitnessEstimator estimator,
            Grid grid,
            double[] predicted)
            throws Exception {
        double alpha = TheoryConfigs.STRENGTH;
        PopulationConfig config = TheoryConfigs.sphere(
                seed,
                n,
                GENERATIONS,
                interval,
                0,
                TheoryConfigs.boltzmann(alpha),
                TheoryConfigs.gaussian(TheoryConfigs.DIFFUSION, alpha),
                FitnessEstimate.of(estimator));
        Reports reports = new Reports(runner.run(config));
        return Wasserstein.toDensity(reports.h0(GENERATIONS - 1), grid, predicted);
    }
}
