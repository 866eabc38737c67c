package io.popflow.task;

import io.popflow.data.Dataset;
import io.popflow.data.DatasetSplit;
import io.popflow.data.TableEncoding;
import io.popflow.math.SplitMix64;
import io.popflow.model.Evaluation;
import io.popflow.model.Nd4jMlp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One run's instance of a {@link TableTaskSpec}: the rows split by the run's seed (stratified by
 * class for a classification), encoded with the training rows' statistics, and an MLP trained on
 * them; a regression's test metrics are in the target's own units.
 */
final class TableTask implements Task {
    private final SupervisedTask supervised;
    private final TableEncoding encoding;
    private final Dataset test;
    private final double[] testTargets;
    private final boolean regression;
    private final Nd4jMlp mlp;

    TableTask(TableTaskSpec spec, long runSeed) {
        int[][] parts = spec.parts(runSeed);
        regression = spec.target() == TableTaskSpec.Target.REGRESSION;
        encoding = spec.encoding(parts[0]);
        test = encoding.encode(parts[2]);
        DatasetSplit data = new DatasetSplit(encoding.encode(parts[0]), encoding.encode(parts[1]), test);
        supervised = new SupervisedTask(spec.architecture(encoding.width()), data, spec.metric());
        mlp = new Nd4jMlp(spec.architecture(encoding.width()));
        testTargets = new double[parts[2].length];
        if (regression) {
            double[] y = ((io.popflow.data.Table.Numeric) spec.table().columns()[spec.label()]).values();
            for (int i = 0; i < testTargets.length; i++) {
                testTargets[i] = y[parts[2][i]];
            }
        }
    }

    /**
     * Train, validation and test rows: shuffled by {@code rng} and cut by the spec's fractions, per
     * class for a classification (so each part keeps the classes' shares, to rounding).
     */
    static int[][] split(TableTaskSpec spec, SplitMix64 rng) {
        List<int[]> groups = new ArrayList<>();
        int n = spec.table().rows();
        if (spec.target() == TableTaskSpec.Target.CLASSIFICATION) {
            List<String> classes = Arrays.asList(spec.classes());
            List<List<Integer>> byClass = new ArrayList<>();
            classes.forEach(c -> byClass.add(new ArrayList<>()));
            for (int r = 0; r < n; r++) {
                byClass.get(classes.indexOf(TableEncoding.labelText(spec.table(), spec.label(), r)))
                        .add(r);
            }
            byClass.forEach(
                    g -> groups.add(g.stream().mapToInt(Integer::intValue).toArray()));
        } else {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            groups.add(all);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] rows : groups) {
            for (int i = rows.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            int[] cut = spec.cut(rows.length);
            int nTrain = cut[0];
            int nValidation = cut[1];
            for (int i = 0; i < rows.length; i++) {
                (i < nTrain ? train : i < nTrain + nValidation ? validation : test).add(rows[i]);
            }
        }
        return new int[][] {sorted(train), sorted(validation), sorted(test)};
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public int dimension() {
        return supervised.dimension();
    }

    @Override
    public void initialize(float[] params, RandomGenerator rng) {
        supervised.initialize(params, rng);
    }

    @Override
    public double lossAndGradient(
            float[] params, float[] gradient, int batchSize, double[] taskHyperparameters, RandomGenerator rng) {
        return supervised.lossAndGradient(params, gradient, batchSize, taskHyperparameters, rng);
    }

    @Override
    public Evaluation validate(float[] params) {
        return supervised.validate(params);
    }

    /** A classification's loss and accuracy; a regression's MSE, MAE and R² in the target's units. */
    @Override
    public Evaluation test(float[] params) {
        if (!regression) {
            return supervised.test(params);
        }
        float[] predicted = mlp.predict(params, test);
        double mean = Arrays.stream(testTargets).average().orElse(Double.NaN);
        double squares = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < testTargets.length; i++) {
            double r = encoding.targetOf(predicted[i]) - testTargets[i];
            squares += r * r;
            absolute += Math.abs(r);
            total += (testTargets[i] - mean) * (testTargets[i] - mean);
        }
        int n = testTargets.length;
        return new Evaluation(squares / n, Double.NaN, absolute / n, 1 - squares / total);
    }

    @Override
    public double fitness(Evaluation validation) {
        return supervised.fitness(validation);
    }
}
