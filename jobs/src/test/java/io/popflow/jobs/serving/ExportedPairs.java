package io.popflow.jobs.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.export.ExportedModel;
import io.popflow.jobs.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The exporter's model of some weights ({@link io.popflow.export.ModelExport}) written as a run
 * writes one ({@link ModelFiles}: the .json first, each file renamed into place), with a test run's
 * provenance.
 */
public final class ExportedPairs {
    public static final ObjectMapper JSON = new ObjectMapper();

    private ExportedPairs() {}

    /** Writes {@code bytes} to a temporary file beside {@code file} and renames it into place (atomically). */
    static void renameIntoPlace(Path file, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Path write(Path dir, String stem, ExportedModel m, float[] params, int agent, int generation)
            throws IOException {
        ObjectNode provenance = JSON.createObjectNode()
                .put("run_id", "test-run")
                .put("agent", agent)
                .put("generation", generation)
                .put("fitness_on", "validation")
                .put("params_sha256", AgentLifecycle.sha256(params));
        Path onnx = dir.resolve(stem + ".onnx");
        ModelFiles.write(onnx, m, provenance);
        return onnx;
    }
}
