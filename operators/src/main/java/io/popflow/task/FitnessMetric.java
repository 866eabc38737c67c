package io.popflow.task;

import io.popflow.model.Evaluation;

/** What fitness is made of on a classification task. */
public enum FitnessMetric {
    /** Validation accuracy. */
    ACCURACY,
    /** Minus the validation loss (cross-entropy): finer-grained than accuracy on small sets. */
    NEGATIVE_LOSS;

    public double of(Evaluation e) {
        return this == ACCURACY ? e.accuracy() : -e.loss();
    }
}
