package io.popflow.jobs.config;

import io.popflow.api.Hyperparameters;
import io.popflow.api.Objective;
import java.util.random.RandomGenerator;

/** A user's objective on the test class path: fitness −|w|² in 3 dimensions, with its gradient. */
public class SphereObjective implements Objective {
    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public double fitness(double[] w, Hyperparameters h) {
        double sum = 0;
        for (double x : w) {
            sum += x * x;
        }
        return -sum;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    @Override
    public void gradient(double[] w, Hyperparameters h, RandomGenerator random, double[] g) {
        for (int i = 0; i < w.length; i++) {
            g[i] = -2 * w[i];
        }
    }
}
