package io.popflow.jobs;

import io.popflow.config.PopulationConfig;

/** A population of a user's trainable: its saved state goes through checkpoints and copies exactly. */
class TrainableFailoverITCase extends FailoverCase {

    /** Generations of some tens of ms (8 agents x 20,000 steps of a 64-D Langevin step) against 100 ms checkpoints. */
    @Override
    PopulationConfig config() {
        return JobRuns.config(
                "quadratic",
                "-quadratic",
                "task=custom_trainable",
                "trainable.class=io.popflow.jobs.custom.NoisyQuadratic",
                "population=8",
                "generations=30",
                "perturbation_interval=20000",
                "chunk_steps=1000",
                "hyperparameters.lr=0.01",
                "parallelism=2",
                "checkpoint_interval=100ms");
    }

    @Override
    int failAtGeneration() {
        return 20;
    }
}
