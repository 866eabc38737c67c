package io.popflow.flink.feedback;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An unbounded single-consumer queue with an availability future, the shape a Flink source reader
 * waits on. Unbounded on purpose: the tail must never block, or a full queue and a back-pressured
 * head would deadlock the loop.
 */
final class FeedbackChannel<T> {
    private static final CompletableFuture<Void> AVAILABLE = CompletableFuture.completedFuture(null);

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();

    void put(T record) {
        queue.add(record);
        synchronized (lock) {
            available.complete(null);
        }
    }

    /** The next record, or null. */
    T poll() {
        return queue.poll();
    }

    /** Completes when a record is waiting (at once if one is already). */
    CompletableFuture<Void> availability() {
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

    int size() {
        return queue.size();
    }
}
