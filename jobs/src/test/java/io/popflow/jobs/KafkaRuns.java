package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.kafkabroker.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs against the real single-node broker the test JVM starts ({@link LocalKafkaBroker#shared()}):
 * configurations whose run id and topics are unique to the test, and plain Kafka clients to feed
 * and read topics.
 */
final class KafkaRuns {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private KafkaRuns() {}

    static String bootstrapServers() {
        return LocalKafkaBroker.shared().bootstrapServers();
    }

    /**
     * A preset run writing to Kafka, with run id and every topic named {@code <name>-<n>}, changed by
     * {@code assignments}; its topics are created.
     */
    static RunConfig config(String preset, String name, String... assignments) {
        return config(ConfigLoader.preset(preset), name, assignments);
    }

    /**
     * The digits preset learning from a topic instead: {@code task: stream} with the digits' 64
     * features and 10 classes, as {@link DigitsRecords} writes them.
     */
    static RunConfig streamConfig(String name, String... assignments) {
        ObjectNode digits = ConfigLoader.preset("digits");
        digits.remove("data");
        return config(
                ConfigLoader.set(digits, "task=stream", "stream.features=64", "stream.classes=10"), name, assignments);
    }

    private static RunConfig config(ObjectNode base, String name, String... assignments) {
        RunConfig run = ConfigLoader.parse(tree(base, name, assignments));
        JobAssembly.prepareTopics(run);
        return run;
    }

    /** The option tree of {@link #config(String, String, String...)}, as a user's configuration file holds it. */
    static ObjectNode tree(ObjectNode base, String name, String... assignments) {
        String id = name + "-" + RUNS.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        ObjectNode tree = ConfigLoader.set(
                base, "output=unused", "run_id=" + id, "kafka.bootstrap_servers=" + bootstrapServers());
        for (String kind :
                new String[] {"reports", "generations", "lineage", "feedback", "examples", "dead_letter", "models"}) {
            tree = ConfigLoader.set(tree, "kafka.topics." + kind + "=" + id + "." + kind.replace('_', '-'));
        }
        return ConfigLoader.set(tree, assignments);
    }

    /** Every record of {@code topic} a {@code read_committed} consumer sees, partition by partition. */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // under read_committed, the end offsets are the last stable offsets
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to " + ends + " in 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * What kcat (librdkafka, a client that shares no code with the job) prints of every committed
     * record of {@code topic}, each as {@code format} (kcat's {@code -f}). Skips the test where kcat
     * is not installed, except in CI ({@code POPFLOW_REQUIRE_KCAT=1}), which installs it.
     */
    static String kcat(String topic, String format) throws Exception {
        boolean required = "1".equals(System.getenv("POPFLOW_REQUIRE_KCAT"));
        boolean installed =
                new ProcessBuilder("sh", "-c", "command -v kcat").start().waitFor() == 0;
        Assumptions.assumeTrue(installed || required, "kcat is not installed");
        Process kcat = new ProcessBuilder(
                        "kcat",
                        "-b",
                        bootstrapServers(),
                        "-C",
                        "-t",
                        topic,
                        "-X",
                        "isolation.level=read_committed",
                        "-o",
                        "beginning",
                        "-e",
                        "-q",
                        "-f",
                        format)
                .start();
        String out = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(kcat.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kcat.exitValue()).as("kcat: %s", err).isZero();
        return out;
    }

    static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
