package io.popflow.task;

import io.popflow.data.DatasetSplit;
import io.popflow.data.DigitsData;
import io.popflow.math.RandomStreams;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import java.util.Arrays;
import java.util.List;

/**
 * Classification of the UCI handwritten digits (8x8 pixels, 10 classes) by an MLP with the given
 * hidden layers; the data set is split by the run's seed.
 *
 * @param hidden hidden layer sizes, e.g. {@code [64]}
 * @param activation hidden nonlinearity
 * @param trainFraction share of rows the fast dynamics trains on
 * @param validationFraction share of rows fitness is measured on (the rest is the test set)
 * @param metric what fitness is made of
 */
public record DigitsTaskSpec(
        int[] hidden, Activation activation, double trainFraction, double validationFraction, FitnessMetric metric)
        implements GradientTaskSpec {

    public static final Option<double[]> SPLIT = Option.numbers(
                    "data.split",
                    new double[] {0.6, 0.2},
                    "digits: train and validation fractions; the rest is the test set")
            .check(s -> s.length == 2, "must be [train, validation] fractions")
            .appliesTo(TaskKind.DIGITS);
    public static final Option<FitnessMetric> FITNESS = Option.choice(
                    "data.fitness", FitnessMetric.class, FitnessMetric.ACCURACY, "digits: what fitness is made of")
            .appliesTo(TaskKind.DIGITS);

    public static final List<Option<?>> OPTIONS = List.of(SPLIT, FITNESS);

    public DigitsTaskSpec {
        hidden = ModelOptions.HIDDEN.require(hidden).clone();
        InvalidOptionException.require(
                trainFraction > 0 && validationFraction > 0 && trainFraction + validationFraction < 1,
                "data.split",
                "train and validation fractions must be > 0 and leave a test part, got " + trainFraction + " and "
                        + validationFraction);
    }

    public MlpArchitecture architecture() {
        return MlpArchitecture.classifier(DigitsData.FEATURES, hidden, DigitsData.CLASSES, activation);
    }

    @Override
    public Task create(long runSeed) {
        return new SupervisedTask(architecture(), split(runSeed), metric);
    }

    /** The data set cut by the run's seed into the train, validation and test parts. */
    public DatasetSplit split(long runSeed) {
        return DatasetSplit.of(
                DigitsData.load(), trainFraction, validationFraction, RandomStreams.DATA_SPLIT.generator(runSeed));
    }

    @Override
    public String name() {
        return "digits";
    }

    /** A neural network's Gibbs expectation has no closed form. */
    @Override
    public boolean hasClosedForm() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigitsTaskSpec d
                && Arrays.equals(hidden, d.hidden)
                && activation == d.activation
                && trainFraction == d.trainFraction
                && validationFraction == d.validationFraction
                && metric == d.metric;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + activation.hashCode();
    }

    @Override
    public String toString() {
        return "digits " + architecture();
    }

    /** Reads {@code model: {hidden, activation}} and {@code data: {split, fitness}}. */
    public static DigitsTaskSpec from(OptionSection run) {
        OptionSection model = run.child("model");
        OptionSection data = run.child("data");
        int[] hidden = model.get(ModelOptions.HIDDEN);
        Activation activation = model.get(ModelOptions.ACTIVATION);
        double[] split = data.get(SPLIT);
        FitnessMetric metric = data.get(FITNESS);
        model.rejectUnknown();
        data.rejectUnknown();
        return new DigitsTaskSpec(hidden, activation, split[0], split[1], metric);
    }
}
