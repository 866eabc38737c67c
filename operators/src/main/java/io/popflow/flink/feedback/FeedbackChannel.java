package io.popflow.flink.feedback;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An unbounded single-consumer queue with an availability future, the shape a Flink source reader
 * waits on (the in-JVM edge's channel, and the Kafka edge's hand-off from its fetch thread). Unbounded on purpose: the tail must never block, or a full queue and a back-pressured
 * head would deadlock the loop.
 */
public final class FeedbackChannel<T> {
    private static final CompletableFuture<Void> AVAILABLE = CompletableFuture.completedFuture(null);

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();

    public void put(T record) {
        queue.add(record);
        synchronized (lock) {
            available.complete(null);
        }
    }

    /** The next record, or null. */
    public T poll() {
        return queue.poll();
    }

    /** Completes when a record is waiting (at once if one is already). */
    public CompletableFuture<Void> availability() {
        synchronized (lock) {
            if (!queue.isEmpty()) {
                return AVAILABLE;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    public int size() {
        return queue.size();
    }
}
