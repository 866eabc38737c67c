package io.popflow.slow;

import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hyperparameter spaces shared by the slow-dynamics tests. */
final class Spaces {
    private Spaces() {}

    /** lr in [1e-3, 0.5] (log), batch_size in {16, 32, 64, 128}, momentum fixed at 0.9. */
    static HyperparameterSpace lrAndBatch() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(1e-3, 0.5, Domain.Scale.LOG, false));
        m.put(Hyperparameter.BATCH_SIZE, new Domain.Choice(new double[] {16, 32, 64, 128}));
        return new HyperparameterSpace(UpdateRule.SGD, m, Map.of(Hyperparameter.MOMENTUM, 0.9));
    }

    /** batch_size as a whole-number interval [1, 10]. */
    static HyperparameterSpace integerBatch() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.BATCH_SIZE, new Domain.Interval(1, 10, Domain.Scale.LINEAR, true));
        return new HyperparameterSpace(UpdateRule.SGD, m, Map.of());
    }
}
