package io.popflow.connectors.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Elements to Kafka records of one topic: key, value and headers from a function, and a partition
 * from a router or, without one, from the key.
 *
 * <p>The record's timestamp is left to the producer (the time of sending): the elements' Flink
 * timestamps are not event times here, and a count window stamps its output with {@code
 * Long.MAX_VALUE}, which a broker refuses.
 */
final class TopicRecords<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    /** The partition of an element among {@code partitions} (the topic's partition count). */
    interface Router<T> extends java.io.Serializable {
        int partition(T element, int partitions);
    }

    private final String topic;
    private final SerializableFunction<T, KafkaMessage> message;
    private final Router<T> router;

    /** @param router null to let the producer partition by key */
    TopicRecords(String topic, SerializableFunction<T, KafkaMessage> message, Router<T> router) {
        this.topic = topic;
        this.message = message;
        this.router = router;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        Integer partition =
                router == null ? null : router.partition(element, context.getPartitionsForTopic(topic).length);
        KafkaMessage m = message.apply(element);
        return new ProducerRecord<>(topic, partition, m.key(), m.value(), new RecordHeaders(m.kafkaHeaders()));
    }
}
