package io.popflow.task;

/**
 * A task whose agents learn by gradient steps on a loss ({@link Task}): the supervised and the
 * analytic tasks. Their fast dynamics is {@code io.popflow.agent.GradientLearner}.
 */
public sealed interface GradientTaskSpec extends TaskSpec
        permits DigitsTaskSpec,
                TableTaskSpec,
                StreamTaskSpec,
                QuadraticTaskSpec,
                LandscapeTaskSpec,
                PbtToyTaskSpec,
                CustomObjectiveTaskSpec {

    /** The task for a run with seed {@code runSeed} (which fixes data splits and task instances). */
    Task create(long runSeed);
}
