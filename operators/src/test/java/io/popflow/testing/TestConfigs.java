package io.popflow.testing;

import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.es.StrategySettings;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small, fast configurations for operator and job tests. */
public final class TestConfigs {
    private TestConfigs() {}

    /** SGLD agents on a 10-dimensional quadratic; weight decay and temperature mutate; Ray's PBT. */
    public static PopulationConfig quadratic(int population, int generations, int parallelism) {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.WEIGHT_DECAY, new Domain.Interval(1e-3, 10, Domain.Scale.LOG, false));
        m.put(Hyperparameter.TEMPERATURE, new Domain.Interval(1e-4, 0.1, Domain.Scale.LOG, false));
        HyperparameterSpace space = new HyperparameterSpace(UpdateRule.SGLD, m, Map.of(Hyperparameter.LR, 0.05));
        return pbt(
                new QuadraticTaskSpec(10, 0.5, 5, 1, 0.5),
                space,
                population,
                generations,
                40,
                FitnessEstimate.last(),
                parallelism);
    }

    /**
     * An evolution-strategy run of {@code strategy} on {@code task}, with SGD at the fast scale
     * (used by inner steps only) and no mutable h.
     */
    public static PopulationConfig es(
            TaskSpec task, StrategySettings strategy, long seed, int population, int generations, int parallelism) {
        HyperparameterSpace space = new HyperparameterSpace(UpdateRule.SGD, Map.of(), Map.of(), task.hyperparameters());
        return new PopulationConfig(
                        seed,
                        population,
                        generations,
                        1,
                        10,
                        task,
                        space,
                        SelectionSettings.truncation(0.25),
                        MutationSettings.pbt(0.25, new double[] {1.2, 0.8}),
                        ModelMerge.off(),
                        CopyPolicy.defaults(space.rule()),
                        FitnessEstimate.last(),
                        false,
                        parallelism,
                        128,
                        200)
                .withStrategy(strategy);
    }

    /** Ray Tune's PBT (truncation 0.25, explore 0.25 / [1.2, 0.8]) on any task and space. */
    public static PopulationConfig pbt(
            TaskSpec task,
            HyperparameterSpace space,
            int population,
            int generations,
            int interval,
            FitnessEstimate fitness,
            int parallelism) {
        return new PopulationConfig(
                7,
                population,
                generations,
                interval,
                10,
                task,
                space,
                SelectionSettings.truncation(0.25),
                MutationSettings.pbt(0.25, new double[] {1.2, 0.8}),
                ModelMerge.off(),
                CopyPolicy.defaults(space.rule()),
                fitness,
                false,
                parallelism,
                128,
                200);
    }
}
