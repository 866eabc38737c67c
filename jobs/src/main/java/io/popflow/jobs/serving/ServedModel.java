package io.popflow.jobs.serving;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded model with a count of its holders: the server (while it is the current one) and every
 * request scoring with it. A request that started on it finishes on it after a swap; its session is
 * closed when the last holder lets go, never under a running request.
 */
final class ServedModel {
    private final ScoringModel model;
    /** The server's hold (1) plus one per request; 0 once closed, for good. */
    private final AtomicInteger holders = new AtomicInteger(1);

    ServedModel(ScoringModel model) {
        this.model = model;
    }

    ScoringModel model() {
        return model;
    }

    /** Takes a hold, unless the model is already closed (a swap retired it and its last request ended). */
    boolean tryAcquire() {
        while (true) {
            int n = holders.get();
            if (n == 0) {
                return false;
            }
            if (holders.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Lets go of a hold; the last one closes the session. */
    void release() {
        if (holders.decrementAndGet() == 0) {
            model.close();
        }
    }
}
