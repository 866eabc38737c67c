package io.popflow.config;

import static io.popflow.config.InvalidOptionException.require;

import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.PbtExplorer;
import io.popflow.slow.PbtStep;
import io.popflow.slow.TruncationSelection;
import io.popflow.task.TaskSpec;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A population training run, validated: every option a Ray Tune PBT user would set, the task, and
 * how the job runs. Immutable and serializable: operators are built from it.
 *
 * @param seed the run's seed; every random number is derived from it
 * @param population number of agents
 * @param generations number of generations, 0 to run until cancelled
 * @param perturbationInterval fast steps per generation: the time-scale ratio
 * @param chunkSteps fast steps an agent takes per turn before others get theirs (and barriers pass)
 * @param task what the agents learn
 * @param space mutable hyperparameters, their domains, the fixed ones and the update rule
 * @param quantileFraction share of the population in each of the top and bottom quantiles
 * @param resampleProbability chance that exploration resamples a value instead of perturbing it
 * @param perturbationFactors factors exploration multiplies interval values by
 * @param parallelism parallel agent subtasks (and feedback channels)
 * @param checkpointIntervalMs milliseconds between checkpoints
 */
public record PopulationConfig(
        long seed,
        int population,
        int generations,
        int perturbationInterval,
        int chunkSteps,
        TaskSpec task,
        HyperparameterSpace space,
        double quantileFraction,
        double resampleProbability,
        double[] perturbationFactors,
        int parallelism,
        long checkpointIntervalMs) implements Serializable {

    public PopulationConfig {
        require(population >= 2, "population", "must be >= 2 (selection needs someone to copy), got " + population);
        require(generations >= 0, "generations", "must be >= 0 (0 runs until cancelled), got " + generations);
        require(perturbationInterval >= 1, "perturbation_interval", "must be >= 1 fast step, got " + perturbationInterval);
        require(chunkSteps >= 1, "chunk_steps", "must be >= 1, got " + chunkSteps);
        require(quantileFraction > 0 && quantileFraction <= 0.5, "quantile_fraction",
                "must be in (0, 0.5], got " + quantileFraction);
        require(resampleProbability >= 0 && resampleProbability <= 1, "resample_probability",
                "must be in [0, 1], got " + resampleProbability);
        require(perturbationFactors.length > 0, "perturbation_factors", "must list at least one factor");
        for (double f : perturbationFactors) {
            require(f > 0 && Double.isFinite(f), "perturbation_factors", "factors must be finite and > 0, got " + f);
        }
        require(parallelism >= 1, "parallelism", "must be >= 1, got " + parallelism);
        require(checkpointIntervalMs >= 10, "checkpoint_interval", "must be >= 10 ms, got " + checkpointIntervalMs);
        require(task != null, "task", "must be set");
        require(space != null, "hyperparam_mutations", "must be set");
        perturbationFactors = perturbationFactors.clone();
    }

    /** Whether the run has a last generation. */
    public boolean isBounded() {
        return generations > 0;
    }

    /** The synchronous PBT step of this configuration. */
    public PbtStep pbtStep() {
        return new PbtStep(space, new TruncationSelection(quantileFraction),
                new PbtExplorer(space, resampleProbability, perturbationFactors));
    }

    @Override
    public String toString() {
        return "PopulationConfig{seed=" + seed + ", population=" + population + ", generations=" + generations
                + ", perturbation_interval=" + perturbationInterval + ", task=" + task + ", optimizer="
                + space.rule().name().toLowerCase() + ", mutable=" + Arrays.toString(space.names())
                + ", quantile_fraction=" + quantileFraction + ", resample_probability=" + resampleProbability
                + ", perturbation_factors=" + Arrays.toString(perturbationFactors) + ", parallelism=" + parallelism
                + ", checkpoint_interval=" + checkpointIntervalMs + "ms}";
    }
}
