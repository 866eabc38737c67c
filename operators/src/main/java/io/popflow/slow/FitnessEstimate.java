package io.popflow.slow;

import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import java.io.Serializable;
import java.util.List;

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

    public static final Option<FitnessEstimator> ESTIMATOR = Option.choice(
            "fitness.estimator",
            FitnessEstimator.class,
            FitnessEstimator.LAST,
            "the fitness selection sees (also written fitness: <estimator>)");
    public static final Option<Double> WINDOW = Option.number(
                    "fitness.window", 0.5, "window: share of the fast window, at its end, that is averaged")
            .check(w -> w > 0 && w <= 1, "must be in (0, 1]");
    public static final Option<Integer> EVERY = Option.integer(
                    "fitness.every",
                    1,
                    "window: fitness is measured every this many steps (the last step always counts)")
            .atLeast(1);
    public static final Option<Double> EMA = Option.number(
                    "fitness.ema", 0.5, "ema: weight of the past across generations")
            .check(w -> w >= 0 && w < 1, "must be in [0, 1)");
    public static final Option<Double> BANDWIDTH = Option.number(
                    "fitness.bandwidth",
                    0.0,
                    "population: kernel width in the space where mutation acts; 0 for Silverman's rule")
            .atLeast(0);

    public static final List<Option<?>> OPTIONS = List.of(ESTIMATOR, WINDOW, EVERY, EMA, BANDWIDTH);

    public FitnessEstimate {
        WINDOW.require(window);
        EVERY.require(every);
        EMA.require(emaWeight);
        BANDWIDTH.require(bandwidth);
    }

    /** Ray Tune's behaviour: the end-of-window value. */
    public static FitnessEstimate last() {
        return of(FitnessEstimator.LAST);
    }

    public static FitnessEstimate of(FitnessEstimator estimator) {
        return new FitnessEstimate(
                estimator, WINDOW.fallback(), EVERY.fallback(), EMA.fallback(), BANDWIDTH.fallback());
    }

    /** Steps at the end of a window of {@code interval} steps that the window estimate averages. */
    public int windowSteps(int interval) {
        return Math.max(1, (int) Math.round(window * interval));
    }

    /**
     * Reads {@code fitness: window} or {@code fitness: {estimator: window, window: 0.5, every: 1,
     * ema: 0.5, bandwidth: 0}} from the run's options.
     */
    public static FitnessEstimate from(OptionSection run) {
        OptionSection f = run.kindOrMapping("fitness", ESTIMATOR.leaf());
        FitnessEstimate estimate =
                new FitnessEstimate(f.get(ESTIMATOR), f.get(WINDOW), f.get(EVERY), f.get(EMA), f.get(BANDWIDTH));
        f.rejectUnknown();
        return estimate;
    }
}
