package io.popflow.jobs;

import io.popflow.config.PopulationConfig;

/** A digits population (SGD agents) killed at generation 5 of 8 and restored from a checkpoint. */
class FailoverITCase extends FailoverCase {

    /**
     * Generations of some 0.3 s against checkpoints every 100 ms: the checkpoint restored from, just
     * before generation 5 ends, holds decisions still in flight, so the restore exercises the resend.
     */
    @Override
    PopulationConfig config() {
        return JobRuns.config(
                "digits",
                "population=8",
                "generations=8",
                "perturbation_interval=300",
                "parallelism=2",
                "checkpoint_interval=100ms");
    }

    @Override
    int failAtGeneration() {
        return 5;
    }
}
