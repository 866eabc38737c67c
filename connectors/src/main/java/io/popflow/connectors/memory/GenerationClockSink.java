package io.popflow.connectors.memory;

import io.popflow.agent.AgentReport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Keeps, under a key, only how many agent reports arrived and when the last report of each
 * generation did: for benchmarks of large populations, where keeping the reports themselves would
 * weigh on the memory being measured.
 */
public final class GenerationClockSink implements Sink<AgentReport> {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, Clock> CLOCKS = new ConcurrentHashMap<>();

    private final String key;

    /** Report count and, per generation, the {@link System#nanoTime()} of its latest report. */
    public record Clock(AtomicInteger count, Map<Integer, Long> lastArrival) {}

    public GenerationClockSink(String key) {
        this.key = key;
        CLOCKS.put(key, new Clock(new AtomicInteger(), new ConcurrentHashMap<>()));
    }

    /** The clock under {@code key}, while the run goes on or after it ended. */
    public static Clock clock(String key) {
        return CLOCKS.get(key);
    }

    /** Removes the clock under {@code key}. */
    public static Clock remove(String key) {
        return CLOCKS.remove(key);
    }

    @Override
    public SinkWriter<AgentReport> createWriter(WriterInitContext context) {
        Clock clock = CLOCKS.computeIfAbsent(key, k -> new Clock(new AtomicInteger(), new ConcurrentHashMap<>()));
        return new SinkWriter<>() {
            @Override
            public void write(AgentReport report, Context ctx) {
                clock.lastArrival().merge(report.generation(), System.nanoTime(), Math::max);
                clock.count().incrementAndGet();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
