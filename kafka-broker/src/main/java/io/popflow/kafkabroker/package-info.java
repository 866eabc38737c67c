/**
 * A real single-node Kafka broker (KRaft) for the Kafka tests, CI and the benchmark: {@link
 * io.popflow.kafkabroker.LocalKafkaBroker} runs it as a child JVM bound to 127.0.0.1, one shared
 * broker per JVM ({@link io.popflow.kafkabroker.LocalKafkaBroker#shared()}), and hands out its
 * bootstrap address.
 *
 * <p>A launcher, not part of any job: it uses no class of popflow's or Kafka's, only names the
 * broker's main class for the child JVM, whose classpath (Kafka is a {@code provided} dependency,
 * its versions not managed by popflow's parent pom) is written into the jar.
 */
package io.popflow.kafkabroker;
