/**
 * The dense products of a small network's forward and backward pass on flat {@code float[]} arrays,
 * for {@code io.popflow.model.JavaMlp}, a DQN agent's Q-network, where ND4J's cost per op would
 * dominate: {@link io.popflow.model.dense.DenseOps} (the layout, and {@link
 * io.popflow.model.dense.DenseOps#best()}, which picks the SIMD kernel when the JVM has the Vector
 * API) and {@link io.popflow.model.dense.ScalarDenseOps}, the plain-Java one. Both run every output
 * as fused multiply-adds in one fixed order, so a run's bits do not depend on the machine or the
 * kernel. Plain Java: no Flink, no ND4J, nothing of popflow.
 */
package io.popflow.model.dense;
