/**
 * The SIMD kernel of {@code io.popflow.model.dense.DenseOps}, {@link
 * io.popflow.model.dense.vector.VectorDenseOps}, on the incubating Vector API ({@code
 * jdk.incubator.vector}): the same fused multiply-adds in the same order as the scalar kernel, so
 * the same bits. Compiled apart from the rest of the module (javac warns of every use of an
 * incubator module, and the build refuses warnings) and loaded by reflection only when the JVM has
 * the module; nothing else may depend on it.
 */
package io.popflow.model.dense.vector;
