package io.popflow.api;

import java.util.List;

/**
 * An agent's hyperparameters h, by name: those the run mutates ({@code hyperparam_mutations}) and
 * those it fixes ({@code hyperparameters}), with popflow's names for its own ({@code lr}, {@code
 * momentum}, {@code weight_decay}, {@code temperature}, {@code batch_size}) and the user's for the
 * rest. Read-only: the slow time scale moves h, the agent's code reads it.
 */
public interface Hyperparameters {
    /** Every name this h has, in the run's order. */
    List<String> names();

    /**
     * The value of {@code name}.
     *
     * @throws IllegalArgumentException if this h has no such name (the message lists those it has)
     */
    double get(String name);

    /** The value of {@code name}, or {@code fallback} if this h has no such name. */
    default double get(String name, double fallback) {
        return names().contains(name) ? get(name) : fallback;
    }
}
