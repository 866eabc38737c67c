/**
 * Reinforcement learning, the fast dynamics of agents that act: a DQN learner (Q-network, target
 * network, replay of transitions, ε-greedy exploration) on the environments of {@code
 * io.popflow.env}. Pure Java, no Flink: operators hold its state and call it.
 */
package io.popflow.rl;
