package io.popflow.jobs.config;

import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.Mutated;
import io.popflow.slow.MutationKernel;
import java.util.random.RandomGenerator;

/** A user's explore step, for the custom-kernel tests: every entry halved, kept in its domain. */
public final class HalvingExplorer implements MutationKernel {
    private static final long serialVersionUID = 1L;
    private final HyperparameterSpace space;

    public HalvingExplorer(HyperparameterSpace space) {
        this.space = space;
    }

    @Override
    public Mutated mutate(double[] h, RandomGenerator rng) {
        double[] next = new double[h.length];
        String[] ops = new String[h.length];
        for (int i = 0; i < h.length; i++) {
            next[i] = space.domain(i).fromCoordinate(space.domain(i).coordinate(h[i] / 2));
            ops[i] = space.name(i) + " halved";
        }
        return new Mutated(next, ops);
    }
}
