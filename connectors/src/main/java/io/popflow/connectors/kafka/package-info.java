/**
 * A run's Kafka: transactional sinks that publish its records exactly once ({@link
 * io.popflow.connectors.kafka.ExactlyOnceKafkaSinks}); training examples read from a topic, refused
 * ones sent to a dead-letter topic ({@link io.popflow.connectors.kafka.KafkaExampleInput}); the
 * feedback edge between the slow and the fast time scale through a topic with one partition per
 * channel, for a job spread over machines ({@link io.popflow.connectors.kafka.KafkaFeedbackEdge});
 * the topics created and checked before a job starts ({@link
 * io.popflow.connectors.kafka.KafkaTopics}); and a {@code read_committed} reader of a run's topics
 * outside any job ({@link io.popflow.connectors.kafka.TopicTail}). {@link
 * io.popflow.connectors.kafka.KafkaConnection} keeps a cluster's secrets out of logs.
 *
 * <p>Built on Flink's Kafka connector and the Kafka clients, the interfaces of {@code
 * io.popflow.flink.feedback} and {@code io.popflow.flink} (the edge, a stream task's input) and the
 * decoding of {@code io.popflow.connectors.records}; it holds no dynamics, and nothing of the jobs
 * module that assembles it.
 */
package io.popflow.connectors.kafka;
