package io.popflow.data;

/**
 * The examples a subtask's agents learn from while a stream keeps delivering them: the most recent
 * training examples in one replay buffer, the most recent held-out ones in another. Agents wait
 * until both hold {@code minimum} examples; from then on every minibatch and every fitness
 * measurement sees the buffers as they are at that moment.
 */
public final class StreamedExamples implements SupervisedData {
    private final ReplayBuffer train;
    private final ReplayBuffer validation;
    private final int minimum;

    public StreamedExamples(int trainCapacity, int validationCapacity, int minimum, int features, int classes) {
        if (minimum <= 0 || minimum > trainCapacity || minimum > validationCapacity) {
            throw new IllegalArgumentException("minimum must be in [1, capacity], got " + minimum);
        }
        this.train = new ReplayBuffer(trainCapacity, features, classes);
        this.validation = new ReplayBuffer(validationCapacity, features, classes);
        this.minimum = minimum;
    }

    public void accept(LabeledExample e) {
        (e.validation() ? validation : train).add(e.features(), e.label());
    }

    /** Whether both buffers hold enough examples to train and to measure fitness. */
    public boolean ready() {
        return train.count() >= minimum && validation.count() >= minimum;
    }

    public ReplayBuffer trainBuffer() {
        return train;
    }

    public ReplayBuffer validationBuffer() {
        return validation;
    }

    @Override
    public Dataset train() {
        return train.training();
    }

    @Override
    public int trainRows() {
        return train.count();
    }

    @Override
    public Dataset validation() {
        return validation.snapshot();
    }

    @Override
    public Dataset test() {
        return null;
    }
}
