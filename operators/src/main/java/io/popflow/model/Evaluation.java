package io.popflow.model;

/**
 * Performance of one parameter vector on a data set.
 *
 * @param loss mean loss per row (the training objective, without weight decay); for a test set
 *     of a regression in original units, the mean squared error
 * @param accuracy fraction of rows classified correctly; NaN for regression
 * @param meanAbsoluteError a regression's test mean absolute error in original units, NaN otherwise
 * @param r2 a regression's test coefficient of determination, NaN otherwise
 */
public record Evaluation(double loss, double accuracy, double meanAbsoluteError, double r2) {

    public Evaluation(double loss, double accuracy) {
        this(loss, accuracy, Double.NaN, Double.NaN);
    }
}
