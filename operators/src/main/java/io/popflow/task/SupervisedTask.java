package io.popflow.task;

import io.popflow.data.DatasetSplit;
import io.popflow.model.Evaluation;
import io.popflow.model.Mlp;
import io.popflow.model.MlpArchitecture;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** An MLP trained on minibatches drawn with replacement from the training part of a split. */
final class SupervisedTask implements Task {
    private final Mlp mlp;
    private final DatasetSplit split;
    private final FitnessMetric metric;
    private final Map<Integer, int[]> rowsByBatch = new HashMap<>();
    private int[] lastRows;

    SupervisedTask(MlpArchitecture architecture, DatasetSplit split, FitnessMetric metric) {
        this.mlp = new Mlp(architecture);
        this.split = split;
        this.metric = metric;
    }

    @Override
    public int dimension() {
        return mlp.parameterCount();
    }

    @Override
    public void initialize(float[] params, RandomGenerator rng) {
        Mlp.initialize(mlp.architecture(), params, rng);
    }

    @Override
    public double lossAndGradient(float[] params, float[] gradient, int batchSize, double[] taskHyperparameters,
            RandomGenerator rng) {
        int[] rows = lastRows != null && lastRows.length == batchSize
                ? lastRows : (lastRows = rowsByBatch.computeIfAbsent(batchSize, int[]::new));
        int n = split.train().size();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rng.nextInt(n);
        }
        return mlp.lossAndGradient(params, split.train(), rows, gradient);
    }

    @Override
    public Evaluation validate(float[] params) {
        return mlp.evaluate(params, split.validation());
    }

    @Override
    public Evaluation test(float[] params) {
        return mlp.evaluate(params, split.test());
    }

    @Override
    public double fitness(Evaluation validation) {
        return metric.of(validation);
    }
}
