package io.popflow.agent;

/**
 * Creates an agent.
 *
 * @param hyperparameters its initial h
 */
public record InitialHyperparameters(double[] hyperparameters) {}
