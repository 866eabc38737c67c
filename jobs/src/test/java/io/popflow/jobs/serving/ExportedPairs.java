package io.popflow.jobs.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.export.ExportedModel;
import io.popflow.export.ModelDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes the popflow exporter's model of some weights ({@link io.popflow.export.ModelExport}) as
 * the pair the model contract describes: the .json (run, agent, generation, digests, columns,
 * meaning of the outputs) first, then the .onnx, each renamed into place.
 */
public final class ExportedPairs {
    static final ObjectMapper JSON = new ObjectMapper();

    private ExportedPairs() {}

    /** Writes {@code bytes} to a temporary file beside {@code file} and renames it into place (atomically). */
    static void renameIntoPlace(Path file, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Path write(Path dir, String stem, ExportedModel m, float[] params, int agent, int generation) throws IOException {
        ModelDescription d = m.description();
        ObjectNode j = JSON.createObjectNode();
        j.put("format", 1).put("run_id", "test-run").put("agent", agent).put("generation", generation)
                .put("fitness_on", "validation").put("params_sha256", AgentLifecycle.sha256(params))
                .put("model_sha256", ModelPair.sha256(m.onnx())).put("task", d.task()).put("kind", d.kind().jsonName());
        ArrayNode columns = j.putArray("columns");
        for (ModelDescription.Column c : d.columns()) {
            ObjectNode o = columns.addObject().put("name", c.name()).put("type", c.type()).put("input", c.input())
                    .put("index", c.index());
            if (ModelDescription.Column.TEXT.equals(c.type())) {
                c.categories().forEach(o.putArray("categories")::add);
            }
        }
        if (d.labelColumn() != null) {
            j.put("label_column", d.labelColumn());
        }
        if (d.missing() != null) {
            j.put("missing", d.missing());
        }
        if (!d.classes().isEmpty()) {
            d.classes().forEach(j.putArray("classes")::add);
        }
        if (d.target() != null) {
            j.putObject("target").put("name", d.target().name()).put("units", d.target().units());
        }
        if (!d.actions().isEmpty()) {
            d.actions().forEach(j.putArray("actions")::add);
        }
        ObjectNode outputs = j.putObject("outputs");
        for (Map.Entry<String, String> e : d.outputs().entrySet()) {
            outputs.put(e.getKey(), e.getValue());
        }
        Files.createDirectories(dir);
        renameIntoPlace(dir.resolve(stem + ".json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(j));
        Path onnx = dir.resolve(stem + ".onnx");
        renameIntoPlace(onnx, m.onnx());
        return onnx;
    }
}
