package io.popflow.slow;

/**
 * The result of mutating one agent's hyperparameters.
 *
 * @param hyperparameters the new h
 * @param operations what was done to each entry, e.g. {@code "lr * 0.8"}, {@code "x0 gaussian
 *     0.153 -> 0.171"}
 */
public record Mutated(double[] hyperparameters, String[] operations) {}
