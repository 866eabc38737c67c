package io.popflow.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import io.popflow.task.QuadraticTask;
import org.junit.jupiter.api.Test;

/**
 * SGLD with exact gradients on L(θ) = ½ λ |θ|² against closed-forms.md §1-2: per coordinate the
 * chain is AR(1), θ⁺ = (1 − ηλ)θ + sqrt(2η/β)ξ, with stationary variance 1/(βλ(1 − ηλ/2)).
 */
class LangevinStationaryLawTest {
    private static final int DIMENSION = 2000;
    private static final int BURN_IN = 200;
    private static final int SAMPLES = 500;

    /**
     * λ = 3, β = 2, η = 0.1 gives 0.196078 (the continuous SDE gives 0.166667). Sampling error: the
     * chain's lag-1 correlation is ρ = 1 − ηλ = 0.7, so θ² has correlation ρ^{2k} and the 10⁶
     * pooled samples count as n (1 − ρ²)/(1 + ρ²) ≈ 3.4·10⁵ independent ones; a variance from n
     * samples has relative standard error sqrt(2/n) ≈ 0.24%. Tolerance: 5 standard errors.
     */
    @Test
    void stationaryVarianceMatchesDiscreteClosedForm() {
        double lambda = 3;
        double beta = 2;
        double eta = 0.1;
        Moments m = run(lambda, 0, beta, eta, 11);
        double expected = 1 / (beta * lambda * (1 - eta * lambda / 2));
        assertThat(expected).isCloseTo(0.196078, within(1e-6));
        double rho = 1 - eta * lambda;
        double effective = (double) DIMENSION * SAMPLES * (1 - rho * rho) / (1 + rho * rho);
        double tolerance = 5 * Math.sqrt(2 / effective);
        assertThat(m.variance / expected).isCloseTo(1.0, within(tolerance));
        assertThat(Math.abs(m.variance / (1 / (beta * lambda)) - 1))
                .as("discrete differs from continuous")
                .isGreaterThan(0.1);
        // E[L] = ½ λ d Var = d / (2β (1 − ηλ/2)): the continuous d/(2β), corrected for the step
        double expectedLoss = DIMENSION / (2 * beta * (1 - eta * lambda / 2));
        assertThat(m.meanLoss / expectedLoss).isCloseTo(1.0, within(tolerance));
    }

    /** The quadratic task's own closed form agrees with the same chain (weight decay shifts the curvature). */
    @Test
    void quadraticTaskClosedFormMatchesChain() {
        double curvature = 2.5;
        double weightDecay = 0.5;
        double temperature = 0.4;
        double eta = 0.2;
        QuadraticTask task = new QuadraticTask(new double[] {curvature}, new double[] {0}, new double[] {0});
        FastHyperparameters h = new FastHyperparameters(eta, 0, weightDecay, temperature, 1);
        Moments m = run(curvature, weightDecay, 1 / temperature, eta, 5);
        double k = curvature + weightDecay;
        double rho = 1 - eta * k;
        double effective = (double) DIMENSION * SAMPLES * (1 - rho * rho) / (1 + rho * rho);
        assertThat(m.variance / task.gibbsVariance(0, h, true)).isCloseTo(1.0, within(5 * Math.sqrt(2 / effective)));
    }

    private record Moments(double variance, double meanLoss) {}

    /** Runs the real update rule on the real task, pooling θ² over coordinates and steps. */
    private static Moments run(double lambda, double weightDecay, double beta, double eta, long seed) {
        double[] curvature = new double[DIMENSION];
        java.util.Arrays.fill(curvature, lambda);
        QuadraticTask task = new QuadraticTask(curvature, new double[DIMENSION], new double[DIMENSION]);
        FastHyperparameters h = new FastHyperparameters(eta, 0, weightDecay, 1 / beta, 1);
        SplitMix64 rng = new SplitMix64(seed);
        float[] theta = new float[DIMENSION];
        float[] grad = new float[DIMENSION];
        double sumSquares = 0;
        double sumLoss = 0;
        for (int step = 0; step < BURN_IN + SAMPLES; step++) {
            double loss = task.lossAndGradient(theta, grad, 1, new double[0], rng);
            UpdateRule.SGLD.apply(theta, grad, new float[0], 1, h, rng);
            if (step >= BURN_IN) {
                for (float t : theta) {
                    sumSquares += t * (double) t;
                }
                sumLoss += loss;
            }
        }
        return new Moments(sumSquares / ((double) DIMENSION * SAMPLES), sumLoss / SAMPLES);
    }
}
