package io.popflow.api;

import java.util.random.RandomGenerator;

/**
 * A user's own learner, as Ray Tune's {@code Trainable} ({@code task: custom_trainable}, {@code
 * trainable.class}): a model popflow does not know, with state of its own, trained a step at a time
 * under the population's selection and hyperparameter mutation. Selection copies a donor's state to
 * the agent that takes its place ({@link #copyFrom}); checkpoints hold {@link #save}'s bytes.
 *
 * <p>One instance per agent, made with the class's public no-argument constructor, given its options
 * ({@link #configure}) and then either {@link #initialize}d or {@link #restore}d. Replay, failover
 * and rescaling stay exact when every method is a function of its arguments and of the state that
 * {@link #save} writes: draw random numbers from the stream {@link #step} hands over, never from a
 * clock or a generator of your own.
 */
public interface Trainable {
    /**
     * Takes the run's {@code custom.options} before any other call; the default ignores them.
     *
     * @throws IllegalArgumentException for an option it cannot use: the run is refused with the
     *     message before it starts
     */
    default void configure(CustomOptions options) {}

    /** Makes the agent's first state, drawn from {@code random} (the agent's own stream). */
    void initialize(RandomGenerator random);

    /**
     * One step of training with hyperparameters {@code h}: popflow calls it {@code
     * perturbation_interval} times a generation.
     */
    void step(Hyperparameters h, RandomGenerator random);

    /**
     * The agent's fitness now, higher better, as selection compares agents.
     *
     * @return a finite number; a non-finite one marks the agent diverged (it is replaced, the run
     *     goes on)
     */
    double fitness();

    /** The whole state, as bytes that {@link #restore} reads back exactly. */
    byte[] save();

    /** Replaces the state with one {@link #save} wrote, of an instance of the same class. */
    void restore(byte[] state);

    /** Takes {@code donor}'s state: selection's copy. The default goes through {@link #save}. */
    default void copyFrom(Trainable donor) {
        restore(donor.save());
    }
}
