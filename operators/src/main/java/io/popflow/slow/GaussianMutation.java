package io.popflow.slow;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Gaussian diffusion of every mutable hyperparameter in its domain's coordinate (the value, its
 * logarithm for log-scale intervals, the index of a choice): y ← y + sqrt(2 D Δt) ξ, reflected at the
 * domain's ends, then mapped back (rounded for counts and choices). Away from the ends this is the
 * exact solution over time Δt of the mutation term D ∂²ρ of the replicator-mutator equation, in that
 * coordinate; reflection makes the ends no-flux boundaries.
 */
public final class GaussianMutation implements MutationKernel {
    private static final long serialVersionUID = 1L;

    private final HyperparameterSpace space;
    private final double diffusion;
    private final double dt;

    /**
     * @param diffusion D, the diffusion coefficient
     * @param dt Δt, the time one generation stands for
     */
    public GaussianMutation(HyperparameterSpace space, double diffusion, double dt) {
        if (!(diffusion >= 0) || !(dt > 0)) {
            throw new IllegalArgumentException("Gaussian mutation needs diffusion >= 0 and dt > 0");
        }
        this.space = space;
        this.diffusion = diffusion;
        this.dt = dt;
    }

    /** Standard deviation of one generation's step, sqrt(2 D Δt). */
    public double stepDeviation() {
        return Math.sqrt(2 * diffusion * dt);
    }

    @Override
    public Mutated mutate(double[] h, RandomGenerator rng) {
        double sigma = stepDeviation();
        double[] next = new double[h.length];
        String[] ops = new String[h.length];
        for (int i = 0; i < h.length; i++) {
            Domain d = space.domain(i);
            double y = reflect(d.coordinate(h[i]) + sigma * rng.nextGaussian(), d.lowerCoordinate(), d.upperCoordinate());
            next[i] = d.fromCoordinate(y);
            ops[i] = String.format(Locale.ROOT, "%s gaussian %.6g -> %.6g", space.name(i), h[i], next[i]);
        }
        return new Mutated(next, ops);
    }

    /** y folded into [a, b] by reflection at both ends (the method of images). */
    public static double reflect(double y, double a, double b) {
        double width = b - a;
        if (width <= 0) {
            return a;
        }
        double u = (y - a) % (2 * width);
        if (u < 0) {
            u += 2 * width;
        }
        return a + (u <= width ? u : 2 * width - u);
    }

    @Override
    public String toString() {
        return "gaussian(diffusion=" + diffusion + ", dt=" + dt + ")";
    }
}
