package io.popflow.connectors.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.connectors.examples.Rejection;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * A refused input record: why, and the original bytes with their position, so it can be inspected,
 * fixed and replayed. Its JSON form is described by {@code dead-letter.schema.json}.
 */
public record DeadLetter(Rejection reason, String detail, KafkaBytes original) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("reason", reason.code());
        o.put("detail", detail);
        ObjectNode source = o.putObject("source");
        source.put("topic", original.topic());
        source.put("partition", original.partition());
        source.put("offset", original.offset());
        source.put("timestamp", original.timestamp());
        if (original.key() == null) {
            o.putNull("key_base64");
        } else {
            o.put("key_base64", Base64.getEncoder().encodeToString(original.key()));
        }
        if (original.value() == null) {
            o.putNull("value_base64");
        } else {
            o.put("value_base64", Base64.getEncoder().encodeToString(original.value()));
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
