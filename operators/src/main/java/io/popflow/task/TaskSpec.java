package io.popflow.task;

import io.popflow.fast.Hyperparameter;
import java.io.Serializable;
import java.util.List;

/**
 * A serializable description of what a run's agents learn; operators build the agents' learner
 * from it in {@code open()}. Two kinds: gradient tasks (a loss and a validation set) and control
 * tasks (an environment that a reinforcement learner acts in).
 */
public sealed interface TaskSpec extends Serializable
        permits GradientTaskSpec, ControlTaskSpec, CustomTrainableTaskSpec {

    /** Short name, as in the configuration's {@code task} option. */
    String name();

    /** Whether the task knows the effective fitness F(h) in closed form. */
    default boolean hasClosedForm() {
        return true;
    }

    /** The task's own hyperparameters, in the order its objective reads them. */
    default List<Hyperparameter> hyperparameters() {
        return List.of();
    }
}
