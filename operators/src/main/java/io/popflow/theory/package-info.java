/**
 * The reduced slow dynamics, for checking the running system against theory: a finite-volume
 * solver of the replicator-mutator equation ∂ₜρ = (F − F̄)ρ + DΔρ on a bounded 1-D or 2-D box, the
 * discrete generation map whose mean-field limit the population follows, the closed-form ODE of the
 * Gaussian case, and Wasserstein distances. The map between the two is in docs/reduced-dynamics.md.
 * No Flink here.
 */
package io.popflow.theory;
