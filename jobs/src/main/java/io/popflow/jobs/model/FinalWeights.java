package io.popflow.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.run.JsonLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agents' final weights a run keeps in {@value JobSinks#FINAL_WEIGHTS_FILE}: one JSON line
 * per agent, θ as base64 of its little-endian floats.
 *
 * @param line the agent's line (agent, generation, fitness, hyperparameters, params_sha256)
 * @param params θ, checked against the line's digest
 */
public record FinalWeights(JsonNode line, float[] params) {

    public int agent() {
        return line.get("agent").asInt();
    }

    /** Every agent's final weights in {@code folder}, by id (empty if the run kept none). */
    public static Map<Integer, FinalWeights> read(Path folder) throws IOException {
        Path file = folder.resolve(JobSinks.FINAL_WEIGHTS_FILE);
        Map<Integer, FinalWeights> byAgent = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return byAgent;
        }
        for (JsonNode line : JsonLines.read(file)) {
            byte[] bytes = Base64.getDecoder().decode(line.get("params").asText());
            float[] params = new float[bytes.length / Float.BYTES];
            ByteBuffer.wrap(bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(params);
            String digest = AgentLifecycle.sha256(params);
            if (!digest.equals(line.get("params_sha256").asText())) {
                throw new IOException(file + ": agent " + line.get("agent").asInt() + "'s weights do not match their "
                        + "params_sha256 (the file is damaged)");
            }
            byAgent.put(line.get("agent").asInt(), new FinalWeights(line, params));
        }
        return byAgent;
    }
}
