package io.popflow.jobs.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A model as it is published, built once: the ONNX file's bytes and the description that goes
 * beside them (as {@code X.json}, or in a Kafka record's headers), whose {@code model_sha256} is
 * the SHA-256 of {@code onnx}.
 */
public record DescribedModel(byte[] onnx, ObjectNode description) {

    /** The description's text, exactly as {@link ModelFiles} writes it to the {@code .json} file. */
    public String descriptionJson() {
        return ModelFiles.json(description);
    }
}
