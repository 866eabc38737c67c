package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentWeights;
import io.popflow.cli.Popflow;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.ChampionFiles;
import io.popflow.jobs.run.RunFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's champions on the compacted topic of models, against the real broker: a digits run
 * publishing a champion every 2 generations (and whenever the best agent changes) writes each one
 * as a record a {@code read_committed} reader finds in generation order, whose value ONNX Runtime
 * loads and whose headers describe it; the same run with a task failure mid-run leaves the champions
 * of the run without failure in its topic, neither lost nor doubled (read with kcat too); a broker
 * or topic whose records are too small for the model is refused before the job starts.
 */
class KafkaModelsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Every generation publishes its champion (models.every 1), and a checkpoint comes every second,
     * past several generations (100 to 150 ms each here, measured; the failure needs two in one
     * interval, so generations up to about 1 s keep the test working): the failure at a champion
     * that follows another since the last checkpoint leaves a champion in the failed attempt's open
     * transaction, which a sink without transactions would publish twice (seen with an
     * AT_LEAST_ONCE sink: generations 0, 1, 2, 3, 3, 4, ...).
     */
    private static final String[] RUN = {
        "population=8",
        "generations=16",
        "perturbation_interval=300",
        "parallelism=2",
        "checkpoint_interval=1s",
        "models.every=1"
    };

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster();

    @TempDir
    static Path dir;

    private static RunConfig clean;
    private static RunConfig failed;

    @BeforeAll
    static void runWithAndWithoutAFailure(@InjectMiniCluster MiniCluster cluster) throws Exception {
        clean = KafkaRuns.config("digits", "models", RUN);
        failed = KafkaRuns.config("digits", "models-failed", RUN);
        TestStreamEnvironment.setAsContext(cluster, clean.population().parallelism());
        try {
            run(clean, dir.resolve("clean"), null);
            FailAfterUncheckpointedChampion.INJECTED.set(0);
            JobRuns.Outputs out = run(failed, dir.resolve("failed"), new FailAfterUncheckpointedChampion());
            assertThat(FailAfterUncheckpointedChampion.INJECTED.get())
                    .as("the failure was injected")
                    .isEqualTo(1);
            assertThat(cluster.getArchivedExecutionGraph(out.jobId())
                            .get()
                            .getCheckpointStatsSnapshot()
                            .getLatestRestoredCheckpoint())
                    .as("restored from a checkpoint")
                    .isNotNull();
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
    }

    /**
     * The run's job with its champions also as files, {@code models/champions.jsonl} of {@code
     * folder}, and to {@code failure} if not null.
     */
    private static JobRuns.Outputs run(RunConfig run, Path folder, Sink<AgentWeights> failure) throws Exception {
        // restarts only for the run whose failure is injected, so that the clean run hides none
        return failure == null
                ? JobRuns.runJob(
                        run.population(), folder, sinks -> JobAssembly.job(run, withChampionFiles(sinks, run, folder)))
                : JobRuns.runJobWithRestarts(
                        run.population(),
                        folder,
                        sinks -> JobAssembly.job(
                                run, withChampionFiles(sinks, run, folder).withChampions(failure)));
    }

    private static JobSinks withChampionFiles(JobSinks sinks, RunConfig run, Path folder) {
        return sinks.withChampions(new ChampionFiles(folder, run.population(), run.runId()));
    }

    /**
     * Fails the first attempt at a champion when a checkpoint has been taken and another champion
     * has come since the last one (a sink writer is flushed at each checkpoint): the failure always
     * finds a champion written to Kafka after the checkpoint the job is restored from.
     */
    static final class FailAfterUncheckpointedChampion implements Sink<AgentWeights> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger INJECTED = new AtomicInteger();

        @Override
        public SinkWriter<AgentWeights> createWriter(WriterInitContext context) {
            int attempt = context.getTaskInfo().getAttemptNumber();
            return new SinkWriter<>() {
                private int checkpoints;
                private int sinceCheckpoint;

                @Override
                public void write(AgentWeights champion, Context ctx) {
                    if (attempt == 0 && checkpoints > 0 && sinceCheckpoint > 0) {
                        INJECTED.incrementAndGet();
                        throw new IllegalStateException(
                                "injected failure at the champion of generation " + champion.generation());
                    }
                    sinceCheckpoint++;
                }

                @Override
                public void flush(boolean endOfInput) {
                    checkpoints++;
                    sinceCheckpoint = 0;
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void everyChampionIsARecordInGenerationOrderWhoseValueIsItsModel() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaRuns.readCommitted(clean.kafka().topics().models());
        List<JsonNode> files =
                JobRuns.read(dir.resolve("clean").resolve(RunFolder.MODELS).resolve(ChampionFiles.HISTORY));
        assertThat(records).as("several champions").hasSizeGreaterThan(2).hasSize(files.size());
        List<Integer> generations = generations(records);
        assertThat(generations).as("in generation order").isSorted().doesNotHaveDuplicates();
        assertThat(generations)
                .isEqualTo(files.stream().map(f -> f.get("generation").asInt()).toList());

        OrtEnvironment ort = OrtEnvironment.getEnvironment();
        float[][] row = new float[1][64];
        java.util.Arrays.fill(row[0], 8f);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(clean.runId());
            String sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(r.value()));
            assertThat(header(r, "model_sha256"))
                    .isEqualTo(sha)
                    .isEqualTo(files.get(i).get("model_sha256").asText());
            assertThat(header(r, "params_sha256"))
                    .isEqualTo(files.get(i).get("params_sha256").asText());
            assertThat(header(r, "run_id")).isEqualTo(clean.runId());
            assertThat(header(r, "agent")).isEqualTo(files.get(i).get("agent").asText());
            assertThat(Double.parseDouble(header(r, "fitness")))
                    .isEqualTo(files.get(i).get("fitness").asDouble());
            JsonNode description = JSON.readTree(header(r, "description"));
            assertThat(description.get("model_sha256").asText()).isEqualTo(sha);
            assertThat(description.get("generation").asInt()).isEqualTo(generations.get(i));
            assertThat(description.get("kind").asText()).isEqualTo("classification");
            try (OrtSession session = ort.createSession(r.value());
                    OnnxTensor pixels = OnnxTensor.createTensor(ort, row);
                    OrtSession.Result result = session.run(Map.of("pixels", pixels))) {
                float[] p = ((float[][]) result.get("probabilities").get().getValue())[0];
                double sum = 0;
                for (float v : p) {
                    sum += v;
                }
                assertThat(sum)
                        .as("probabilities of champion %d", i)
                        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        // the last record is the champion the files hold now, byte for byte
        ConsumerRecord<byte[], byte[]> last = records.get(records.size() - 1);
        Path models = dir.resolve("clean").resolve(RunFolder.MODELS);
        assertThat(last.value()).isEqualTo(Files.readAllBytes(models.resolve("champion.onnx")));
        assertThat(header(last, "description")).isEqualTo(Files.readString(models.resolve("champion.json")));
    }

    @Test
    void theTopicIsCompactedAndTakesTheModelsRecords() throws Exception {
        String topic = clean.kafka().topics().models();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try (Admin admin = admin()) {
            config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource);
        }
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        long limit = Long.parseLong(config.get("max.message.bytes").value());
        for (ConsumerRecord<byte[], byte[]> r : KafkaRuns.readCommitted(topic)) {
            assertThat(limit).as("limit above the record").isGreaterThan(rawBytes(r));
            assertThat(limit)
                    .as("limit sized on the model, not the broker's default")
                    .isLessThan(rawBytes(r) + 4096);
        }
    }

    /** A resumed run prepares its topics again: the topic its first start created takes its model. */
    @Test
    void theTopicOfAStartedRunTakesItsModelAgain() {
        JobAssembly.prepareTopics(clean);
    }

    @Test
    void aFailureMidRunNeitherLosesNorDoublesAChampion() {
        assertThat(generations(KafkaRuns.readCommitted(failed.kafka().topics().models())))
                .isEqualTo(generations(
                        KafkaRuns.readCommitted(clean.kafka().topics().models())));
    }

    /**
     * kcat (librdkafka, no code shared with the job) reads the committed champions of the run that
     * failed: the generations of the run without failure, each once.
     */
    @Test
    void kcatReadsTheChampionsOfTheRunWithoutFailure() throws Exception {
        // the key and headers only: the value is binary; the headers print as name=value,... in their order
        String out = KafkaRuns.kcat(failed.kafka().topics().models(), "key=%k,%h\\n");

        Matcher m = Pattern.compile("key=([^,]+),run_id=[^,]+,agent=\\d+,generation=(\\d+),fitness=")
                .matcher(out);
        List<Integer> generations = new ArrayList<>();
        while (m.find()) {
            assertThat(m.group(1)).isEqualTo(failed.runId());
            generations.add(Integer.parseInt(m.group(2)));
        }
        assertThat(generations)
                .isNotEmpty()
                .isEqualTo(generations(
                        KafkaRuns.readCommitted(clean.kafka().topics().models())));
    }

    /** An existing topic of models whose records are smaller than the model: refused before the job starts. */
    @Test
    void aTopicTooSmallForTheModelIsRefused() throws Exception {
        ObjectNode tree = KafkaRuns.tree(ConfigLoader.preset("digits"), "small-topic", RUN);
        String topic = tree.get("kafka").get("topics").get("models").asText();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "1000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Refusal refusal = train(tree, "small-topic");
        Matcher m = Pattern.compile("popflow: invalid option 'kafka': the run's model needs records of (\\d+) bytes on "
                        + "topic " + Pattern.quote(topic)
                        + ", but the topic accepts at most 1000 \\(its max.message.bytes\\)")
                .matcher(refusal.line());
        assertThat(m.matches()).as(refusal.line()).isTrue();
        assertSizedOnTheModel(Integer.parseInt(m.group(1)));
        assertThat(refusal.code()).isEqualTo(2);
        assertThat(refusal.folder().resolve(JobSinks.GENERATIONS_FILE))
                .as("the job never started")
                .doesNotExist();
    }

    /** A model larger than the broker's message.max.bytes (1 MiB and 12 bytes by default): refused, naming both. */
    @Test
    void aModelLargerThanTheBrokerTakesIsRefused() throws Exception {
        // a 64-4000-10 network: 300,010 parameters, 1.2 MB of ONNX
        ObjectNode tree = ConfigLoader.set(
                KafkaRuns.tree(ConfigLoader.preset("digits"), "large-model", RUN), "model.hidden=[4000]");
        Refusal refusal = train(tree, "large-model");
        String topic = tree.get("kafka").get("topics").get("models").asText();
        Matcher m = Pattern.compile("popflow: invalid option 'kafka': the run's model needs records of (\\d+) bytes on "
                        + "topic " + Pattern.quote(topic) + ", but broker \\d+ at "
                        + Pattern.quote(KafkaRuns.bootstrapServers())
                        + " accepts at most 1048588 \\(its message.max.bytes\\)")
                .matcher(refusal.line());
        assertThat(m.matches()).as(refusal.line()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(300_010 * 4);
        assertThat(refusal.code()).isEqualTo(2);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("nothing created")
                    .doesNotContain(topic);
        }
    }

    private record Refusal(int code, String line, Path folder) {}

    /** {@code popflow train --config} of {@code tree}, output in a new folder {@code name}; its error output as one line. */
    private static Refusal train(ObjectNode tree, String name) throws Exception {
        Path folder = dir.resolve(name);
        Path config = dir.resolve(name + ".yaml");
        ConfigLoader.writeYaml(ConfigLoader.set(tree, "output=" + folder), config);
        StringWriter err = new StringWriter();
        int code = Popflow.run(new PrintWriter(err, true), "train", "--config", config.toString(), "--quiet");
        String text = err.toString().strip();
        assertThat(text).as("one line").doesNotContain("\n");
        return new Refusal(code, text, folder);
    }

    /** The refusal's size is the run's records': within 1 KiB of each of the clean run's. */
    private static void assertSizedOnTheModel(int bytes) {
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaRuns.readCommitted(clean.kafka().topics().models())) {
            assertThat(bytes).isBetween(rawBytes(r) - 1024, rawBytes(r) + 1024);
        }
    }

    /** Key, value and headers' bytes of {@code r}: what its batch holds but the batch's own fields. */
    private static int rawBytes(ConsumerRecord<byte[], byte[]> r) {
        int n = r.key().length + r.value().length;
        for (Header h : r.headers()) {
            n += h.key().getBytes(StandardCharsets.UTF_8).length + h.value().length;
        }
        return n;
    }

    private static List<Integer> generations(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> Integer.parseInt(header(r, "generation")))
                .toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as("header %s", name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaRuns.bootstrapServers());
        return Admin.create(p);
    }
}
