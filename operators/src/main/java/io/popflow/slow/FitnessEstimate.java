package io.popflow.slow;

import io.popflow.config.InvalidOptionException;
import java.io.Serializable;

/**
 * The fitness estimator and its parameters.
 *
 * @param estimator which estimate selection sees
 * @param window {@link FitnessEstimator#WINDOW}: share of the fast window, at its end, that is averaged
 * @param every {@link FitnessEstimator#WINDOW}: fitness is measured every this many steps (the last
 *     step always counts)
 * @param emaWeight {@link FitnessEstimator#EMA}: weight of the past, in [0, 1)
 * @param bandwidth {@link FitnessEstimator#POPULATION}: kernel width in the space where mutation
 *     acts (log for log-scale hyperparameters, domain index for choices); 0 for Silverman's rule
 */
public record FitnessEstimate(FitnessEstimator estimator, double window, int every, double emaWeight, double bandwidth)
        implements Serializable {

    public FitnessEstimate {
        InvalidOptionException.require(window > 0 && window <= 1, "fitness.window", "must be in (0, 1], got " + window);
        InvalidOptionException.require(every >= 1, "fitness.every", "must be >= 1, got " + every);
        InvalidOptionException.require(emaWeight >= 0 && emaWeight < 1, "fitness.ema", "must be in [0, 1), got " + emaWeight);
        InvalidOptionException.require(bandwidth >= 0, "fitness.bandwidth", "must be >= 0, got " + bandwidth);
    }

    /** Ray Tune's behaviour: the end-of-window value. */
    public static FitnessEstimate last() {
        return new FitnessEstimate(FitnessEstimator.LAST, 0.5, 1, 0.5, 0);
    }

    public static FitnessEstimate of(FitnessEstimator estimator) {
        return new FitnessEstimate(estimator, 0.5, 1, 0.5, 0);
    }

    /** Steps at the end of a window of {@code interval} steps that the window estimate averages. */
    public int windowSteps(int interval) {
        return Math.max(1, (int) Math.round(window * interval));
    }
}
