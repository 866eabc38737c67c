/**
 * One agent between the two time scales: its state ({@link io.popflow.agent.AgentState}), the
 * commands the trainer receives ({@link io.popflow.agent.AgentCommand}: an agent's creation with
 * its {@link io.popflow.agent.InitialHyperparameters}, the slow scale's {@link
 * io.popflow.agent.Directive}s, weight transfers and requests; for a subtask, a stream's examples
 * and an evolution strategy's updates), the records it emits ({@link io.popflow.agent.AgentReport},
 * {@link io.popflow.agent.FinalAgent}), its fast dynamics behind {@link io.popflow.agent.Learner}
 * (gradient steps, or a DQN agent's), and {@link io.popflow.agent.AgentLifecycle}, the idempotent
 * protocol that ties them together. No Flink here.
 */
package io.popflow.agent;
