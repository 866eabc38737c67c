package io.popflow.connectors.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.connectors.records.RawRecord;
import io.popflow.math.SplitMix64;

/**
 * A Kafka record as it arrived, before any decoding: where it came from and its raw key and value,
 * so that a record that cannot be decoded can be passed on unchanged.
 */
public record KafkaBytes(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value)
        implements RawRecord {

    @Override
    public long position() {
        return SplitMix64.derive(partition, offset);
    }

    @Override
    public void describeSource(ObjectNode source) {
        source.put("topic", topic);
        source.put("partition", partition);
        source.put("offset", offset);
        source.put("timestamp", timestamp);
    }
}
