package io.popflow.jobs;

import io.popflow.config.PopulationConfig;

/**
 * A digits population explored by PB2, killed at generation 5 of 8 and restored from a checkpoint:
 * the bandit's data is operator state, so the restored run chooses the same h as an uninterrupted one.
 */
class Pb2FailoverITCase extends FailoverCase {

    @Override
    PopulationConfig config() {
        return JobRuns.config(
                "digits",
                "population=8",
                "generations=8",
                "perturbation_interval=300",
                "parallelism=2",
                "checkpoint_interval=100ms",
                "mutation=pb2");
    }

    @Override
    int failAtGeneration() {
        return 5;
    }
}
