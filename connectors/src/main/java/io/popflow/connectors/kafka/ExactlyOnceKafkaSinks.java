package io.popflow.connectors.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Transactional Kafka sinks: records become visible to {@code read_committed} readers when the
 * checkpoint that covers them completes, and a restore aborts what was written after it.
 *
 * <p>The transaction timeout is set explicitly: the sink's default (1 hour) exceeds the broker's
 * default {@code transaction.max.timeout.ms} (15 minutes), and the broker refuses such producers.
 * It must also exceed the longest time from a checkpoint to its completion notification plus a
 * restart, or the broker aborts a transaction Flink will still commit.
 */
public final class ExactlyOnceKafkaSinks {
    private ExactlyOnceKafkaSinks() {}

    /**
     * A sink of {@code key}/{@code value} records to {@code topic}, partitioned by key.
     *
     * @param transactionalIdPrefix unique per sink and job on the cluster, stable across restores
     */
    public static <T> KafkaSink<T> of(
            KafkaConnection connection,
            String topic,
            SerializableFunction<T, byte[]> key,
            SerializableFunction<T, byte[]> value,
            String transactionalIdPrefix,
            Duration transactionTimeout) {
        return build(
                connection,
                new TopicRecords<>(topic, e -> new KafkaMessage(key.apply(e), value.apply(e)), null),
                transactionalIdPrefix,
                transactionTimeout,
                Map.of());
    }

    /**
     * A sink of records with headers to {@code topic}, partitioned by key, each at most {@code
     * maxRecordBytes} long (the producer's {@code max.request.size} and {@code batch.size}, so that no
     * batch of several records exceeds what a topic sized for one record accepts).
     */
    public static <T> KafkaSink<T> ofMessages(
            KafkaConnection connection,
            String topic,
            SerializableFunction<T, KafkaMessage> message,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            int maxRecordBytes) {
        return build(
                connection,
                new TopicRecords<>(topic, message, null),
                transactionalIdPrefix,
                transactionTimeout,
                Map.of(
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        String.valueOf(maxRecordBytes),
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        String.valueOf(maxRecordBytes)));
    }

    /** A sink of unkeyed values to {@code topic}, each to the partition {@code router} picks. */
    static <T> KafkaSink<T> routed(
            KafkaConnection connection,
            String topic,
            TopicRecords.Router<T> router,
            SerializableFunction<T, byte[]> value,
            String transactionalIdPrefix,
            Duration transactionTimeout) {
        return build(
                connection,
                new TopicRecords<>(topic, e -> new KafkaMessage(null, value.apply(e)), router),
                transactionalIdPrefix,
                transactionTimeout,
                Map.of());
    }

    private static <T> KafkaSink<T> build(
            KafkaConnection connection,
            TopicRecords<T> records,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            Map<String, String> producer) {
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(connection.bootstrapServers())
                .setKafkaProducerConfig(connection.clientProperties())
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(transactionTimeout.toMillis()));
        producer.forEach(builder::setProperty);
        return builder.setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
