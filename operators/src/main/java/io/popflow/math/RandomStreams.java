package io.popflow.math;

/**
 * The named random streams of a run. Every random number popflow draws comes from one of these,
 * derived from the run's seed, so that a run is a function of its config and seed.
 */
public enum RandomStreams {
    /** Initial hyperparameters of the population. */
    INITIAL_HYPERPARAMETERS,
    /** Per-agent stream: initial weights, minibatches, Langevin noise (indexed by agent id). */
    AGENT,
    /** Per-generation stream of the selection-mutation step (indexed by generation). */
    SELECTION,
    /** The train/validation/test split of a data set. */
    DATA_SPLIT,
    /** The instance of an analytic task (optima, curvatures). */
    TASK_INSTANCE,
    /** An evolution strategy's noise seeds (indexed by generation); appended, so the others keep their seeds. */
    ES_NOISE,
    /** The initial mean of an evolution strategy's search distribution. */
    ES_INITIAL_MEAN;

    /** InitialHyperparameters of this stream for the run seed. */
    public long seed(long runSeed) {
        return SplitMix64.derive(runSeed, ordinal() + 1L);
    }

    /** InitialHyperparameters of the {@code index}-th sub-stream (agent id, generation) of this stream. */
    public long seed(long runSeed, long index) {
        return SplitMix64.derive(seed(runSeed), index);
    }

    public SplitMix64 generator(long runSeed) {
        return new SplitMix64(seed(runSeed));
    }

    public SplitMix64 generator(long runSeed, long index) {
        return new SplitMix64(seed(runSeed, index));
    }
}
