package io.popflow.task;

import io.popflow.data.StreamedExamples;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.taskkind.TaskKind;
import java.util.Arrays;
import java.util.List;

/**
 * Classification of examples that arrive on a stream (a Kafka topic): every subtask keeps the most
 * recent ones in replay buffers, agents sample minibatches from the training buffer and are
 * measured on the held-out one. Training waits until both buffers hold {@code minimum} examples.
 *
 * @param features inputs per example
 * @param classes labels are in {@code [0, classes)}
 * @param hidden hidden layer sizes
 * @param activation hidden nonlinearity
 * @param trainCapacity training examples kept per subtask
 * @param validationCapacity held-out examples kept per subtask
 * @param minimum examples each buffer needs before agents train
 * @param metric what fitness is made of
 */
public record StreamTaskSpec(
        int features,
        int classes,
        int[] hidden,
        Activation activation,
        int trainCapacity,
        int validationCapacity,
        int minimum,
        FitnessMetric metric)
        implements GradientTaskSpec {

    public static final Option<Integer> FEATURES = Option.integer("stream.features", null, "features per record")
            .defaultIs("none: must be set")
            .above(0)
            .appliesTo(TaskKind.STREAM);
    public static final Option<Integer> CLASSES = Option.integer("stream.classes", null, "labels are 0 to classes - 1")
            .defaultIs("none: must be set")
            .atLeast(2)
            .appliesTo(TaskKind.STREAM);
    public static final Option<Integer> REPLAY_CAPACITY = Option.integer(
                    "stream.replay_capacity",
                    2048,
                    "training examples each trainer subtask keeps (newest replace oldest)")
            .above(0)
            .appliesTo(TaskKind.STREAM);
    public static final Option<Integer> VALIDATION_CAPACITY = Option.integer(
                    "stream.validation_capacity", 512, "held-out examples each trainer subtask keeps")
            .above(0)
            .appliesTo(TaskKind.STREAM);
    public static final Option<Integer> MIN_EXAMPLES = Option.integer(
                    "stream.min_examples", 128, "examples each buffer needs before agents train")
            .above(0)
            .appliesTo(TaskKind.STREAM);
    public static final Option<FitnessMetric> FITNESS = Option.choice(
                    "data.fitness", FitnessMetric.class, FitnessMetric.NEGATIVE_LOSS, "stream: what fitness is made of")
            .appliesTo(TaskKind.STREAM);

    public static final List<Option<?>> OPTIONS =
            List.of(FEATURES, CLASSES, REPLAY_CAPACITY, VALIDATION_CAPACITY, MIN_EXAMPLES, FITNESS);

    public StreamTaskSpec {
        FEATURES.require(features);
        CLASSES.require(classes);
        hidden = ModelOptions.HIDDEN.require(hidden).clone();
        REPLAY_CAPACITY.require(trainCapacity);
        VALIDATION_CAPACITY.require(validationCapacity);
        InvalidOptionException.require(
                minimum > 0 && minimum <= Math.min(trainCapacity, validationCapacity),
                "stream.min_examples",
                "must be in [1, min(replay_capacity, validation_capacity)], got " + minimum);
    }

    public MlpArchitecture architecture() {
        return MlpArchitecture.classifier(features, hidden, classes, activation);
    }

    /** Each call makes new, empty buffers: one task instance per subtask, fed by that subtask. */
    @Override
    public Task create(long runSeed) {
        return new SupervisedTask(
                architecture(),
                new StreamedExamples(trainCapacity, validationCapacity, minimum, features, classes),
                metric);
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public boolean hasClosedForm() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamTaskSpec s
                && features == s.features
                && classes == s.classes
                && Arrays.equals(hidden, s.hidden)
                && activation == s.activation
                && trainCapacity == s.trainCapacity
                && validationCapacity == s.validationCapacity
                && minimum == s.minimum
                && metric == s.metric;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + features * 7 + classes;
    }

    @Override
    public String toString() {
        return "stream " + architecture() + ", replay " + trainCapacity + "/" + validationCapacity;
    }

    /**
     * Reads what the learner needs of {@code task: stream}: {@code stream: {features, classes,
     * replay_capacity, validation_capacity, min_examples}}, {@code model} and {@code data.fitness}.
     * How records arrive (format, Kafka or a folder) is the job's: it reads the rest of {@code
     * stream} and then refuses what no one read.
     */
    public static StreamTaskSpec from(OptionSection run) {
        OptionSection s = run.child("stream");
        OptionSection model = run.child("model");
        OptionSection data = run.child("data");
        int[] hidden = model.get(ModelOptions.HIDDEN);
        Activation activation = model.get(ModelOptions.ACTIVATION);
        FitnessMetric metric = data.get(FITNESS);
        InvalidOptionException.require(
                s.has(FEATURES), FEATURES.key(), "must be set: the number of features per record");
        InvalidOptionException.require(s.has(CLASSES), CLASSES.key(), "must be set: labels are 0 to classes - 1");
        StreamTaskSpec spec = new StreamTaskSpec(
                s.get(FEATURES),
                s.get(CLASSES),
                hidden,
                activation,
                s.get(REPLAY_CAPACITY),
                s.get(VALIDATION_CAPACITY),
                s.get(MIN_EXAMPLES),
                metric);
        model.rejectUnknown();
        data.rejectUnknown();
        return spec;
    }
}
