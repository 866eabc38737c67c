package io.popflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.connectors.kafka.TopicTail;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.KafkaSettings;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.run.RunFolder;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run's records, read from the Kafka topics its configuration names into a folder as the JSON Lines
 * files a run folder holds (reports, generation summaries, lineage), so that a report can be drawn
 * for a run on a cluster, whose own output folder is not at hand. Only the records of the run's
 * {@code run_id} are kept; topics may be shared between runs.
 *
 * <p>The folder is the report's, never a run's own: it is marked by {@value #MARKER}, and a folder
 * holding anything else is refused. Its record files are written afresh from the topics' beginning
 * each time, then appended to as the topics grow.
 */
public final class KafkaRunRecords implements AutoCloseable {
    static final String MARKER = "kafka-source.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunConfig run;
    private final Path folder;
    private final TopicTail tail;
    private final Map<String, Path> fileByTopic = new HashMap<>();
    private int lastGeneration = -1;

    private KafkaRunRecords(RunConfig run, Path folder, TopicTail tail) {
        this.run = run;
        this.folder = folder;
        this.tail = tail;
        KafkaSettings.Topics t = run.kafka().topics();
        fileByTopic.put(t.reports(), folder.resolve(JobSinks.REPORTS_FILE));
        fileByTopic.put(t.generations(), folder.resolve(JobSinks.GENERATIONS_FILE));
        fileByTopic.put(t.lineage(), folder.resolve(JobSinks.LINEAGE_FILE));
    }

    /**
     * Opens the topics of the run {@code configFile} describes for {@code folder} (created if
     * missing), after checking that the folder is empty or a report's folder, and writes the run's
     * configuration into it.
     *
     * @param timeout how long to wait for the cluster, when opening and at each update
     */
    public static KafkaRunRecords open(Path configFile, Path folder, Duration timeout) throws IOException {
        InvalidOptionException.require(
                Files.isRegularFile(configFile),
                "kafka",
                "cannot read " + configFile + ": "
                        + (Files.exists(configFile) ? "not a file" : "No such file or directory"));
        ObjectNode given = ConfigLoader.file(configFile);
        // the run's generations and run_id, not only where its topics are, tell which records are its and when it ends
        InvalidOptionException.require(
                given.has("task"),
                "kafka",
                configFile + " is not a run's configuration (it sets "
                        + "no task): give the run's own " + RunFolder.CONFIG_FILE
                        + ", the effective configuration that train "
                        + "writes into the run's output folder");
        ObjectNode tree = ConfigLoader.set(given, "output='" + folder.toString().replace("'", "''") + "'");
        RunConfig run = ConfigLoader.parse(tree);
        InvalidOptionException.require(
                run.kafka() != null && run.kafka().metrics(),
                "kafka",
                configFile
                        + " sends no metrics to Kafka (it sets no kafka.bootstrap_servers, or kafka.metrics: false)");
        refuseUnlessReportFolder(folder);
        TopicTail tail;
        KafkaSettings.Topics t = run.kafka().topics();
        try {
            tail = new TopicTail(run.kafka().connection(), List.of(t.reports(), t.generations(), t.lineage()), timeout);
        } catch (IllegalStateException e) {
            throw new InvalidOptionException("kafka", e.getMessage() + " (--timeout SECONDS waits longer)");
        }
        Files.createDirectories(folder);
        ConfigLoader.writeYaml(tree, folder.resolve(RunFolder.CONFIG_FILE));
        ObjectNode marker = JSON.createObjectNode();
        marker.put("bootstrap_servers", run.kafka().connection().bootstrapServers());
        marker.put("run_id", run.runId());
        marker.putObject("topics")
                .put("reports", t.reports())
                .put("generations", t.generations())
                .put("lineage", t.lineage());
        JSON.copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(folder.resolve(MARKER).toFile(), marker);
        KafkaRunRecords records = new KafkaRunRecords(run, folder, tail);
        for (Path file : records.fileByTopic.values()) {
            Files.deleteIfExists(file);
            Files.createFile(file);
        }
        return records;
    }

    private static void refuseUnlessReportFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        InvalidOptionException.require(Files.isDirectory(folder), "RUN_DIR", folder + " is a file");
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(p -> p.getFileName().toString()).toList();
        }
        Set<String> ours = Set.of(
                MARKER,
                RunFolder.CONFIG_FILE,
                JobSinks.REPORTS_FILE,
                JobSinks.GENERATIONS_FILE,
                JobSinks.LINEAGE_FILE,
                RunReport.FOLDER);
        boolean report = names.contains(MARKER) && ours.containsAll(names);
        InvalidOptionException.require(
                names.isEmpty() || report,
                "RUN_DIR",
                folder + " holds files that are not a "
                        + "Kafka report's (a run's own output folder?); give a new or empty folder");
    }

    /** Appends the run's records added to the topics since the last call; returns how many. */
    public int update() throws IOException {
        Map<Path, List<String>> lines = new HashMap<>();
        for (TopicTail.Record r : tail.catchUp()) {
            JsonNode record = JSON.readTree(r.value());
            if (!run.runId().equals(record.path("run").asText())) {
                continue;
            }
            Path file = fileByTopic.get(r.topic());
            lines.computeIfAbsent(file, f -> new ArrayList<>()).add(JSON.writeValueAsString(record));
            if (file.endsWith(JobSinks.GENERATIONS_FILE)) {
                lastGeneration =
                        Math.max(lastGeneration, record.get("generation").asInt());
            }
        }
        int count = 0;
        for (Map.Entry<Path, List<String>> e : lines.entrySet()) {
            try (Writer out = Files.newBufferedWriter(e.getKey(), StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                for (String line : e.getValue()) {
                    out.write(line);
                    out.write('\n');
                    count++;
                }
            }
        }
        return count;
    }

    /** Whether the topics hold the run's last generation (never, for a run without a bound). */
    public boolean runEnded() {
        return run.population().isBounded()
                && lastGeneration >= run.population().generations() - 1;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        tail.close();
    }
}
