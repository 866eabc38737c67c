package io.popflow.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory supervised data set: {@code size} rows of {@code features} floats (row-major), each
 * with a class label (classification) or a target vector (regression).
 */
public final class Dataset {
    private final int size;
    private final int features;
    private final float[] x;
    private final int[] labels;
    private final int classes;
    private final float[] targets;
    private final int targetWidth;

    private Dataset(int size, int features, float[] x, int[] labels, int classes, float[] targets, int targetWidth) {
        if (x.length != (long) size * features) {
            throw new IllegalArgumentException("features: expected " + size * features + " values, got " + x.length);
        }
        this.size = size;
        this.features = features;
        this.x = x;
        this.labels = labels;
        this.classes = classes;
        this.targets = targets;
        this.targetWidth = targetWidth;
    }

    /** A classification set; labels are in {@code [0, classes)}. */
    public static Dataset classification(int features, float[] x, int[] labels, int classes) {
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ")");
            }
        }
        return new Dataset(labels.length, features, x, labels, classes, null, 0);
    }

    /** A regression set with {@code targetWidth} targets per row. */
    public static Dataset regression(int features, float[] x, float[] targets, int targetWidth) {
        return new Dataset(targets.length / targetWidth, features, x, null, 0, targets, targetWidth);
    }

    public int size() {
        return size;
    }

    public int features() {
        return features;
    }

    public boolean isClassification() {
        return labels != null;
    }

    public int classes() {
        return classes;
    }

    public int targetWidth() {
        return isClassification() ? classes : targetWidth;
    }

    public float feature(int row, int column) {
        return x[row * features + column];
    }

    public int label(int row) {
        return labels[row];
    }

    public float target(int row, int column) {
        return targets[row * targetWidth + column];
    }

    /** The rows {@code rows} of this set, in that order, as a new set. */
    public Dataset select(int[] rows) {
        float[] sx = new float[rows.length * features];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * features, sx, i * features, features);
        }
        if (isClassification()) {
            int[] sl = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sl[i] = labels[rows[i]];
            }
            return classification(features, sx, sl, classes);
        }
        float[] st = new float[rows.length * targetWidth];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(targets, rows[i] * targetWidth, st, i * targetWidth, targetWidth);
        }
        return regression(features, sx, st, targetWidth);
    }

    /** Every row index, 0 to size - 1. */
    public int[] allRows() {
        int[] rows = new int[size];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Override
    public String toString() {
        return "Dataset{size=" + size + ", features=" + features
                + (isClassification() ? ", classes=" + classes : ", targets=" + targetWidth) + '}';
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, features, classes, targetWidth);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d
                && size == d.size
                && features == d.features
                && classes == d.classes
                && Arrays.equals(x, d.x)
                && Arrays.equals(labels, d.labels)
                && Arrays.equals(targets, d.targets);
    }
}
