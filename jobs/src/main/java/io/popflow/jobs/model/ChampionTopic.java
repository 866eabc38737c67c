package io.popflow.jobs.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentState;
import io.popflow.agent.AgentWeights;
import io.popflow.agent.InitialPopulation;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.kafka.ExactlyOnceKafkaSinks;
import io.popflow.connectors.kafka.KafkaConnection;
import io.popflow.connectors.kafka.KafkaMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The champions of a run on a compacted Kafka topic: one record per champion, key the run id (so
 * that compaction keeps each run's newest), value the ONNX model, and in the headers what a reader
 * needs without parsing it: {@code run_id}, {@code agent}, {@code generation}, {@code fitness},
 * {@code params_sha256}, {@code model_sha256} and the whole description ({@code description}, the
 * text of the {@code .json} file beside a model). Each record's model and description are built once,
 * by the code that writes {@code models/champion.onnx}.
 */
public final class ChampionTopic {
    /** The description's fields that are also headers of their own. */
    public static final List<String> HEADERS =
            List.of("run_id", "agent", "generation", "fitness", "params_sha256", "model_sha256");

    public static final String DESCRIPTION_HEADER = "description";
    /**
     * Room above the initial model's record for what a later champion's description writes longer:
     * its fitness (NaN at first), hyperparameters and generation numbers with more digits. The ONNX
     * bytes themselves are the same length for any weights of the run's network.
     */
    static final int HEADROOM_BYTES = 1024;

    private ChampionTopic() {}

    /** The record of {@code champion}, the champion of run {@code runId} whose output folder is {@code folder}. */
    public static KafkaMessage message(Path folder, PopulationConfig config, String runId, AgentWeights champion) {
        DescribedModel model = RunModels.champion(folder, config, runId, champion);
        ObjectNode d = model.description();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String field : HEADERS) {
            headers.put(field, d.get(field).asText());
        }
        headers.put(DESCRIPTION_HEADER, model.descriptionJson());
        return new KafkaMessage(runId.getBytes(StandardCharsets.UTF_8), model.onnx(), headers);
    }

    /**
     * The size of the record of the run's first agent's initial weights: a model of the same network
     * as any later champion, the size a cluster must accept for the run to publish its champions.
     */
    public static int initialRecordBytes(Path folder, PopulationConfig config, String runId) {
        AgentLifecycle lifecycle = new AgentLifecycle(config);
        AgentState s =
                lifecycle.create(0, InitialPopulation.draws(config).get(0), InitialPopulation.agentSeed(config, 0));
        AgentWeights initial = new AgentWeights(s.id, s.generation, Double.NaN, s.hyperparameters, s.params, s.rng);
        return message(folder, config, runId, initial).batchBytes();
    }

    /**
     * The largest record the topic and producer take for a run whose initial record is {@code
     * initialRecordBytes}: that and {@link #HEADROOM_BYTES}. A resumed run sizes its initial record
     * again, a few bytes apart at most (a table's description then reads the delimiter from the
     * run's config.yaml): it still fits the topic its first start created.
     */
    public static int recordLimit(int initialRecordBytes) {
        return initialRecordBytes + HEADROOM_BYTES;
    }

    /** Settings of a new topic of models: compacted, taking records of up to {@code recordLimit}. */
    public static Map<String, String> topicConfigs(int recordLimit) {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                String.valueOf(recordLimit));
    }

    /**
     * The transactional sink of the run's champions to {@code topic} (transactional id {@code
     * <run_id>-models}), its producer taking records of up to {@code recordLimit}.
     */
    public static Sink<AgentWeights> sink(
            KafkaConnection connection,
            String topic,
            Duration transactionTimeout,
            Path folder,
            PopulationConfig config,
            String runId,
            int recordLimit) {
        String output = folder.toString(); // a Path is not serializable
        return ExactlyOnceKafkaSinks.<AgentWeights>ofMessages(
                connection,
                topic,
                champion -> message(Path.of(output), config, runId, champion),
                runId + "-models",
                transactionTimeout,
                recordLimit);
    }
}
