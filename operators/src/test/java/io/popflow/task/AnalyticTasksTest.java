package io.popflow.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.HyperparameterValues;
import io.popflow.fast.UpdateRule;
import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The analytic tasks' closed-form effective fitness against the SGLD chain itself: many
 * independent chains, run past their relaxation time, each contributing one draw of the fitness.
 * With M chains the mean has standard error sd/sqrt(M); tolerance 5 standard errors.
 */
class AnalyticTasksTest {
    private static final int CHAINS = 20_000;

    /** Mean and standard error of the end-of-run fitness over independent SGLD chains. */
    private static double[] chainAverage(Task task, HyperparameterValues h, int steps, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] theta = new float[task.dimension()];
        float[] grad = new float[task.dimension()];
        double sum = 0;
        double sumSquares = 0;
        for (int c = 0; c < CHAINS; c++) {
            task.initialize(theta, rng);
            for (int s = 0; s < steps; s++) {
                task.lossAndGradient(theta, grad, 1, h.task(), rng);
                UpdateRule.SGLD.apply(theta, grad, new float[0], 1, h.fast(), rng);
            }
            double f = task.fitness(task.validate(theta));
            sum += f;
            sumSquares += f * f;
        }
        double mean = sum / CHAINS;
        return new double[] {mean, Math.sqrt((sumSquares / CHAINS - mean * mean) / CHAINS)};
    }

    @Test
    void himmelblauMinimaAreZero() {
        LandscapeTask task = new LandscapeTask(new LandscapeTaskSpec(Landscape.HIMMELBLAU, 2, 1, 1, new double[2]));
        double[][] minima = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
        for (double[] m : minima) {
            assertThat(task.g(m)).as("g at %s", java.util.Arrays.toString(m)).isLessThan(1e-8);
        }
        assertThat(task.g(new double[] {0, 0})).isEqualTo(170.0);
    }

    /** Around h = (2.5, 1.5), curvature 1, T = 0.05, η = 0.1, weight decay 0.2 (which shifts the mean to kh/(k + λ)). */
    @Test
    void himmelblauEffectiveFitnessMatchesTheChain() {
        LandscapeTask task = new LandscapeTask(new LandscapeTaskSpec(Landscape.HIMMELBLAU, 2, 1, 1, new double[2]));
        HyperparameterValues h =
                new HyperparameterValues(new FastHyperparameters(0.1, 0, 0.2, 0.05, 1), new double[] {2.5, 1.5});
        double[] chain = chainAverage(task, h, 300, 1);
        assertThat(chain[0]).isCloseTo(task.closedFormFitness(h), within(5 * chain[1]));
    }

    @Test
    void sphereEffectiveFitnessMatchesTheChain() {
        LandscapeTask task =
                new LandscapeTask(new LandscapeTaskSpec(Landscape.SPHERE, 3, 2, 0.7, new double[] {0.5, -1, 0}));
        HyperparameterValues h =
                new HyperparameterValues(new FastHyperparameters(0.2, 0, 0, 0.3, 1), new double[] {1, 0, -0.5});
        double[] chain = chainAverage(task, h, 200, 2);
        assertThat(chain[0]).isCloseTo(task.closedFormFitness(h), within(5 * chain[1]));
        // exactly quadratic in h: F(h) = −s(|h − c|² + d v), v = T/(k(1 − ηk/2))
        double v = 0.3 / (2 * (1 - 0.2 * 2 / 2));
        assertThat(task.closedFormFitness(h)).isCloseTo(-0.7 * (0.25 + 1 + 0.25 + 3 * v), within(1e-12));
    }

    @Test
    void pbtToyEffectiveFitnessMatchesTheChain() {
        PbtToyTask task = new PbtToyTask(new double[] {0.9, 0.9});
        HyperparameterValues h =
                new HyperparameterValues(new FastHyperparameters(0.05, 0, 0, 0.01, 1), new double[] {0.5, 1.0});
        double[] chain = chainAverage(task, h, 500, 3);
        assertThat(chain[0]).isCloseTo(task.closedFormFitness(h), within(5 * chain[1]));
        // without noise every positive h settles at the optimum 1.2; without curvature θ stays put
        HyperparameterValues noiseless =
                new HyperparameterValues(new FastHyperparameters(0.05, 0, 0, 0, 1), new double[] {0.5, 0});
        assertThat(task.closedFormFitness(noiseless)).isCloseTo(1.2 - 0.81, within(1e-12));
    }

    /** Bilevel quadratic: weight decay trades the shrinkage bias against the train/validation gap. */
    @Test
    void quadraticEffectiveFitnessMatchesTheChain() {
        QuadraticTask task = new QuadraticTaskSpec(4, 0.5, 5, 1, 0.5).instance(11);
        HyperparameterValues h = new HyperparameterValues(new FastHyperparameters(0.1, 0, 0.4, 0.02, 1), new double[0]);
        double[] chain = chainAverage(task, h, 400, 4);
        assertThat(chain[0]).isCloseTo(task.closedFormFitness(h), within(5 * chain[1]));
    }
}
