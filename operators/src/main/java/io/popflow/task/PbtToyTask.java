package io.popflow.task;

import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.HyperparameterValues;
import io.popflow.model.Evaluation;
import java.util.random.RandomGenerator;

/** One PBT-toy task (see {@link PbtToyTaskSpec}). */
public final class PbtToyTask implements AnalyticTask {
    private final double[] initial;

    PbtToyTask(double[] initial) {
        this.initial = initial.clone();
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void initialize(float[] params, RandomGenerator rng) {
        params[0] = (float) initial[0];
        params[1] = (float) initial[1];
    }

    /** The surrogate loss h₀θ₀² + h₁θ₁² − 1.2 and its gradient (2h₀θ₀, 2h₁θ₁). */
    @Override
    public double lossAndGradient(float[] params, float[] gradient, int batchSize, double[] h, RandomGenerator rng) {
        double loss = -1.2;
        for (int i = 0; i < 2; i++) {
            gradient[i] = (float) (2 * h[i] * params[i]);
            loss += h[i] * params[i] * (double) params[i];
        }
        return loss;
    }

    /** −Q(θ) = θ₀² + θ₁² − 1.2 as the loss. */
    @Override
    public Evaluation validate(float[] params) {
        return new Evaluation(params[0] * (double) params[0] + params[1] * (double) params[1] - 1.2, Double.NaN);
    }

    /**
     * E[Q(θ)] under the SGLD chain's stationary law: per coordinate the curvature is k = 2hᵢ + λ,
     * the mean 0 and the variance T / (k(1 − ηk/2)), so F = 1.2 − Σᵢ T / (kᵢ(1 − ηkᵢ/2)). A
     * coordinate without curvature does not settle: it stays at its start without noise, and
     * wanders off (F = −∞) with it; an unstable step (ηk ≥ 2) diverges.
     */
    @Override
    public double closedFormFitness(HyperparameterValues values) {
        FastHyperparameters fast = values.fast();
        double f = 1.2;
        for (int i = 0; i < 2; i++) {
            double k = 2 * values.task()[i] + fast.weightDecay();
            if (k <= 0) {
                if (fast.temperature() > 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                f -= initial[i] * initial[i];
            } else if (fast.learningRate() * k >= 2) {
                return Double.NEGATIVE_INFINITY;
            } else {
                f -= fast.temperature() / (k * (1 - fast.learningRate() * k / 2));
            }
        }
        return f;
    }
}
