package io.popflow.slow;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/** The mutation half of the slow dynamics: a random move of one agent's hyperparameters, kept in their domains. */
public interface MutationKernel extends Serializable {

    Mutated mutate(double[] h, RandomGenerator rng);
}
