package io.popflow.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from their beginning, and then what is added to them, as a {@code read_committed}
 * consumer outside any group (it commits nothing and moves no one's offsets): what a report that
 * follows a run's metrics topics needs. Only committed records are seen, so a record of a
 * transaction a failed job aborted never shows.
 */
public final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Duration timeout;

    /** One committed record: its topic, key (null if none), value and headers (the last value of each name, as UTF-8). */
    public record Record(String topic, byte[] key, byte[] value, Map<String, String> headers) {}

    /**
     * @throws IllegalStateException naming the problem: the cluster cannot be reached within {@code
     *     timeout} (for all the topics together), or a topic does not exist
     */
    public TopicTail(KafkaConnection connection, List<String> topics, Duration timeout) {
        this.timeout = timeout;
        Properties p = connection.clientProperties();
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // one wait for the client and all the topics: an unreachable cluster is reported after `timeout`
        long deadline = System.nanoTime() + timeout.toNanos();
        this.consumer = new KafkaConsumer<>(p);
        try {
            for (String topic : topics) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                List<PartitionInfo> info = consumer.partitionsFor(topic, left);
                if (info == null || info.isEmpty()) {
                    throw new IllegalStateException(
                            "topic " + topic + " does not exist at " + connection.bootstrapServers());
                }
                info.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (TimeoutException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw new IllegalStateException("cannot reach " + connection + " within " + timeout.toSeconds() + " s");
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    /** Every committed record added since the last call (since the beginning, at first), up to the topics' ends now. */
    public List<Record> catchUp() {
        List<Record> records = new ArrayList<>();
        try {
            // under read_committed the end offsets are the last stable offsets
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read the topics to their ends " + ends + " in " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    records.add(new Record(r.topic(), r.key(), r.value(), headers));
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("lost the Kafka cluster: " + e.getMessage());
        } catch (KafkaException e) {
            throw new IllegalStateException("reading the topics failed: " + e.getMessage());
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
