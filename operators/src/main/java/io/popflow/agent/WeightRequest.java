package io.popflow.agent;

/**
 * Asynchronous mode: {@code recipient}, at the end of its {@code generation}, was told to copy the
 * addressed agent, which answers with the weights of its last report.
 *
 * @param recipient who asks
 * @param generation the recipient's generation, which numbers the answer
 */
public record WeightRequest(int recipient, int generation) {}
