/**
 * The fully connected networks agents train, every parameter in one flat {@code float[]} in the
 * layout of {@link io.popflow.model.MlpArchitecture}: {@link io.popflow.model.Nd4jMlp}, the
 * supervised tasks' MLP, with its matrix products on ND4J, and {@link io.popflow.model.JavaMlp}, a
 * DQN agent's Q-network in plain Java on the kernels of {@code io.popflow.model.dense}, where
 * ND4J's cost per op would dominate. {@link io.popflow.model.Evaluation} is one parameter vector's
 * performance on a data set. Part of the fast time scale; no Flink here.
 */
package io.popflow.model;
