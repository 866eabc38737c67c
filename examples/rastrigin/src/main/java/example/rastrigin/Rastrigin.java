package example.rastrigin;

import io.popflow.api.CustomOptions;
import io.popflow.api.Hyperparameters;
import io.popflow.api.Objective;
import java.util.random.RandomGenerator;

/**
 * The Rastrigin function, f(x) = 10 n + Σ (x_i² − 10 cos 2π x_i), as a popflow objective: its
 * fitness is −f, whose optimum 0 is at the origin among about 10^n local optima. A user's code: it
 * sees popflow-api and nothing else of popflow.
 *
 * <p>Options ({@code custom.options}): {@code dimension} (20), and {@code start}, the half-width
 * of the cube the agents start in (5.12, the function's usual domain).
 */
public class Rastrigin implements Objective {
    private int dimension = 20;
    private double start = 5.12;

    @Override
    public void configure(CustomOptions options) {
        dimension = (int) options.wholeNumber("dimension", dimension);
        start = options.number("start", start);
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (!(start > 0)) {
            throw new IllegalArgumentException("start must be > 0, got " + start);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double[] initial(RandomGenerator random) {
        double[] x = new double[dimension];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-start, start);
        }
        return x;
    }

    @Override
    public double fitness(double[] x, Hyperparameters h) {
        return -value(x);
    }

    /** f(x): 0 at the origin, and at the other integer points about the sum of squares. */
    public static double value(double[] x) {
        double sum = 10.0 * x.length;
        for (double xi : x) {
            sum += xi * xi - 10 * Math.cos(2 * Math.PI * xi);
        }
        return sum;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    /** −∇f: −(2 x_i + 20 π sin 2π x_i). */
    @Override
    public void gradient(double[] x, Hyperparameters h, RandomGenerator random, double[] ascent) {
        for (int i = 0; i < x.length; i++) {
            ascent[i] = -(2 * x[i] + 20 * Math.PI * Math.sin(2 * Math.PI * x[i]));
        }
    }
}
