/**
 * Numerical building blocks with no dependency on Flink or on the rest of popflow: the run's named
 * random streams ({@link io.popflow.math.RandomStreams}) on a generator whose whole state is one
 * {@code long} ({@link io.popflow.math.SplitMix64}), summary statistics ({@link
 * io.popflow.math.Summary}), times to a target with censoring ({@link io.popflow.math.Censored}),
 * and least squares on one regressor.
 */
package io.popflow.math;
