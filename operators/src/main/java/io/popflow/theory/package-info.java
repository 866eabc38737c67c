/**
 * The reduced slow dynamics, for checking the running system against theory: a finite-volume solver
 * of the replicator-mutator equation ∂ₜρ = (F − F̄)ρ + DΔρ on a bounded 1-D or 2-D box ({@link
 * io.popflow.theory.ReplicatorMutatorSolver}), the discrete generation map whose mean-field limit
 * the population follows ({@link io.popflow.theory.DiscreteGenerationMap}, and a run's predicted
 * density by generation, {@link io.popflow.theory.ReducedPrediction}), the closed-form ODE of the
 * Gaussian case ({@link io.popflow.theory.GaussianReplicatorOde}), and Wasserstein distances. The
 * map between the two is in docs/reduced-dynamics.md. No Flink here.
 */
package io.popflow.theory;
