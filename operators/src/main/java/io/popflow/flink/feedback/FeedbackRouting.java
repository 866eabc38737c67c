package io.popflow.flink.feedback;

import java.io.Serializable;

/**
 * How an edge spreads records over its parallel channels, and which records end the loop.
 *
 * @param <T> record type on the edge
 */
public interface FeedbackRouting<T> extends Serializable {

    /** A non-negative number; the record travels on channel {@code route mod parallelism}. */
    int route(T record);

    /** Whether {@code record} marks the end of its channel (it is not emitted by the head). */
    boolean isEndOfRun(T record);
}
