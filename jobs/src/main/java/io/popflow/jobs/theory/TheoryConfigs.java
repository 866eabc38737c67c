package io.popflow.jobs.theory;

import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.Landscape;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.task.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The runs the checks and experiments make, built from the typed configuration classes. */
public final class TheoryConfigs {
    /** The one-dimensional landscape of the reduced-equation checks: F(h) = −a((h − c)² + v). */
    static final double SHARPNESS = 2;

    static final double DIFFUSION = 0.02;
    static final double STRENGTH = 0.1;
    static final double LO = -2;
    static final double HI = 2;
    static final double LR = 0.1;
    /** SGLD temperature of the landscape agents: θ fluctuates around h with variance T/(k(1 − ηk/2)). */
    static final double TEMPERATURE = 0.001;
    /** A run is short, and checkpoints are not what these checks are about. */
    private static final long CHECKPOINT_MS = 60_000;

    private TheoryConfigs() {}

    /** SGLD on the sphere landscape in one dimension, h = x0 ∈ [−2, 2]. */
    static PopulationConfig sphere(
            long seed,
            int population,
            int generations,
            int interval,
            double center,
            SelectionSettings selection,
            MutationSettings mutation,
            FitnessEstimate fitness) {
        LandscapeTaskSpec task = new LandscapeTaskSpec(Landscape.SPHERE, 1, 1, SHARPNESS, new double[] {center});
        Hyperparameter x = task.hyperparameters().get(0);
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(x, new Domain.Interval(LO, HI, Domain.Scale.LINEAR, false));
        HyperparameterSpace space = new HyperparameterSpace(
                UpdateRule.SGLD,
                m,
                Map.of(Hyperparameter.LR, LR, Hyperparameter.TEMPERATURE, TEMPERATURE),
                task.hyperparameters());
        return config(seed, population, generations, interval, task, space, selection, mutation, fitness);
    }

    /** Boltzmann selection of strength α and Gaussian mutation D with Δt = α, as in docs/reduced-dynamics.md. */
    static SelectionSettings boltzmann(double strength) {
        return new SelectionSettings(SelectionSettings.Rule.BOLTZMANN, 0.25, strength, 1);
    }

    static MutationSettings gaussian(double diffusion, double dt) {
        return new MutationSettings(
                MutationSettings.Kernel.GAUSSIAN, 0.25, new double[] {1.2, 0.8}, diffusion, dt, false);
    }

    static MutationSettings none() {
        return new MutationSettings(MutationSettings.Kernel.NONE, 0.25, new double[] {1.2, 0.8}, 0, 1, false);
    }

    public static PopulationConfig config(
            long seed,
            int population,
            int generations,
            int interval,
            TaskSpec task,
            HyperparameterSpace space,
            SelectionSettings selection,
            MutationSettings mutation,
            FitnessEstimate fitness) {
        int parallelism = population >= 4 ? 2 : 1;
        return new PopulationConfig(
                seed,
                population,
                generations,
                interval,
                Math.min(interval, 50),
                task,
                space,
                selection,
                mutation,
                ModelMerge.off(),
                CopyPolicy.defaults(space.rule()),
                fitness,
                false,
                parallelism,
                128,
                CHECKPOINT_MS);
    }
}
