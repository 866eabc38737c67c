package io.popflow.jobs.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.connectors.kafka.TopicTail;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.ChampionTopic;
import io.popflow.jobs.model.DescribedModel;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.jobs.model.RunModels;
import io.popflow.jobs.run.RunFolder;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A run's champions as its compacted topic of models holds them ({@code kafka.topics.models}, key
 * the run id), kept as the model pair {@code models/champion.onnx} and {@code .json} of a local
 * folder, which {@code serve} watches as it watches a run's folder: each committed champion of the
 * run replaces the pair whole. The topic is read {@code read_committed} from its beginning (where
 * compaction leaves each run's newest champion, and perhaps a few before it).
 */
public final class KafkaModelFeed implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunConfig run;
    private final String topic;
    private final TopicTail tail;
    private final Path folder;
    private byte[] latest;

    private KafkaModelFeed(RunConfig run, String topic, TopicTail tail, Path folder) {
        this.run = run;
        this.topic = topic;
        this.tail = tail;
        this.folder = folder;
    }

    /**
     * Opens the topic of models of the run that {@code configFile} (its {@code config.yaml})
     * describes, for a new folder of its champions.
     *
     * @param timeout how long to wait for the cluster, when opening and at each update
     */
    public static KafkaModelFeed open(Path configFile, Duration timeout) throws IOException {
        InvalidOptionException.require(
                Files.isRegularFile(configFile),
                "kafka",
                "cannot read " + configFile + ": "
                        + (Files.exists(configFile) ? "not a file" : "No such file or directory"));
        ObjectNode given = ConfigLoader.file(configFile);
        InvalidOptionException.require(
                given.has("task"),
                "kafka",
                configFile + " is not a run's configuration (it sets " + "no task): give the run's own "
                        + RunFolder.CONFIG_FILE + ", which names its run_id and topics");
        Path folder = Files.createTempDirectory("popflow-serve-");
        RunConfig run = ConfigLoader.parse(
                ConfigLoader.set(given, "output='" + folder.toString().replace("'", "''") + "'"));
        InvalidOptionException.require(
                run.kafka() != null && run.kafka().metrics(),
                "kafka",
                configFile + " sends nothing to Kafka (it sets no kafka.bootstrap_servers, or kafka.metrics: false)");
        String topic = run.kafka().topics().models();
        TopicTail tail;
        try {
            tail = new TopicTail(run.kafka().connection(), List.of(topic), timeout);
        } catch (IllegalStateException e) {
            throw new InvalidOptionException("kafka", e.getMessage() + " (--timeout SECONDS waits longer)");
        }
        return new KafkaModelFeed(run, topic, tail, folder);
    }

    /** The folder the champions are kept in, as a run's folder ({@code models/champion.onnx}). */
    public Path folder() {
        return folder;
    }

    /** The run and topic, for messages. */
    public String describe() {
        return "run " + run.runId() + "'s champions on " + topic + " at "
                + run.kafka().connection().bootstrapServers();
    }

    /** Reads what was committed since the last call; writes the run's newest champion, if it is new. Returns whether it did. */
    public boolean update() throws IOException {
        byte[] key = run.runId().getBytes(StandardCharsets.UTF_8);
        TopicTail.Record newest = null;
        for (TopicTail.Record r : tail.catchUp()) {
            if (Arrays.equals(key, r.key()) && r.headers().containsKey(ChampionTopic.DESCRIPTION_HEADER)) {
                newest = r;
            }
        }
        if (newest == null || Arrays.equals(newest.value(), latest)) {
            return false;
        }
        ObjectNode description = (ObjectNode) JSON.readTree(newest.headers().get(ChampionTopic.DESCRIPTION_HEADER));
        ModelFiles.write(
                folder.resolve(RunFolder.MODELS).resolve(RunModels.CHAMPION),
                new DescribedModel(newest.value(), description));
        latest = newest.value();
        return true;
    }

    @Override
    public void close() throws IOException {
        tail.close();
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
