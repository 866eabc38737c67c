package io.popflow.agent;

/**
 * An agent's weights as they leave the population, for a model to be made of them: every agent's
 * at the end of the run.
 *
 * @param agent agent id
 * @param generation its last generation
 * @param fitness its fitness estimate on validation data (never test data)
 * @param hyperparameters its h
 * @param params θ
 * @param rng the agent's random stream at the end: a control task's test episodes are drawn from a
 *     stream derived from it, so that a consumer of the model can replay them
 */
public record AgentWeights(
        int agent, int generation, double fitness, double[] hyperparameters, float[] params, long rng) {}
