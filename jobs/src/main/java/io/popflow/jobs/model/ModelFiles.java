package io.popflow.jobs.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.export.ExportedModel;
import io.popflow.export.ModelDescription;
import io.popflow.jobs.run.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes a model pair, {@code X.onnx} and {@code X.json} beside it. Each file goes to a temporary
 * name in the same folder and is renamed into place atomically, the description first: a reader
 * that finds a new {@code .onnx} finds its description already there, and tells the pair by the
 * description's {@code model_sha256}.
 */
public final class ModelFiles {
    /** Version of the description's layout. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {}

    /** The description beside {@code onnx}: the same name with {@code .json} for {@code .onnx}. */
    public static Path descriptionOf(Path onnx) {
        String name = onnx.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        return onnx.resolveSibling(stem + ".json");
    }

    /**
     * Writes {@code model} to {@code onnx} and its description beside it; returns the description.
     *
     * @param provenance where the weights come from: {@code run_id}, {@code agent}, {@code
     *     generation}, {@code fitness}, {@code hyperparameters}, {@code params_sha256} and more, in order
     */
    public static ObjectNode write(Path onnx, ExportedModel model, ObjectNode provenance) throws IOException {
        return write(onnx, described(model, provenance));
    }

    /** Writes {@code model} to {@code onnx} and its description beside it; returns the description. */
    public static ObjectNode write(Path onnx, DescribedModel model) throws IOException {
        Path folder = onnx.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        AtomicFiles.write(descriptionOf(onnx), model.descriptionJson());
        AtomicFiles.write(onnx, model.onnx());
        return model.description();
    }

    /** {@code model} with its description: the format, {@code provenance}, the model's SHA-256 and what it computes. */
    public static DescribedModel described(ExportedModel model, ObjectNode provenance) {
        ObjectNode d = JSON.createObjectNode();
        d.put("format", FORMAT);
        d.setAll(provenance);
        d.put("model_sha256", sha256(model.onnx()));
        describe(d, model.description());
        return new DescribedModel(model.onnx(), d);
    }

    /** The description's JSON as the files hold it. */
    public static String json(JsonNode description) {
        try {
            return JSON.writeValueAsString(description);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void describe(ObjectNode d, ModelDescription m) {
        d.put("task", m.task());
        d.put("kind", m.kind().jsonName());
        ArrayNode columns = d.putArray("columns");
        for (ModelDescription.Column c : m.columns()) {
            ObjectNode o = columns.addObject();
            o.put("name", c.name());
            o.put("type", c.type());
            o.put("input", c.input());
            o.put("index", c.index());
            if (c.type().equals(ModelDescription.Column.TEXT)) {
                c.categories().forEach(o.putArray("categories")::add);
            }
        }
        if (m.labelColumn() != null) {
            d.put("label_column", m.labelColumn());
        }
        if (m.missing() != null) {
            d.put("missing", m.missing());
        }
        if (m.delimiter() != null) {
            d.put("delimiter", m.delimiter());
        }
        if (m.header() != null) {
            d.put("header", m.header());
        }
        if (!m.classes().isEmpty()) {
            m.classes().forEach(d.putArray("classes")::add);
        }
        if (m.target() != null) {
            d.putObject("target")
                    .put("name", m.target().name())
                    .put("units", m.target().units());
        }
        if (!m.actions().isEmpty()) {
            m.actions().forEach(d.putArray("actions")::add);
        }
        ObjectNode outputs = d.putObject("outputs");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m.outputs()).entrySet()) {
            outputs.put(e.getKey(), e.getValue());
        }
    }

    /** SHA-256 of {@code bytes}, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
