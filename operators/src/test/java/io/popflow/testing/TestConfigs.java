package io.popflow.testing;

import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.slow.Domain;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.task.QuadraticTaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small, fast configurations for operator and job tests. */
public final class TestConfigs {
    private TestConfigs() {}

    /** SGLD agents on a 10-dimensional quadratic; weight decay and temperature mutate. */
    public static PopulationConfig quadratic(int population, int generations, int parallelism) {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.WEIGHT_DECAY, new Domain.Interval(1e-3, 10, Domain.Scale.LOG, false));
        m.put(Hyperparameter.TEMPERATURE, new Domain.Interval(1e-4, 0.1, Domain.Scale.LOG, false));
        HyperparameterSpace space = new HyperparameterSpace(UpdateRule.SGLD, m, Map.of(Hyperparameter.LR, 0.05));
        return new PopulationConfig(7, population, generations, 40, 10,
                new QuadraticTaskSpec(10, 0.5, 5, 1, 0.5), space, 0.25, 0.25, new double[] {1.2, 0.8},
                parallelism, 200);
    }
}
