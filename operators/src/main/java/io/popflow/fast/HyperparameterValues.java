package io.popflow.fast;

/**
 * One agent's hyperparameters as its dynamics read them.
 *
 * @param fast what the update rule reads
 * @param task the task's own knobs, in the order the task declares them
 */
public record HyperparameterValues(FastHyperparameters fast, double[] task) {}
