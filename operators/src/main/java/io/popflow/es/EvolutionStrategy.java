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

    /**
     * One generation's update with Lamarckian inheritance, from the members as they were
     * evaluated ({@code x[k]} for member k, after their inner steps) and their fitness: the
     * strategy's own update from the drawn members (as {@link #tell}), then the mean moves by the
     * members' mean training displacement (1/N) Σ (x_k − drawn_k), so it inherits what training
     * acquired. A member that is not finite counts as no displacement (and its fitness as the worst).
     *
     * <p>Feeding the trained members to the update itself would read every training step as
     * noise: with displacements much larger than σ it drove OpenAI-ES's mean on digits to a
     * validation loss of 115 in 50 generations, and it inflates SNES's and CMA-ES's step sizes.
     */
    default void tellSolutions(long seed, double[][] x, double[] fitness) {
        int d = dimension();
        double[] shift = new double[d];
        double[] drawn = new double[d];
        for (int k = 0; k < x.length; k++) {
            boolean finite = x[k] != null && x[k].length == d;
            for (int i = 0; finite && i < d; i++) {
                finite = Double.isFinite(x[k][i]);
            }
            if (finite) {
                member(seed, k, drawn);
                for (int i = 0; i < d; i++) {
                    shift[i] += x[k][i] - drawn[i];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            shift[i] /= x.length;
        }
        tell(seed, fitness);
        shiftMean(shift);
    }

    /** mean ← mean + delta. */
    void shiftMean(double[] delta);

    /** The distribution's mean. */
    double[] mean();

    /** The overall step size σ (each strategy says how it relates to its per-coordinate ones). */
    double sigma();

    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;

    /** Every member of the generation whose noise seed is {@code seed}. */
    static double[][] members(EvolutionStrategy s, long seed) {
        double[][] x = new double[s.population()][s.dimension()];
        for (int k = 0; k < x.length; k++) {
            s.member(seed, k, x[k]);
        }
        return x;
    }

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
