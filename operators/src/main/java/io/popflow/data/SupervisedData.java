package io.popflow.data;

/** Where a supervised task's examples come from: a fixed split, or buffers a stream keeps filling. */
public interface SupervisedData {

    /** Rows to sample minibatches from; only rows below {@link #trainRows()} are examples. */
    Dataset train();

    int trainRows();

    /** The examples fitness is measured on. */
    Dataset validation();

    /** Held-out test examples, or null where there are none (a stream). */
    Dataset test();
}
