package io.popflow.task;

import io.popflow.fast.Hyperparameter;
import java.io.Serializable;
import java.util.List;

/** A serializable description of a {@link Task}; operators build their instance in {@code open()}. */
public sealed interface TaskSpec extends Serializable permits DigitsTaskSpec, StreamTaskSpec, QuadraticTaskSpec, LandscapeTaskSpec,
        PbtToyTaskSpec {

    /** The task for a run with seed {@code runSeed} (which fixes data splits and task instances). */
    Task create(long runSeed);

    /** Short name, as in the configuration's {@code task} option. */
    String name();

    /** Whether {@link Task#closedFormFitness} knows the effective fitness exactly. */
    default boolean hasClosedForm() {
        return true;
    }

    /** The task's own hyperparameters, in the order its objective reads them. */
    default List<Hyperparameter> hyperparameters() {
        return List.of();
    }
}
