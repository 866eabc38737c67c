package io.popflow.api;

import java.util.random.RandomGenerator;

/**
 * A user's model as a parameter vector and a fitness of it ({@code task: custom_objective}, {@code
 * objective.class}): evolution strategies (CMA-ES, SNES, OpenAI-ES) search the vector with the
 * fitness alone; the gradient learners (SGD, Adam, Langevin) climb it with {@link #gradient}, under
 * the population's selection and hyperparameter mutation. Higher fitness is better: a loss is
 * returned negated.
 *
 * <p>One instance per agent, made with the class's public no-argument constructor and then given its
 * options ({@link #configure}). A run is exact when the fitness and gradient are functions of their
 * arguments (and of the random stream, where one is handed): no clock, no shared state.
 */
public interface Objective {
    /**
     * Takes the run's {@code custom.options} before any other call; the default ignores them.
     *
     * @throws IllegalArgumentException for an option it cannot use: the run is refused with the
     *     message before it starts
     */
    default void configure(CustomOptions options) {}

    /** Length of the parameter vector. */
    int dimension();

    /**
     * The vector an agent starts from, drawn from {@code random} (the agent's own stream); the
     * default is the origin.
     */
    default double[] initial(RandomGenerator random) {
        return new double[dimension()];
    }

    /**
     * The fitness of {@code weights} for an agent whose hyperparameters are {@code h}.
     *
     * @return a finite number; a non-finite one marks the agent diverged (it is replaced, the run
     *     goes on)
     */
    double fitness(double[] weights, Hyperparameters h);

    /**
     * Whether {@link #gradient} is implemented: the gradient learners need it, evolution strategies do
     * not. A run that asks a gradient learner to train an objective without one is refused.
     */
    default boolean hasGradient() {
        return false;
    }

    /**
     * Writes the gradient of the fitness at {@code weights} into {@code gradient} (the ascent
     * direction). A stochastic objective (a minibatch of its own data) draws from {@code random},
     * the agent's stream, and from nothing else.
     */
    default void gradient(double[] weights, Hyperparameters h, RandomGenerator random, double[] gradient) {
        throw new UnsupportedOperationException(getClass().getName() + " has no gradient");
    }
}
