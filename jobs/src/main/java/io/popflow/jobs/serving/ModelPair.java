package io.popflow.jobs.serving;

import io.popflow.jobs.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The bytes of a model's two files, {@code X.onnx} and the {@code X.json} beside it, read so that
 * they belong together: {@link ModelFiles} writes the .json first and renames each file into place,
 * so a reader can meet a new .json beside the old .onnx for a moment; the .json's {@code
 * model_sha256} (of the .onnx's bytes) tells.
 *
 * @param modelSha256 SHA-256 of {@code onnx}, which the .json names
 */
public record ModelPair(Path onnxFile, byte[] onnx, byte[] json, ModelMetadata metadata, String modelSha256) {

    /**
     * Reads the pair, or refuses: a file that is not there, a .json that is not a model's, or two
     * files that do not match (after {@code attempts} tries {@code pauseMillis} apart, for a pair
     * being replaced).
     */
    public static ModelPair read(Path onnxFile, int attempts, long pauseMillis) {
        for (int attempt = 1; ; attempt++) {
            ModelPair pair = readOnce(onnxFile);
            if (pair.matches()) {
                return pair;
            }
            if (attempt >= attempts) {
                throw new RefusedInputException(onnxFile + ": its bytes' SHA-256 is " + pair.modelSha256 + ", but "
                        + ModelFiles.descriptionOf(onnxFile).getFileName() + " describes " + pair.metadata.modelSha256()
                        + " (not a pair the exporter wrote together)");
            }
            pause(pauseMillis);
        }
    }

    /** The two files as they are now, matching or not. */
    static ModelPair readOnce(Path onnxFile) {
        Path jsonFile = ModelFiles.descriptionOf(onnxFile);
        if (!Files.isRegularFile(onnxFile)) {
            throw new RefusedInputException(onnxFile + ": no such model file");
        }
        if (jsonFile.equals(onnxFile) || !Files.isRegularFile(jsonFile)) {
            throw new RefusedInputException(onnxFile + ": no " + jsonFile.getFileName()
                    + " beside it (a model is the .onnx and the .json that describes it, written together)");
        }
        byte[] json = bytes(jsonFile);
        byte[] onnx = bytes(onnxFile);
        return new ModelPair(
                onnxFile, onnx, json, ModelMetadata.parse(json, jsonFile.toString()), ModelFiles.sha256(onnx));
    }

    /**
     * The {@code model_sha256} that the .json beside {@code onnxFile} names, or null if it cannot be
     * read now: a look that costs one small file, where reading the .onnx would cost the whole model.
     */
    static String describedSha256(Path onnxFile) {
        try {
            return ModelMetadata.parse(Files.readAllBytes(ModelFiles.descriptionOf(onnxFile)), onnxFile.toString())
                    .modelSha256();
        } catch (IOException | RefusedInputException e) {
            return null;
        }
    }

    boolean matches() {
        return modelSha256.equals(metadata.modelSha256());
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            // renamed away between the check and the read: as if it had not been there
            throw new RefusedInputException(file + ": no such model file");
        } catch (IOException e) {
            throw new RefusedInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedInputException("interrupted while waiting for a matching model pair");
        }
    }
}
