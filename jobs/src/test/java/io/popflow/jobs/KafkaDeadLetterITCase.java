package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.connectors.memory.CollectingSink;
import io.popflow.jobs.config.RunConfig;
import io.popflow.slow.GenerationSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 malformed training records mixed into 10,000 good ones, on a real broker: every bad one
 * reaches the dead-letter topic once, with its reason and original bytes; every good one reaches
 * every trainer subtask's replay buffer; the population keeps training; the job keeps running; the
 * Flink counters say the same.
 */
class KafkaDeadLetterITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GOOD = 10_000;
    private static final int BAD = 100_000;
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster(METRICS.addToConfiguration(new Configuration()));

    /** A malformed record of each kind, by index: the reason the job must give, and the bytes. */
    private record Malformed(String reason, byte[] value) {
        static Malformed of(int i) {
            String line = new String(DigitsRecords.csv(i), StandardCharsets.UTF_8);
            String firstDropped = line.substring(line.indexOf(','));
            String labelDropped = line.substring(0, line.lastIndexOf(',') + 1);
            return switch (i % 6) {
                case 0 -> new Malformed("empty", i % 12 == 0 ? null : new byte[0]);
                case 1 ->
                    new Malformed(
                            "unparseable",
                            i % 4 == 1
                                    ? utf8("pixel soup " + i)
                                    : i % 4 == 3
                                            ? new byte[] {(byte) 0xff, (byte) 0xfe, (byte) i, 0x2c}
                                            : utf8(line.replaceFirst(",", ",0x1p3,")));
                case 2 -> new Malformed("wrong_width", utf8(firstDropped.substring(1)));
                case 3 -> new Malformed("non_finite", utf8((i % 2 == 0 ? "NaN" : "-Infinity") + firstDropped));
                case 4 -> new Malformed("absurd_magnitude", utf8("1e300" + firstDropped));
                default -> new Malformed("bad_label", utf8(labelDropped + (i % 2 == 0 ? "10" : "3.5")));
            };
        }
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndGoodOnesAreAllUsed() throws Exception {
        RunConfig run = KafkaRuns.streamConfig(
                "dead-letters",
                "population=4",
                "generations=0",
                "perturbation_interval=100",
                "parallelism=2",
                "checkpoint_interval=500ms",
                "kafka.metrics=false",
                "stream.min_examples=64");
        int subtasks = run.population().parallelism();
        Map<String, Malformed> bad = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = KafkaRuns.producer()) {
            int good = 0;
            for (int i = 0; i < GOOD + BAD; i++) {
                if (i % 11 == 0) {
                    String key = "good-" + good;
                    producer.send(new ProducerRecord<>(
                            run.kafka().topics().examples(), utf8(key), DigitsRecords.csv(good++)));
                } else {
                    String key = "bad-" + i;
                    Malformed m = Malformed.of(i);
                    bad.put(key, m);
                    producer.send(new ProducerRecord<>(run.kafka().topics().examples(), utf8(key), m.value()));
                }
            }
            assertThat(good).isEqualTo(GOOD);
        }
        assertThat(bad).hasSize(BAD);

        String summariesKey = "dead-letters-" + System.nanoTime();
        JobSinks sinks = new JobSinks(
                List.of(),
                List.of(new CollectingSink<GenerationSummary>(summariesKey)),
                List.of(),
                List.of(),
                List.of());
        JobClient job = JobAssembly.job(run, sinks).executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> sum(job, "examplesAccepted") == GOOD
                            && sum(job, "examplesRejected") == BAD
                            && sum(job, "examplesBuffered") == (long) GOOD * subtasks
                            && CollectingSink.count(summariesKey) >= 3);
            // dead letters become visible when the checkpoint after them completes
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> KafkaRuns.readCommitted(run.kafka().topics().deadLetter())
                                    .size()
                            >= BAD);
            List<ConsumerRecord<byte[], byte[]>> letters =
                    KafkaRuns.readCommitted(run.kafka().topics().deadLetter());
            assertThat(job.getJobStatus().get()).as("the job is still running").isEqualTo(JobStatus.RUNNING);

            assertThat(letters).hasSize(BAD);
            Map<String, Long> byReason = new TreeMap<>();
            for (int n = 0; n < letters.size(); n++) {
                ConsumerRecord<byte[], byte[]> letter = letters.get(n);
                String key = new String(letter.key(), StandardCharsets.UTF_8);
                Malformed original = bad.remove(key);
                assertThat(original)
                        .as("dead letter %s is a bad record, seen once", key)
                        .isNotNull();
                JsonNode json = JSON.readTree(letter.value());
                assertThat(json.get("reason").asText()).as("reason of %s", key).isEqualTo(original.reason());
                assertThat(json.get("detail").asText()).isNotBlank();
                assertThat(json.get("source").get("topic").asText())
                        .isEqualTo(run.kafka().topics().examples());
                byte[] value = json.get("value_base64").isNull()
                        ? null
                        : Base64.getDecoder().decode(json.get("value_base64").asText());
                assertThat(Arrays.equals(value, original.value()))
                        .as("original bytes of %s", key)
                        .isTrue();
                if (n % 100 == 0) {
                    assertThat(RecordSchemas.DEAD_LETTER.violations(json)).isEmpty();
                }
                byReason.merge(original.reason(), 1L, Long::sum);
            }
            assertThat(bad).as("bad records missing from the dead-letter topic").isEmpty();

            // the counters tell the same story
            for (Map.Entry<String, Long> reason : byReason.entrySet()) {
                assertThat(sum(job, "rejected." + reason.getKey()))
                        .as(reason.getKey())
                        .isEqualTo(reason.getValue());
            }
            assertThat(byReason).hasSize(6);
        } finally {
            job.cancel().get();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long sum(JobClient job, String name) {
        return JobRuns.counterSum(METRICS, job, name);
    }
}
