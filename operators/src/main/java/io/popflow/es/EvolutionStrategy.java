package io.popflow.es;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A search distribution over weight vectors in the ask/tell form of evosax, EvoTorch and pycma,
 * with the asking done by seed: member k of a generation is a pure function of the distribution's
 * state, the generation's noise seed and k ({@link #member}), so anyone holding the state rebuilds
 * any member from the seed alone (the shared-noise trick of Salimans et al. 2017). {@link #tell}
 * takes the members' fitness (higher is better), in member order, and moves the distribution.
 *
 * <p>The mutable state (mean, step sizes, paths, covariance, optimizer memory) is written and read
 * by {@link #writeState} / {@link #readState}; the constants (population, learning rates) come
 * from the settings the strategy was built with. {@link StrategyStates} frames those bytes with a
 * format version.
 */
public sealed interface EvolutionStrategy permits OpenAiEs, Snes, SepCmaEs, CmaEs {

    /** Members per generation. */
    int population();

    /** Length of a member. */
    int dimension();

    /** Generations told so far. */
    int generation();

    /** Member {@code k}'s weights for the generation whose noise seed is {@code seed}, into {@code out}. */
    void member(long seed, int k, double[] out);

    /**
     * One generation's update from its members' fitness (higher is better), in member order. A
     * non-finite fitness (a diverged member) counts as the worst finite one.
     */
    void tell(long seed, double[] fitness);

    /** The distribution's mean. */
    double[] mean();

    /** The overall step size σ (each strategy says how it relates to its per-coordinate ones). */
    double sigma();

    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;

    /**
     * {@code fitness} with every non-finite value replaced by the smallest finite one (or 0 if
     * none is finite), so a diverged member is ranked last and never poisons a shaping statistic.
     */
    static double[] finite(double[] fitness) {
        double worst = Double.POSITIVE_INFINITY;
        for (double f : fitness) {
            if (Double.isFinite(f)) {
                worst = Math.min(worst, f);
            }
        }
        double fill = Double.isFinite(worst) ? worst : 0;
        double[] out = fitness.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = fill;
            }
        }
        return out;
    }
}
