package io.popflow.env;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A reinforcement-learning environment with a discrete action set: episodes run from {@link #reset}
 * until a step reports {@code terminated} (the task ended: the pole fell) or {@code truncated} (the
 * step limit was reached). Pure Java, no Flink: a learner holds one per agent.
 */
public interface Environment {
    /** Length of an observation. */
    int observationSize();

    /** Number of actions, numbered 0 to actions() - 1. */
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
     * @param random the agent's own random stream, so that episodes are a function of the agent's seed
     * @return the first observation
     */
    double[] reset(RandomGenerator random);

    /** Takes {@code action} in the current episode. */
    Step step(int action);

    /**
     * Where the environment is, for an agent's checkpointed state: its state variables, then the
     * steps taken in the episode and whether it is over. {@link #restore} continues from it exactly.
     */
    double[] snapshot();

    /** Continues from a {@link #snapshot} of an environment of the same kind. */
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
