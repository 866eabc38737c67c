package io.popflow.flink.feedback;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-JVM meeting point of tails and heads. Static on purpose: co-located tail and head
 * subtasks are separate tasks that share nothing but the JVM (and the job's class loader).
 */
public final class FeedbackBroker {
    private static final ConcurrentHashMap<ChannelKey, FeedbackChannel<?>> CHANNELS = new ConcurrentHashMap<>();

    private FeedbackBroker() {}

    /** The channel for {@code key}, created by whichever side asks first. */
    @SuppressWarnings("unchecked")
    static <T> FeedbackChannel<T> channel(ChannelKey key) {
        return (FeedbackChannel<T>) CHANNELS.computeIfAbsent(key, k -> new FeedbackChannel<>());
    }

    /** Drops the channel of {@code key} and those of earlier attempts on the same channel. */
    static void release(ChannelKey key) {
        CHANNELS.keySet().removeIf(k -> k.equals(key) || key.sameChannelOlderAttempt(k));
    }

    /** Drops only the channels of earlier attempts, whose records no one will read. */
    static void releaseOlderAttempts(ChannelKey key) {
        CHANNELS.keySet().removeIf(key::sameChannelOlderAttempt);
    }

    /** Number of open channels in this JVM (for tests and metrics). */
    public static int openChannels() {
        return CHANNELS.size();
    }
}
