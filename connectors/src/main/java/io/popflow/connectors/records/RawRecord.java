package io.popflow.connectors.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * A training record as it arrived, before it is checked: its bytes, and where it came from (a
 * Kafka topic's partition and offset, or a file's line), so that a refused one can be found, fixed
 * and sent again.
 */
public interface RawRecord extends Serializable {

    /** The record's key, or null (a file line has none). */
    byte[] key();

    /** The record's bytes, or null. */
    byte[] value();

    /**
     * A 64-bit hash of the record's place in its input: the same on every subtask and after a
     * restore, so that the held-out choice ({@link HeldOut}) needs no coordination.
     */
    long position();

    /** Writes the {@code source} object of the record's dead letter (dead-letter.schema.json). */
    void describeSource(ObjectNode source);
}
