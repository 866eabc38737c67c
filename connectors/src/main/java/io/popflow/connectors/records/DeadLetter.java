package io.popflow.connectors.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * A refused input record: why, and the original bytes with their position (topic, partition and
 * offset, or file and line), so it can be inspected, fixed and replayed. Its JSON form is described
 * by {@code dead-letter.schema.json}, whether it goes to the dead-letter topic or file.
 */
public record DeadLetter(Rejection reason, String detail, RawRecord original) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A dead letter as it travels to its sink: the original key and the JSON bytes. (A stream of
     * {@link DeadLetter} itself would need a generic serializer for its {@link RawRecord}.)
     */
    public record Encoded(byte[] key, byte[] json) {
        public String text() {
            return new String(json, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public Encoded encoded() {
        return new Encoded(original.key(), toJson());
    }

    public byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("reason", reason.code());
        o.put("detail", detail);
        original.describeSource(o.putObject("source"));
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
