package io.popflow.jobs.config;

import io.popflow.config.PopulationConfig;
import io.popflow.option.Option;
import java.nio.file.Path;
import java.util.List;

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
 * @param folder a stream task's watched folder, or null (examples from Kafka, or no stream task)
 */
public record RunConfig(
        PopulationConfig population,
        Path output,
        Path checkpointDir,
        String runId,
        Feedback feedback,
        KafkaSettings kafka,
        StateBackend stateBackend,
        int restartAttempts,
        FolderSettings folder) {

    /** A run without a watched folder. */
    public RunConfig(
            PopulationConfig population,
            Path output,
            Path checkpointDir,
            String runId,
            Feedback feedback,
            KafkaSettings kafka,
            StateBackend stateBackend,
            int restartAttempts) {
        this(population, output, checkpointDir, runId, feedback, kafka, stateBackend, restartAttempts, null);
    }

    /** The feedback edges: in one JVM per channel (the default), or through a Kafka topic. */
    public enum Feedback {
        IN_JVM,
        KAFKA
    }

    /**
     * Flink's state backends: objects on the heap (the default, fastest for populations that fit),
     * or RocksDB on local disk with incremental checkpoints (state larger than the heap, and
     * checkpoints that upload only what changed).
     */
    public enum StateBackend {
        HASHMAP,
        ROCKSDB
    }

    public static final Option<String> OUTPUT = Option.text(
                    "output", null, "folder of the run's outputs: new or empty (--resume names a run's own)")
            .defaultIs("none: must be set")
            .check(s -> !s.isBlank(), "must name a folder");
    public static final Option<String> CHECKPOINT_DIR =
            Option.path("checkpoint_dir", null, "where checkpoints go").defaultIs("<output>/checkpoints");
    public static final Option<String> RUN_ID = Option.text(
                    "run_id", null, "names the run in Kafka records and transactional ids")
            .defaultIs("popflow-<task>-<seed>")
            .check(s -> s.matches("[A-Za-z0-9._-]{1,100}"), "must be 1 to 100 letters, digits, '.', '_' or '-'");
    public static final Option<Feedback> FEEDBACK = Option.choice(
            "feedback",
            Feedback.class,
            Feedback.IN_JVM,
            "the feedback edge: in one JVM per channel, or through a Kafka topic");
    public static final Option<StateBackend> STATE_BACKEND = Option.choice(
            "state_backend",
            StateBackend.class,
            StateBackend.HASHMAP,
            "hashmap (heap) or rocksdb (local disk, incremental checkpoints)");
    public static final Option<Integer> RESTART_ATTEMPTS = Option.integer(
                    "restart_attempts", 3, "restarts after a failure before the run ends with its cause")
            .between(0, 1000);

    /**
     * Not part of what the run is (a resume may give the same classes in another jar), but recorded in
     * its {@code config.yaml}, so that a resume or replay finds them without being told.
     */
    public static final Option<List<String>> JARS = Option.paths(
                    "jars",
                    "jars of your own classes (objective.class, environment.class, trainable.class), shipped with the job; "
                            + "train's --jar adds to them")
            .defaultIs("none");

    public static final List<Option<?>> OPTIONS =
            List.of(OUTPUT, CHECKPOINT_DIR, RUN_ID, FEEDBACK, STATE_BACKEND, RESTART_ATTEMPTS, JARS);
}
