/**
 * The slow time scale: the population's hyperparameters h move by selection (weak agents copy
 * strong ones, weights included: {@link io.popflow.slow.SelectionRule}) and mutation (the copied h
 * is perturbed: {@link io.popflow.slow.MutationKernel}, PBT's and PB2's explore steps among them),
 * on fitness estimated as configured ({@link io.popflow.slow.FitnessEstimator}), optionally with
 * model merging. {@link io.popflow.slow.PopulationStep} is one generation's step: a pure function
 * of its {@link io.popflow.slow.FitnessTable}, a random stream and, for PB2, what it has seen so
 * far. Also the lineage and generation summaries a run reports. Evolution strategies, the other
 * slow dynamics, are in {@code io.popflow.es}. No Flink here.
 */
package io.popflow.slow;
