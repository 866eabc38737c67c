package io.popflow.jobs.config;

import io.popflow.config.PopulationConfig;
import java.nio.file.Path;

/**
 * A population run and where it writes.
 *
 * @param population the validated population configuration
 * @param output folder of the JSON Lines outputs and summary.json
 * @param checkpointDir where checkpoints go; null leaves it to the cluster's configuration
 * @param runId names the run in Kafka records and transactional ids
 * @param feedback which feedback edge closes the loop
 * @param kafka the run's Kafka, or null if it uses none
 * @param stateBackend where the agents' state lives between checkpoints
 * @param restartAttempts restarts after a failure before the run ends with it (fixed delay)
 */
public record RunConfig(PopulationConfig population, Path output, Path checkpointDir, String runId, Feedback feedback,
        KafkaSettings kafka, StateBackend stateBackend, int restartAttempts) {

    /** The feedback edges: in one JVM per channel (the default), or through a Kafka topic. */
    public enum Feedback { IN_JVM, KAFKA }

    /**
     * Flink's state backends: objects on the heap (the default, fastest for populations that fit),
     * or RocksDB on local disk with incremental checkpoints (state larger than the heap, and
     * checkpoints that upload only what changed).
     */
    public enum StateBackend { HASHMAP, ROCKSDB }
}
