package io.popflow.api;

import java.util.random.RandomGenerator;

/**
 * A user's own learner with its own state, for models popflow does not know ({@code task:
 * custom_trainable}, {@code trainable.class}), as a Ray Tune trainable: popflow steps it, reads its
 * fitness, and runs the slow time scale around it. Exploit copies a donor's saved state into the
 * recipient ({@link #copyFrom}); mutation changes the {@link Hyperparameters} the next steps are
 * handed.
 *
 * <p>Its state lives in Flink's keyed state as the bytes {@link #save} returns, written by popflow's
 * versioned agent-state serializer; a checkpoint, a failover, a resume and a replay restore it with
 * {@link #restore}. They are exact, bit for bit, when every call is a function of the state, the
 * arguments and the random stream handed in: no clock, no shared or static state, no random numbers
 * of its own, and {@code save} writes everything the next steps read.
 *
 * <p>One instance per agent, made with the class's public no-argument constructor, then given its
 * options ({@link #configure}), then either {@link #initialize}d or {@link #restore}d.
 *
 * @since 1.1.0
 */
public interface Trainable {
    /**
     * Takes the run's {@code custom.options} before any other call; the default ignores them.
     *
     * @throws IllegalArgumentException for an option it cannot use: the run is refused with the
     *     message before it starts
     */
    default void configure(CustomOptions options) {}

    /**
     * Sets up a new model, drawing what is random (initial weights, a data shuffle) from {@code
     * random}, the agent's own stream. An agent that diverged is initialized again.
     */
    void initialize(RandomGenerator random);

    /**
     * One fast step: a gradient step, an epoch, an environment step, whatever this learner's unit of
     * work is. Popflow runs {@code chunk_steps} of them between looks at the fitness and {@code
     * perturbation_interval} per generation.
     *
     * @param h this agent's hyperparameters now
     * @param random the agent's stream: draw minibatches and noise from it alone
     * @throws RuntimeException marks this agent diverged (it is replaced at the next selection, the
     *     run goes on)
     */
    void step(Hyperparameters h, RandomGenerator random);

    /**
     * The fitness of the model now, higher is better (a loss is returned negated): the window
     * estimator samples it during a generation, selection ranks agents by it.
     *
     * @return a finite number; a non-finite one marks the agent diverged
     */
    double fitness();

    /** Every value the next steps read, as bytes: the model, optimizer memory, counters. */
    byte[] save();

    /** Continues from the bytes a {@link #save} of this class returned, replacing the whole state. */
    void restore(byte[] state);

    /**
     * Exploit: this agent takes a better agent's model. The default takes all of it ({@code
     * restore(donor)}); override it to keep something of this agent's own (its optimizer memory, a
     * counter) and take the rest.
     *
     * @param donor the bytes the donor's {@link #save} returned at the end of the generation
     */
    default void copyFrom(byte[] donor) {
        restore(donor);
    }
}
