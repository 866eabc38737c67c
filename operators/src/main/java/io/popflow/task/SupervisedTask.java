package io.popflow.task;

import io.popflow.data.StreamedExamples;
import io.popflow.data.SupervisedData;
import io.popflow.model.Evaluation;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.Nd4jMlp;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * An MLP trained on minibatches drawn with replacement from the training examples, of a fixed split
 * or of the buffers a stream fills.
 */
final class SupervisedTask implements Task {
    private final Nd4jMlp mlp;
    private final SupervisedData data;
    private final FitnessMetric metric;
    private final Map<Integer, int[]> rowsByBatch = new HashMap<>();
    private int[] lastRows;

    SupervisedTask(MlpArchitecture architecture, SupervisedData data, FitnessMetric metric) {
        this.mlp = new Nd4jMlp(architecture);
        this.data = data;
        this.metric = metric;
    }

    @Override
    public int dimension() {
        return mlp.parameterCount();
    }

    @Override
    public void initialize(float[] params, RandomGenerator rng) {
        Nd4jMlp.initialize(mlp.architecture(), params, rng);
    }

    @Override
    public double lossAndGradient(
            float[] params, float[] gradient, int batchSize, double[] taskHyperparameters, RandomGenerator rng) {
        int[] rows = lastRows != null && lastRows.length == batchSize
                ? lastRows
                : (lastRows = rowsByBatch.computeIfAbsent(batchSize, int[]::new));
        int n = data.trainRows();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rng.nextInt(n);
        }
        return mlp.lossAndGradient(params, data.train(), rows, gradient);
    }

    @Override
    public Evaluation validate(float[] params) {
        return mlp.evaluate(params, data.validation());
    }

    @Override
    public Evaluation test(float[] params) {
        return data.test() == null ? new Evaluation(Double.NaN, Double.NaN) : mlp.evaluate(params, data.test());
    }

    @Override
    public StreamedExamples streamedExamples() {
        return data instanceof StreamedExamples s ? s : null;
    }

    @Override
    public double fitness(Evaluation validation) {
        return metric.of(validation);
    }
}
