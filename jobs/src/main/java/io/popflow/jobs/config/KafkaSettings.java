package io.popflow.jobs.config;

import io.popflow.connectors.examples.ExampleFormat;
import io.popflow.connectors.kafka.KafkaConnection;
import java.time.Duration;

/**
 * A run's Kafka: the cluster, its topics, the transactional sinks' timeout, whether metrics go there,
 * and, for a stream-fed task, how training records are read.
 *
 * @param connection bootstrap servers and client properties
 * @param topics the topic names
 * @param transactionTimeout of every transactional producer (below the broker's {@code
 *     transaction.max.timeout.ms}, 15 minutes by default)
 * @param metrics whether reports, generation summaries and lineage are written to Kafka
 * @param examples how training records are read; null unless the task is {@code stream}
 */
public record KafkaSettings(KafkaConnection connection, Topics topics, Duration transactionTimeout, boolean metrics,
        ExampleStream examples) {

    /** Broker default of {@code transaction.max.timeout.ms}. */
    public static final Duration BROKER_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** Topic names; the defaults are {@code popflow.<name>}. */
    public record Topics(String reports, String generations, String lineage, String feedback, String examples,
            String deadLetter) {}

    /**
     * @param format what a valid training record looks like
     * @param validationFraction share of records held out for fitness
     * @param fromLatest a fresh run reads from the topic's end instead of its beginning
     */
    public record ExampleStream(ExampleFormat format, double validationFraction, boolean fromLatest) {}
}
