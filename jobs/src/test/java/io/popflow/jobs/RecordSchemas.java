package io.popflow.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The published JSON Schemas of popflow's records ({@code connectors/.../io/popflow/schemas}). */
enum RecordSchemas {
    AGENT_REPORT("agent-report"),
    GENERATION_SUMMARY("generation-summary"),
    LINEAGE_EVENT("lineage-event"),
    DEAD_LETTER("dead-letter");

    private final Schema schema;

    RecordSchemas(String name) {
        String path = "/io/popflow/schemas/" + name + ".schema.json";
        try (InputStream in = RecordSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no schema on the classpath at " + path);
            }
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code record} against this schema; empty if it is valid. */
    List<String> violations(JsonNode record) {
        return schema.validate(record).stream().map(Object::toString).toList();
    }
}
