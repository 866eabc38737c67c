package io.popflow.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * One record's content for a topic: key (null for none), value, and text headers in order, made
 * from an element in one step so that what the headers describe is built once with the value.
 */
public record KafkaMessage(byte[] key, byte[] value, Map<String, String> headers) {
    public KafkaMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A record without headers. */
    public KafkaMessage(byte[] key, byte[] value) {
        this(key, value, Map.of());
    }

    /** The headers as Kafka's, each value in UTF-8. */
    public Header[] kafkaHeaders() {
        return headers.entrySet().stream()
                .map(h -> new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8)))
                .toArray(Header[]::new);
    }

    /**
     * The size of a batch holding this record alone, uncompressed, as the producer reckons it
     * against {@code max.request.size} and a broker against {@code max.message.bytes} (Kafka's own
     * estimate, so that the two cannot disagree with popflow's arithmetic).
     */
    public int batchBytes() {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key, value, kafkaHeaders());
    }
}
