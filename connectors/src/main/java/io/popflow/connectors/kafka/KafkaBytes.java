package io.popflow.connectors.kafka;

/**
 * A Kafka record as it arrived, before any decoding: where it came from and its raw key and value,
 * so that a record that cannot be decoded can be passed on unchanged.
 */
public record KafkaBytes(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {}
