package io.popflow.task;

import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.HyperparameterValues;
import io.popflow.model.Evaluation;
import java.util.random.RandomGenerator;

/**
 * One instance of the bilevel quadratic (see {@link QuadraticTaskSpec}), with its exact gradient
 * and closed-form effective fitness.
 */
public final class QuadraticTask implements AnalyticTask {
    private final double[] curvature;
    private final double[] trainOptimum;
    private final double[] validationOptimum;

    public QuadraticTask(double[] curvature, double[] trainOptimum, double[] validationOptimum) {
        this.curvature = curvature.clone();
        this.trainOptimum = trainOptimum.clone();
        this.validationOptimum = validationOptimum.clone();
    }

    @Override
    public int dimension() {
        return curvature.length;
    }

    @Override
    public void initialize(float[] params, RandomGenerator rng) {
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) rng.nextGaussian();
        }
    }

    /** The exact gradient H(θ − a); batch size and generator are unused. */
    @Override
    public double lossAndGradient(
            float[] params, float[] gradient, int batchSize, double[] taskHyperparameters, RandomGenerator rng) {
        double loss = 0;
        for (int i = 0; i < params.length; i++) {
            double r = params[i] - trainOptimum[i];
            gradient[i] = (float) (curvature[i] * r);
            loss += 0.5 * curvature[i] * r * r;
        }
        return loss;
    }

    /** Validation loss ½|θ − b|²; accuracy is undefined (NaN). */
    @Override
    public Evaluation validate(float[] params) {
        double loss = 0;
        for (int i = 0; i < params.length; i++) {
            double r = params[i] - validationOptimum[i];
            loss += 0.5 * r * r;
        }
        return new Evaluation(loss, Double.NaN);
    }

    /**
     * Stationary mean of coordinate {@code i} under weight decay λ: the minimiser of
     * {@code L + λ|θ|²/2}, {@code Hᵢaᵢ / (Hᵢ + λ)}.
     */
    public double gibbsMean(int i, double weightDecay) {
        return curvature[i] * trainOptimum[i] / (curvature[i] + weightDecay);
    }

    /**
     * Stationary variance of coordinate {@code i}: {@code T / (k (1 − ηk/2))} with
     * {@code k = Hᵢ + λ} for the SGLD step (closed-forms §2), {@code T / k} in the continuous limit
     * (§1).
     */
    public double gibbsVariance(int i, FastHyperparameters h, boolean discrete) {
        double k = curvature[i] + h.weightDecay();
        double v = h.temperature() / k;
        return discrete ? v / (1 - h.learningRate() * k / 2) : v;
    }

    /** The exact effective fitness of the SGLD chain (step-size corrected). */
    @Override
    public double closedFormFitness(HyperparameterValues h) {
        return effectiveFitness(h.fast(), true);
    }

    /**
     * Effective fitness F(h) = −E_Gibbs[validation loss] = −(½|θ*(λ) − b|² + ½ Σᵢ Varᵢ)
     * (closed-forms §3), exact for the SGLD chain when {@code discrete}.
     */
    public double effectiveFitness(FastHyperparameters h, boolean discrete) {
        double expected = 0;
        for (int i = 0; i < curvature.length; i++) {
            double bias = gibbsMean(i, h.weightDecay()) - validationOptimum[i];
            expected += 0.5 * bias * bias + 0.5 * gibbsVariance(i, h, discrete);
        }
        return -expected;
    }
}
