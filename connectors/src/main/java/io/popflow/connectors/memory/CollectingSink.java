package io.popflow.connectors.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Hands records to code in the same JVM, under a key, with the time each arrived: for analyses and
 * benchmarks that run jobs on an embedded cluster and read their output back. Records arrive as the
 * job emits them; with restarts they may repeat, so use it on runs without failures, and use files
 * or Kafka to keep output.
 */
public final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, Queue<Arrival<?>>> COLLECTED = new ConcurrentHashMap<>();

    private final String key;

    /**
     * A record and when it reached the sink.
     *
     * @param nanos {@link System#nanoTime()} at arrival
     * @param value the record
     */
    public record Arrival<T>(long nanos, T value) {}

    public CollectingSink(String key) {
        this.key = key;
        COLLECTED.put(key, new ConcurrentLinkedQueue<>());
    }

    /** Removes and returns everything collected under {@code key}, in arrival order. */
    @SuppressWarnings("unchecked") // the caller's key names what its sink collected: one type per key
    public static <T> List<T> drain(String key) {
        return drainArrivals(key).stream().map(a -> (T) a.value()).toList();
    }

    /** Removes and returns everything collected under {@code key}, with arrival times. */
    @SuppressWarnings("unchecked")
    public static <T> List<Arrival<T>> drainArrivals(String key) {
        Queue<Arrival<?>> queue = COLLECTED.remove(key);
        List<Arrival<T>> out = new ArrayList<>();
        if (queue != null) {
            queue.forEach(a -> out.add((Arrival<T>) a));
        }
        return out;
    }

    /** How many records have arrived under {@code key} so far. */
    public static int count(String key) {
        Queue<Arrival<?>> queue = COLLECTED.get(key);
        return queue == null ? 0 : queue.size();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Arrival<?>> queue = COLLECTED.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                queue.add(new Arrival<>(System.nanoTime(), element));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
