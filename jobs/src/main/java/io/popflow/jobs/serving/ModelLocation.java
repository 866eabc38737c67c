package io.popflow.jobs.serving;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which {@code .onnx} to serve: a given file, or in a run's folder {@code models/champion.onnx}
 * (a continuous run's current best) where it exists, else {@code models/best.onnx} (the end of a
 * run). Asked again on every look at the folder, so that a champion written later takes over.
 */
public record ModelLocation(Path file, Path runDir) {
    public static ModelLocation of(Path path) {
        return Files.isDirectory(path) ? new ModelLocation(null, path) : new ModelLocation(path, null);
    }

    /** The file to serve now. */
    public Path current() {
        if (file != null) {
            return file;
        }
        Path champion = runDir.resolve("models").resolve("champion.onnx");
        return Files.isRegularFile(champion)
                ? champion
                : runDir.resolve("models").resolve("best.onnx");
    }

    /** What a user named, for messages. */
    public String describe() {
        return file != null ? file.toString() : runDir + " (models/champion.onnx, else models/best.onnx)";
    }
}
