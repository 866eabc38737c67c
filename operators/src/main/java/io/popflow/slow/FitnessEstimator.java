package io.popflow.slow;

/**
 * How an agent's fitness is estimated at the end of its fast window. The theory's point is that
 * the slow dynamics should select on the effective fitness F(h), the expectation of fitness under
 * the Gibbs law the weights relax to for h, rather than on one noisy sample of it.
 */
public enum FitnessEstimator {
    /** The value at the end of the fast window (what Ray Tune does). */
    LAST,
    /** The mean over the last part of the fast window: the ergodic estimate of the Gibbs expectation. */
    WINDOW,
    /** An exponential average of end-of-window values across generations, inherited with the weights. */
    EMA,
    /**
     * A kernel (Nadaraya-Watson) regression of end-of-window fitness over hyperparameter space,
     * across the whole population: a population-level estimate of F(h).
     */
    POPULATION,
    /** The exact F(h) of an analytic task: isolates the slow dynamics from estimation error. */
    CLOSED_FORM
}
