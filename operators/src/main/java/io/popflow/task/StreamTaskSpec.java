package io.popflow.task;

import io.popflow.config.InvalidOptionException;
import io.popflow.data.StreamedExamples;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import java.util.Arrays;

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
public record StreamTaskSpec(int features, int classes, int[] hidden, Activation activation, int trainCapacity,
        int validationCapacity, int minimum, FitnessMetric metric) implements GradientTaskSpec {

    public StreamTaskSpec {
        hidden = hidden.clone();
        InvalidOptionException.require(features > 0, "stream.features", "must be > 0, got " + features);
        InvalidOptionException.require(classes >= 2, "stream.classes", "must be >= 2, got " + classes);
        for (int size : hidden) {
            InvalidOptionException.require(size > 0, "model.hidden", "layer sizes must be > 0, got " + Arrays.toString(hidden));
        }
        InvalidOptionException.require(trainCapacity > 0, "stream.replay_capacity", "must be > 0, got " + trainCapacity);
        InvalidOptionException.require(validationCapacity > 0, "stream.validation_capacity",
                "must be > 0, got " + validationCapacity);
        InvalidOptionException.require(minimum > 0 && minimum <= Math.min(trainCapacity, validationCapacity),
                "stream.min_examples", "must be in [1, min(replay_capacity, validation_capacity)], got " + minimum);
    }

    public MlpArchitecture architecture() {
        return MlpArchitecture.classifier(features, hidden, classes, activation);
    }

    /** Each call makes new, empty buffers: one task instance per subtask, fed by that subtask. */
    @Override
    public Task create(long runSeed) {
        return new SupervisedTask(architecture(),
                new StreamedExamples(trainCapacity, validationCapacity, minimum, features, classes), metric);
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
        return o instanceof StreamTaskSpec s && features == s.features && classes == s.classes
                && Arrays.equals(hidden, s.hidden) && activation == s.activation && trainCapacity == s.trainCapacity
                && validationCapacity == s.validationCapacity && minimum == s.minimum && metric == s.metric;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + features * 7 + classes;
    }

    @Override
    public String toString() {
        return "stream " + architecture() + ", replay " + trainCapacity + "/" + validationCapacity;
    }
}
