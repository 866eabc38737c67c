package io.popflow.jobs.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a run's one-document JSON files ({@code summary.json}, a model's description). */
public final class JsonDocument {
    // a document followed by more (two writes interleaved) is no more the file's than a torn one
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonDocument() {}

    /** {@code file}'s JSON document; one that does not parse is the file's damage ({@link DamagedFileException}). */
    public static JsonNode read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            JsonNode document = JSON.readTree(bytes);
            if (document == null || document.isMissingNode()) {
                throw DamagedFileException.empty(file);
            }
            return document;
        } catch (JsonProcessingException e) {
            throw DamagedFileException.ofDocument(file, e);
        }
    }
}
