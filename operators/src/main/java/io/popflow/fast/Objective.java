package io.popflow.fast;

import java.util.random.RandomGenerator;

/** A training loss on a flat parameter vector, as the fast dynamics sees it. */
public interface Objective {

    /** Length of the parameter vector. */
    int dimension();

    /**
     * Loss of a minibatch of {@code batchSize} rows drawn with {@code rng} (exact objectives ignore
     * both), and its gradient with respect to {@code params} written to {@code gradient}. The loss
     * may depend on the task's own hyperparameters {@code taskHyperparameters}. Weight decay is not
     * included: it belongs to the update rule.
     */
    double lossAndGradient(
            float[] params, float[] gradient, int batchSize, double[] taskHyperparameters, RandomGenerator rng);
}
