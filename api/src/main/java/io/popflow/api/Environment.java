package io.popflow.api;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A reinforcement-learning environment with a discrete action set, for popflow's DQN agents
 * ({@code task: custom_env}, {@code environment.class}). Episodes run from {@link #reset} until a
 * step reports {@code terminated} (the task ended in its own terms: the pole fell) or {@code
 * truncated} (a step limit was reached).
 *
 * <p>Each agent holds its own instance, made with the class's public no-argument constructor and
 * then given its options ({@link #configure}). A run is exact (the same on replay, after a failover
 * or a rescale) when the environment is a function of the random stream {@link #reset} is handed and
 * of the actions: no clock, no shared state, no random numbers of its own.
 */
public interface Environment {
    /**
     * Takes the run's {@code custom.options} before the first episode; the default ignores them.
     *
     * @throws IllegalArgumentException for an option it cannot use: the run is refused with the
     *     message before it starts
     */
    default void configure(CustomOptions options) {}

    /** Length of an observation. */
    int observationSize();

    /** Number of actions, numbered 0 to {@code actions() - 1}. */
    int actions();

    /** What each observation value is, for an exported policy's users (obs1, obs2, ... if not said). */
    default List<String> observationNames() {
        return IntStream.rangeClosed(1, observationSize())
                .mapToObj(i -> "obs" + i)
                .toList();
    }

    /** What each action does, by index (action0, action1, ... if not said). */
    default List<String> actionNames() {
        return IntStream.range(0, actions()).mapToObj(i -> "action" + i).toList();
    }

    /**
     * Starts a new episode.
     *
     * @param random the agent's own random stream: draw the episode's start from it alone
     * @return the first observation
     */
    double[] reset(RandomGenerator random);

    /** Takes {@code action} in the current episode. */
    Step step(int action);

    /**
     * Where the environment is, for an agent's checkpoint: every value {@link #restore} needs to go
     * on exactly (the state variables, the steps taken in the episode, whether it is over).
     */
    double[] snapshot();

    /** Continues from a {@link #snapshot} of an environment of the same class. */
    void restore(double[] snapshot);

    /**
     * What one step gave.
     *
     * @param observation the observation after the step
     * @param reward the step's reward
     * @param terminated the episode ended in the task's own terms (bootstrapping stops here)
     * @param truncated the episode was cut at its step limit (the state still has a value)
     */
    record Step(double[] observation, double reward, boolean terminated, boolean truncated) {
        /** Whether the episode is over, either way. */
        public boolean done() {
            return terminated || truncated;
        }
    }
}
