package io.popflow.task;

import java.io.Serializable;

/** A serializable description of a {@link Task}; operators build their instance in {@code open()}. */
public sealed interface TaskSpec extends Serializable permits DigitsTaskSpec, QuadraticTaskSpec {

    /** The task for a run with seed {@code runSeed} (which fixes data splits and task instances). */
    Task create(long runSeed);

    /** Short name, as in the configuration's {@code task} option. */
    String name();
}
