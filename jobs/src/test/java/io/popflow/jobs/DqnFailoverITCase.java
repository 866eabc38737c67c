package io.popflow.jobs;

import io.popflow.config.PopulationConfig;

/**
 * DQN agents on CartPole killed at generation 3 of 5 and restored from a checkpoint: replay
 * memories, target networks, Adam's moments and step counts, environments mid-episode and episode
 * windows all come back bit for bit, so the final population equals an uninterrupted run's.
 */
class DqnFailoverITCase extends FailoverCase {

    /** Generations of some 0.25 s (8 agents x 400 steps on 2 threads) against checkpoints every 100 ms. */
    @Override
    PopulationConfig config() {
        return JobRuns.config(
                "cartpole-pbt",
                "population=8",
                "generations=5",
                "perturbation_interval=400",
                "parallelism=2",
                "checkpoint_interval=100ms",
                "returns.k=2");
    }

    @Override
    int failAtGeneration() {
        return 3;
    }
}
