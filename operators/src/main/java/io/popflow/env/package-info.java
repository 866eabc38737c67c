/**
 * Reinforcement-learning environments with a discrete action set, as Gymnasium defines them: {@link
 * io.popflow.env.CartPole} (CartPole-v1) and {@link io.popflow.env.MountainCar} (MountainCar-v0),
 * implementing the public {@link io.popflow.api.Environment} that a user's own environment implements
 * too. They are what the fast time scale of a control task
 * acts in: each DQN agent of {@code io.popflow.rl} holds its own instance and draws every episode's
 * start from the agent's own random stream. Pure Java, no Flink, and nothing of popflow but the API:
 * a leaf that {@code rl}, {@code agent} and {@code export} build on.
 */
package io.popflow.env;
