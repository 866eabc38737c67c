package io.popflow.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentWeights;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.run.JsonLines;
import io.popflow.jobs.run.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The champion of a run as files in its {@code models/} folder: {@code champion.onnx} and {@code
 * champion.json} replaced atomically at each new champion (a reader sees the old pair or the new
 * one, never half of either), and a line per champion in {@code champions.jsonl}, the history. A
 * champion replayed after a failover (the job restarts from its last checkpoint and publishes
 * again what it had published since) is skipped: the history has no duplicate and no gap.
 */
public final class ChampionFiles implements Sink<AgentWeights> {
    private static final long serialVersionUID = 1L;
    public static final String HISTORY = "champions.jsonl";

    /** The run's output folder (a String: a sink is serialized into the job, and a Path is not serializable). */
    private final String folder;

    private final PopulationConfig config;
    private final String runId;

    /** @param folder the run's output folder */
    public ChampionFiles(Path folder, PopulationConfig config, String runId) {
        this.folder = folder.toString();
        this.config = config;
        this.runId = runId;
    }

    @Override
    public SinkWriter<AgentWeights> createWriter(WriterInitContext context) throws IOException {
        return new Writer(Path.of(folder));
    }

    /** The generation of the history's last champion, -1 if none. */
    static int lastPublished(Path history) throws IOException {
        return JsonLines.last(history)
                .map(line -> line.get("generation").asInt())
                .orElse(-1);
    }

    private final class Writer implements SinkWriter<AgentWeights> {
        private final ObjectMapper json = new ObjectMapper();
        private final Path folder;
        private int last;

        Writer(Path folder) throws IOException {
            this.folder = folder;
            Path history = folder.resolve(RunFolder.MODELS).resolve(HISTORY);
            // a JVM halted mid-line left its start: the champion it was for is published again, as after a failover
            JsonLines.cutTornTail(history);
            this.last = lastPublished(history);
        }

        @Override
        public void write(AgentWeights champion, Context context) throws IOException {
            if (champion.generation() <= last) {
                return; // published before a failover, replayed since
            }
            ObjectNode d = RunModels.writeChampion(folder, config, runId, champion);
            ObjectNode line = json.createObjectNode();
            for (String key :
                    List.of("agent", "generation", "fitness", "hyperparameters", "params_sha256", "model_sha256")) {
                JsonNode v = d.get(key);
                line.set(key, v);
            }
            Files.writeString(
                    folder.resolve(RunFolder.MODELS).resolve(HISTORY),
                    json.writeValueAsString(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            last = champion.generation();
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
