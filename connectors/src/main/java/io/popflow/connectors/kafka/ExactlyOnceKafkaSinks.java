package io.popflow.connectors.kafka;

import java.time.Duration;
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
    public static <T> KafkaSink<T> of(KafkaConnection connection, String topic, SerializableFunction<T, byte[]> key,
            SerializableFunction<T, byte[]> value, String transactionalIdPrefix, Duration transactionTimeout) {
        return build(connection, new TopicRecords<>(topic, key, value, null), transactionalIdPrefix, transactionTimeout);
    }

    /** A sink of unkeyed values to {@code topic}, each to the partition {@code router} picks. */
    static <T> KafkaSink<T> routed(KafkaConnection connection, String topic, TopicRecords.Router<T> router,
            SerializableFunction<T, byte[]> value, String transactionalIdPrefix, Duration transactionTimeout) {
        return build(connection, new TopicRecords<>(topic, null, value, router), transactionalIdPrefix, transactionTimeout);
    }

    private static <T> KafkaSink<T> build(KafkaConnection connection, TopicRecords<T> records,
            String transactionalIdPrefix, Duration transactionTimeout) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(connection.bootstrapServers())
                .setKafkaProducerConfig(connection.clientProperties())
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(transactionTimeout.toMillis()))
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
