package io.popflow.agent;

/** Where an agent's outputs go: the operator that hosts it, or a test. */
public interface AgentEffects {

    /** The end-of-generation report, for the fitness window and the metrics sinks. */
    void report(AgentReport report);

    /** Weights for {@code recipient}, through the feedback edge. */
    void send(int recipient, WeightTransfer transfer);

    /** The agent's final record. */
    void finish(FinalAgent agent);

    /** The agent's final weights, which a run exports its model from (ignored where nothing exports). */
    default void finalWeights(AgentWeights weights) {}
}
