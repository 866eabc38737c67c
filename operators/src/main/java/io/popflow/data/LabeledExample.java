package io.popflow.data;

/**
 * One training example that arrived on a stream, already checked (width, finiteness, magnitude,
 * label range) by whoever decoded it.
 *
 * @param features the inputs
 * @param label the class, in {@code [0, classes)}
 * @param validation whether it is held out for fitness rather than trained on; decided from the
 *     example's position in its source, so that every subtask agrees
 */
public record LabeledExample(float[] features, int label, boolean validation) {}
