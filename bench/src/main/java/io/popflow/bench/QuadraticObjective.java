package io.popflow.bench;

import io.popflow.api.CustomOptions;
import io.popflow.api.Hyperparameters;
import io.popflow.api.Objective;
import java.util.random.RandomGenerator;

/**
 * The bilevel quadratic of closed-forms §3 as a user would write it against popflow-api alone: the
 * gradient ascends the training loss {@code ½ Σᵢ Hᵢ (wᵢ − aᵢ)²}, the fitness is minus the
 * validation loss {@code ½ |w − b|²}. H, a and b are {@code custom.options} ({@code curvature},
 * {@code train_optimum}, {@code validation_optimum}); {@link QuadraticObjectiveOptions} gives those
 * of popflow's own {@code quadratic} task, against which the bench measures the cost of user code.
 *
 * <p>An {@code Objective} has one fitness, so the loss popflow records for a step ({@code
 * train_loss}) is the validation loss here, where the built-in task records the training loss;
 * what selection sees (the validation fitness) and the steps taken are the same. The arithmetic is
 * the built-in task's, term for term and in the same order, so that both give the same bits.
 */
public final class QuadraticObjective implements Objective {
    private double[] curvature;
    private double[] trainOptimum;
    private double[] validationOptimum;

    @Override
    public void configure(CustomOptions options) {
        curvature = required(options, "curvature");
        trainOptimum = required(options, "train_optimum");
        validationOptimum = required(options, "validation_optimum");
        if (trainOptimum.length != curvature.length || validationOptimum.length != curvature.length) {
            throw new IllegalArgumentException(
                    "curvature, train_optimum and validation_optimum must have one length, got " + curvature.length
                            + ", " + trainOptimum.length + " and " + validationOptimum.length);
        }
        for (double h : curvature) {
            if (!(h > 0)) {
                throw new IllegalArgumentException("every curvature must be > 0, got " + h);
            }
        }
    }

    private static double[] required(CustomOptions options, String name) {
        double[] v = options.numbers(name, null);
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(name + " must be a list of at least one number");
        }
        return v;
    }

    @Override
    public int dimension() {
        return curvature.length;
    }

    /** A standard Gaussian per coordinate, as the built-in task starts its agents. */
    @Override
    public double[] initial(RandomGenerator random) {
        double[] w = new double[curvature.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        return w;
    }

    @Override
    public double fitness(double[] weights, Hyperparameters h) {
        double loss = 0;
        for (int i = 0; i < weights.length; i++) {
            double r = weights[i] - validationOptimum[i];
            loss += 0.5 * r * r;
        }
        return -loss;
    }

    @Override
    public boolean hasGradient() {
        return true;
    }

    /** −H(w − a), exact: the training loss has no noise of its own (Langevin's is the learner's). */
    @Override
    public void gradient(double[] weights, Hyperparameters h, RandomGenerator random, double[] gradient) {
        for (int i = 0; i < weights.length; i++) {
            gradient[i] = -(curvature[i] * (weights[i] - trainOptimum[i]));
        }
    }
}
