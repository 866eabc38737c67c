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
 * Hands records to code in the same JVM, under a key: for analyses that run jobs on an embedded
 * cluster and read their output back (the theory checks). Records arrive as the job emits them;
 * with restarts they may repeat, so use it on runs without failures, and use files or Kafka to keep
 * output.
 */
public final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, Queue<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String key;

    public CollectingSink(String key) {
        this.key = key;
        COLLECTED.put(key, new ConcurrentLinkedQueue<>());
    }

    /** Removes and returns everything collected under {@code key}. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> drain(String key) {
        Queue<Object> queue = COLLECTED.remove(key);
        List<T> out = new ArrayList<>();
        if (queue != null) {
            queue.forEach(o -> out.add((T) o));
        }
        return out;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = COLLECTED.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
