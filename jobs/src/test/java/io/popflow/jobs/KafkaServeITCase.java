package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentWeights;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.kafka.KafkaMessage;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.ChampionTopic;
import io.popflow.math.SplitMix64;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.Nd4jMlp;
import io.popflow.task.DigitsTaskSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow serve --kafka CONFIG}, in its own JVM against the real broker: it serves the newest
 * champion of the run CONFIG describes from its topic of models (not another run's, which shares
 * the topic), takes the next one as soon as it is committed, and refuses a run with no champion yet
 * in one line.
 */
class KafkaServeITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final PopflowProcesses processes = new PopflowProcesses();

    @TempDir
    Path dir;

    @Test
    void servesTheRunsNewestChampionFromItsTopic() throws Exception {
        RunConfig run = continuousRun("serve");
        Path config = dir.resolve("config.yaml");
        String topic = run.kafka().topics().models();
        try (KafkaProducer<byte[], byte[]> producer = KafkaRuns.producer()) {
            send(producer, topic, champion(run, "another-run", 9, 7));
            send(producer, topic, champion(run, run.runId(), 3, 1));
            producer.flush();

            PopflowProcess p = processes
                    .logTo(dir.resolve("logs"))
                    .start("serve-kafka", "serve", "--kafka", config.toString(), "--port", "0", "--poll-ms", "100");
            URI base = p.servedAt();
            HttpClient client = HttpClient.newHttpClient();
            assertThat(model(client, base).get("generation").asInt())
                    .as("its own run's champion")
                    .isEqualTo(1);
            assertThat(model(client, base).get("agent").asInt()).isEqualTo(3);

            send(producer, topic, champion(run, run.runId(), 5, 4));
            producer.flush();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> model(client, base).get("generation").asInt() == 4);
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(base.resolve("/predict"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"rows\": [[" + "0, ".repeat(63) + "1]]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"generation\":4,\"agent\":5");
            p.signal("INT");
            assertThat(p.awaitExit(Duration.ofSeconds(15)))
                    .as("stderr: %s", p.stderr())
                    .isZero();
        }
    }

    @Test
    void aRunWithoutAChampionOnItsTopicIsRefused() throws Exception {
        RunConfig run = continuousRun("serve-none");
        Path config = dir.resolve("config.yaml");
        PopflowProcess p = processes
                .logTo(dir.resolve("logs"))
                .start("serve-none", "serve", "--kafka", config.toString(), "--timeout", "2");
        assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(p.stderr().strip())
                .isEqualTo(
                        "popflow: invalid option 'kafka': no champion of run " + run.runId()
                                + "'s champions on " + run.kafka().topics().models() + " at "
                                + KafkaRuns.bootstrapServers()
                                + " within 2 s: is the run publishing one (models.every, or generations: 0)? (--timeout SECONDS waits longer)");
    }

    /** A digits run that never ends (so it publishes champions), its topics created and its config.yaml in the test's folder. */
    private RunConfig continuousRun(String name) throws Exception {
        ObjectNode tree = KafkaRuns.tree(ConfigLoader.preset("digits"), name, "generations=0");
        RunConfig run = ConfigLoader.parse(tree);
        JobAssembly.prepareTopics(run);
        ConfigLoader.writeYaml(tree, dir.resolve("config.yaml"));
        return run;
    }

    /** A champion record of run {@code runId}: agent {@code agent}'s initial weights, as of generation {@code generation}. */
    private KafkaMessage champion(RunConfig run, String runId, int agent, int generation) {
        PopulationConfig config = run.population();
        MlpArchitecture arch = ((DigitsTaskSpec) config.task()).architecture();
        float[] theta = new float[arch.parameterCount()];
        Nd4jMlp.initialize(arch, theta, new SplitMix64(agent * 31L + generation));
        return ChampionTopic.message(
                dir,
                config,
                runId,
                new AgentWeights(agent, generation, -0.1 * agent, new double[] {0.05, 1e-4, 32}, theta, 0));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, KafkaMessage m) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, m.key(), m.value(), Arrays.asList(m.kafkaHeaders())))
                .get();
    }

    private static JsonNode model(HttpClient client, URI base) throws Exception {
        return JSON.readTree(client.send(
                        HttpRequest.newBuilder(base.resolve("/model")).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body());
    }
}
