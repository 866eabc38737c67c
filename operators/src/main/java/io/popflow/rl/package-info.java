/**
 * Reinforcement learning, the fast dynamics of agents that act: a DQN learner ({@link
 * io.popflow.rl.DqnLearner}: Q-network, target network, replay of transitions, ε-greedy
 * exploration, Adam steps on the TD loss) on the environments of {@code io.popflow.env} ({@link
 * io.popflow.rl.ClassicControl}), configured by {@link io.popflow.rl.DqnSettings}, its state
 * checkpointed as {@link io.popflow.rl.DqnState}. Pure Java, no Flink: operators hold its state and
 * call it.
 */
package io.popflow.rl;
