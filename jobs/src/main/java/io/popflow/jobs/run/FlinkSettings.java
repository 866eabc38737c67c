package io.popflow.jobs.run;

import io.popflow.jobs.config.RunConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/** The Flink configuration of a run: where its snapshots go, how it restarts, which state backend holds it. */
public final class FlinkSettings {
    /** Wait between restarts after a failure. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);

    private FlinkSettings() {}

    /**
     * @param restoreFrom the savepoint or checkpoint the run resumes from, or null for a new run
     * @param local whether the job runs on this JVM's MiniCluster (whose network memory is sized here)
     */
    public static Configuration of(RunConfig run, RunFolder folder, Path restoreFrom, boolean local) {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, uri(run.checkpointDir()));
        c.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, uri(folder.savepoints()));
        // a run that is killed or cancelled keeps its newest checkpoint to resume from
        c.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // bounded: a failure that repeats ends the run with its cause instead of restarting it forever
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, run.restartAttempts());
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
        c.set(StateBackendOptions.STATE_BACKEND, run.stateBackend().name().toLowerCase(Locale.ROOT));
        if (run.stateBackend() == RunConfig.StateBackend.ROCKSDB) {
            c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        if (restoreFrom != null) {
            c.set(StateRecoveryOptions.SAVEPOINT_PATH, uri(restoreFrom));
        }
        if (local) {
            MemorySize network = LocalLimits.networkMemory(run.population().parallelism());
            c.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
            c.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        }
        return c;
    }

    private static String uri(Path path) {
        return path.toAbsolutePath().toUri().toString();
    }
}
