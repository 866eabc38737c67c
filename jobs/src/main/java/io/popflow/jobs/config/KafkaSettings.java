package io.popflow.jobs.config;

import io.popflow.connectors.kafka.KafkaConnection;
import io.popflow.connectors.records.ExampleFormat;
import io.popflow.jobs.run.IoErrors;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A run's Kafka: the cluster, its topics, the transactional sinks' timeout, whether metrics go there,
 * and, for a stream-fed task, how training records are read.
 *
 * @param connection bootstrap servers and client properties
 * @param topics the topic names
 * @param transactionTimeout of every transactional producer (below the broker's {@code
 *     transaction.max.timeout.ms}, 15 minutes by default)
 * @param metrics whether reports, generation summaries, lineage and champions are written to Kafka
 * @param examples how training records are read; null unless the task is {@code stream}
 */
public record KafkaSettings(
        KafkaConnection connection,
        Topics topics,
        Duration transactionTimeout,
        boolean metrics,
        ExampleStream examples) {

    /**
     * Reads {@code kafka: {bootstrap_servers, properties: {...}, properties_file,
     * transaction_timeout, metrics, topics: {reports, generations, lineage, feedback, examples,
     * dead_letter, models}}}. The transactions must outlive a checkpoint interval: they commit on
     * checkpoints.
     */
    static KafkaSettings from(OptionTree k, long checkpointIntervalMs, ExampleStream examples) {
        String bootstrap = k.get(BOOTSTRAP_SERVERS);
        InvalidOptionException.require(
                bootstrap != null && !bootstrap.isBlank(),
                BOOTSTRAP_SERVERS.key(),
                "must name the brokers, e.g. 127.0.0.1:9092");
        Map<String, String> properties = new TreeMap<>();
        String file = k.get(PROPERTIES_FILE);
        if (file != null) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(Paths.get(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new InvalidOptionException(
                        PROPERTIES_FILE.key(), "cannot read " + file + ": " + IoErrors.reason(e));
            }
            p.stringPropertyNames().forEach(name -> properties.put(name, p.getProperty(name)));
        }
        properties.putAll(k.getTextMap("properties"));
        long timeout = k.get(TRANSACTION_TIMEOUT);
        InvalidOptionException.require(
                timeout > checkpointIntervalMs,
                TRANSACTION_TIMEOUT.key(),
                TRANSACTION_TIMEOUT.rules() + ", got " + timeout + " ms");
        boolean metrics = k.get(METRICS);
        OptionTree t = k.child("topics");
        Topics topics = new Topics(
                topic(t, "reports"),
                topic(t, "generations"),
                topic(t, "lineage"),
                topic(t, "feedback"),
                topic(t, "examples"),
                topic(t, "dead_letter"),
                topic(t, "models"));
        t.rejectUnknown();
        k.rejectUnknown();
        try {
            return new KafkaSettings(
                    new KafkaConnection(bootstrap, properties), topics, Duration.ofMillis(timeout), metrics, examples);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("kafka", e.getMessage());
        }
    }

    private static String topic(OptionTree t, String key) {
        return t.get(
                TOPICS.stream().filter(o -> o.leaf().equals(key)).findFirst().orElseThrow());
    }

    /** Broker default of {@code transaction.max.timeout.ms}. */
    public static final Duration BROKER_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    public static final Option<String> BOOTSTRAP_SERVERS = Option.text(
                    "kafka.bootstrap_servers", null, "the brokers, e.g. 127.0.0.1:9092")
            .defaultIs("none: no Kafka")
            .check(s -> !s.isBlank(), "must name the brokers, e.g. 127.0.0.1:9092");
    public static final Option<String> PROPERTIES_FILE = Option.path(
                    "kafka.properties_file",
                    null,
                    "a Java properties file of client settings (secrets stay out of the configuration)")
            .defaultIs("none");
    public static final Option<Long> TRANSACTION_TIMEOUT = Option.duration(
                    "kafka.transaction_timeout",
                    Duration.ofMinutes(5).toMillis(),
                    "of every transactional producer: above checkpoint_interval, at most the "
                            + "broker's transaction.max.timeout.ms (15m by default)")
            .check(
                    ms -> ms <= BROKER_MAX_TRANSACTION_TIMEOUT.toMillis(),
                    "must exceed checkpoint_interval and not exceed the broker's default transaction.max.timeout.ms (15m)");
    public static final Option<Boolean> METRICS = Option.flag(
            "kafka.metrics", true, "write reports, generation summaries, lineage and the champions' models to Kafka");
    public static final Option<Double> VALIDATION_FRACTION = Option.number(
                    "stream.validation_fraction", 0.2, "stream: share of records held out for fitness")
            .check(f -> f > 0 && f < 1, "must be in (0, 1)")
            .appliesTo(TaskKind.STREAM);
    /** Where a fresh run starts reading its topic of training records. */
    public enum Start {
        EARLIEST,
        LATEST
    }

    public static final Option<Start> START = Option.choice(
                    "stream.start",
                    Start.class,
                    Start.EARLIEST,
                    "stream: a fresh run reads its topic from the beginning (earliest) or the end (latest)")
            .appliesTo(TaskKind.STREAM);
    /** The topic options, kafka.topics.<name>, default popflow.<name> ('_' written '-'). */
    public static final List<Option<String>> TOPICS = java.util.stream.Stream.of(
                    "reports", "generations", "lineage", "feedback", "examples", "dead_letter", "models")
            .map(t -> Option.text(
                            "kafka.topics." + t,
                            "popflow." + t.replace('_', '-'),
                            t.equals("models")
                                    ? "compacted topic of the run's champions: key the run id, value the ONNX model, its "
                                            + "description in the headers"
                                    : "topic of the " + t.replace('_', ' ') + " records")
                    .check(n -> n.matches("[A-Za-z0-9._-]{1,249}"), "is not a legal Kafka topic name"))
            .toList();

    public static final List<Option<?>> OPTIONS = options();

    private static List<Option<?>> options() {
        List<Option<?>> all = new java.util.ArrayList<>(
                List.of(BOOTSTRAP_SERVERS, PROPERTIES_FILE, TRANSACTION_TIMEOUT, METRICS, VALIDATION_FRACTION, START));
        all.addAll(TOPICS);
        return List.copyOf(all);
    }

    /** Topic names; the defaults are {@code popflow.<name>}. */
    public record Topics(
            String reports,
            String generations,
            String lineage,
            String feedback,
            String examples,
            String deadLetter,
            String models) {}

    /**
     * @param format what a valid training record looks like
     * @param validationFraction share of records held out for fitness
     * @param fromLatest a fresh run reads from the topic's end instead of its beginning
     */
    public record ExampleStream(ExampleFormat format, double validationFraction, boolean fromLatest) {}
}
