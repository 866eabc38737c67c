package io.popflow.task;

import io.popflow.model.Evaluation;

/**
 * A task given by formulas rather than data: its validation "loss" is a function of θ, it has no
 * separate test data, and fitness is minus that loss.
 */
interface AnalyticTask extends Task {

    /** The validation loss again: there is no test data. */
    @Override
    default Evaluation test(float[] params) {
        return validate(params);
    }

    @Override
    default double fitness(Evaluation validation) {
        return -validation.loss();
    }
}
