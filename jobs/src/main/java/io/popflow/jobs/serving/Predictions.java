package io.popflow.jobs.serving;

/**
 * A batch's outputs, as the model's kind has them (the others null): a classification's labels
 * (the classes' original text) and probabilities in {@code classes} order, a regression's values in
 * the target's units, a Q-network's greedy actions and Q-values.
 */
public record Predictions(String[] labels, float[][] probabilities, float[] values, long[] actions, float[][] qValues) {
    public int rows() {
        return labels != null ? labels.length : values != null ? values.length : actions.length;
    }
}
