package io.popflow.slow;

import java.util.random.RandomGenerator;

/** Hyperparameters are inherited unchanged: pure selection. */
public final class NoMutation implements MutationKernel {
    private static final long serialVersionUID = 1L;

    @Override
    public Mutated mutate(double[] h, RandomGenerator rng) {
        return new Mutated(h.clone(), new String[0]);
    }

    @Override
    public String toString() {
        return "none";
    }
}
