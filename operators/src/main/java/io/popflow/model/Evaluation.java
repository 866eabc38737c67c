package io.popflow.model;

/**
 * Performance of one parameter vector on a data set.
 *
 * @param loss mean loss per row (the training objective, without weight decay)
 * @param accuracy fraction of rows classified correctly; NaN for regression
 */
public record Evaluation(double loss, double accuracy) {}
