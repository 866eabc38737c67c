package io.popflow.data;

import java.util.Arrays;

/**
 * The most recent {@code capacity} examples of a stream, in a ring: a new example replaces the
 * oldest once the ring is full, so under distribution drift the buffer follows the data.
 *
 * <p>Training samples rows of {@link #training()}, a live view over the whole ring whose first
 * {@link #count()} rows are filled; evaluation uses {@link #snapshot()}, exactly the filled rows,
 * rebuilt only after the ring changed.
 */
public final class ReplayBuffer {
    private final int capacity;
    private final int features;
    private final int classes;
    private final float[] x;
    private final int[] labels;
    private final Dataset view;
    private int count;
    private int next;
    private long added;
    private Dataset snapshot;
    private long snapshotAt = -1;

    public ReplayBuffer(int capacity, int features, int classes) {
        if (capacity <= 0 || features <= 0 || classes < 2) {
            throw new IllegalArgumentException("capacity and features must be > 0 and classes >= 2, got " + capacity
                    + ", " + features + ", " + classes);
        }
        this.capacity = capacity;
        this.features = features;
        this.classes = classes;
        this.x = new float[capacity * features];
        this.labels = new int[capacity];
        this.view = Dataset.classification(features, x, labels, classes);
    }

    /** Adds an example, evicting the oldest if the ring is full. */
    public void add(float[] example, int label) {
        if (example.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + example.length);
        }
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ")");
        }
        System.arraycopy(example, 0, x, next * features, features);
        labels[next] = label;
        next = (next + 1) % capacity;
        count = Math.min(count + 1, capacity);
        added++;
    }

    public int count() {
        return count;
    }

    public int capacity() {
        return capacity;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    /** Examples added since the buffer was created (including evicted ones). */
    public long added() {
        return added;
    }

    /** The whole ring as a data set; only rows below {@link #count()} hold examples. */
    public Dataset training() {
        return view;
    }

    /** The filled rows as their own data set (rows in ring order, not arrival order). */
    public Dataset snapshot() {
        if (snapshotAt != added) {
            snapshot = Dataset.classification(
                    features, Arrays.copyOf(x, count * features), Arrays.copyOf(labels, count), classes);
            snapshotAt = added;
        }
        return snapshot;
    }

    /** The features of the i-th held example in arrival order, oldest first (what a checkpoint stores). */
    public float[] features(int i) {
        int row = ringRow(i);
        return Arrays.copyOfRange(x, row * features, (row + 1) * features);
    }

    /** The label of the i-th held example in arrival order. */
    public int label(int i) {
        return labels[ringRow(i)];
    }

    /** Restores the count of examples ever added, after the held ones were re-added from a checkpoint. */
    public void restoreAdded(long total) {
        if (total < count) {
            throw new IllegalArgumentException("added " + total + " < held " + count);
        }
        added = total;
    }

    private int ringRow(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i + " outside [0, " + count + ")");
        }
        return ((count < capacity ? 0 : next) + i) % capacity;
    }
}
