package io.popflow.slow;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Gaussian diffusion of every mutable hyperparameter in its domain's coordinate (the value, its
 * logarithm for log-scale intervals, the index of a choice): y ← y + σ ξ with σ = sqrt(2 D Δt),
 * reflected at the domain's ends, then mapped back (rounded for counts and choices). Away from the
 * ends this is the exact solution over time Δt of the mutation term D ∂²ρ of the replicator-mutator
 * equation, in that coordinate; reflection makes the ends no-flux boundaries.
 *
 * <p>In the {@link Space#NORMALIZED} space each coordinate is first mapped linearly onto [−1, 1]
 * (so σ is a fraction of the domain's half-width, the same for every hyperparameter), and the ends
 * may clip instead of reflect: the seed authors' perturbation, y ← clip(y + 0.1 ξ, −1, 1).
 */
public final class GaussianMutation implements MutationKernel {
    private static final long serialVersionUID = 1L;

    /** Where the step is taken: the domain's own coordinate, or that coordinate mapped onto [−1, 1]. */
    public enum Space {
        COORDINATE,
        NORMALIZED
    }

    /** What a step beyond an end does: fold back (no-flux), or stop at the end. */
    public enum Boundary {
        REFLECT,
        CLIP
    }

    private final HyperparameterSpace space;
    private final double diffusion;
    private final double dt;
    private final Space where;
    private final Boundary boundary;

    /**
     * @param diffusion D, the diffusion coefficient
     * @param dt Δt, the time one generation stands for
     */
    public GaussianMutation(HyperparameterSpace space, double diffusion, double dt) {
        this(space, diffusion, dt, Space.COORDINATE, Boundary.REFLECT);
    }

    public GaussianMutation(HyperparameterSpace space, double diffusion, double dt, Space where, Boundary boundary) {
        if (!(diffusion >= 0) || !(dt > 0)) {
            throw new IllegalArgumentException("Gaussian mutation needs diffusion >= 0 and dt > 0");
        }
        this.space = space;
        this.diffusion = diffusion;
        this.dt = dt;
        this.where = where;
        this.boundary = boundary;
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
            double lo = d.lowerCoordinate();
            double hi = d.upperCoordinate();
            if (where == Space.COORDINATE) {
                next[i] = d.fromCoordinate(bound(d.coordinate(h[i]) + sigma * rng.nextGaussian(), lo, hi));
            } else {
                double y = hi > lo ? 2 * (d.coordinate(h[i]) - lo) / (hi - lo) - 1 : 0;
                y = bound(y + sigma * rng.nextGaussian(), -1, 1);
                next[i] = d.fromCoordinate(lo + (y + 1) / 2 * (hi - lo));
            }
            ops[i] = String.format(Locale.ROOT, "%s gaussian %.6g -> %.6g", space.name(i), h[i], next[i]);
        }
        return new Mutated(next, ops);
    }

    private double bound(double y, double a, double b) {
        return boundary == Boundary.REFLECT ? reflect(y, a, b) : Math.max(a, Math.min(b, y));
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
        return "gaussian(diffusion=" + diffusion + ", dt=" + dt
                + (where == Space.NORMALIZED ? ", space=normalized" : "")
                + (boundary == Boundary.CLIP ? ", boundary=clip" : "")
                + ")";
    }
}
