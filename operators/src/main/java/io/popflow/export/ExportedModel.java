package io.popflow.export;

/**
 * An agent's weights as an ONNX model.
 *
 * @param onnx the serialized {@code ModelProto}
 * @param description what it takes and gives
 */
public record ExportedModel(byte[] onnx, ModelDescription description) {}
