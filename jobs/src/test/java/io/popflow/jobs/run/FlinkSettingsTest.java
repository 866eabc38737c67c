package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkSettingsTest {
    @TempDir
    Path dir;

    private RunConfig run(String... assignments) {
        return ConfigLoader.parse(
                ConfigLoader.set(ConfigLoader.set(ConfigLoader.preset("quadratic"), "output=" + dir), assignments));
    }

    @Test
    void aRunKeepsItsCheckpointsRestartsBoundedlyAndSavesIntoItsFolder() {
        RunConfig run = run();
        Configuration c = FlinkSettings.of(run, new RunFolder(dir), null, true);
        assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(dir.resolve("checkpoints").toUri().toString());
        assertThat(c.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .isEqualTo(dir.resolve("savepoints").toUri().toString());
        assertThat(c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(c.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(c.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS))
                .isEqualTo(3);
        assertThat(c.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(c.contains(StateRecoveryOptions.SAVEPOINT_PATH)).isFalse();
    }

    @Test
    void rocksDbCheckpointsIncrementally() {
        Configuration c = FlinkSettings.of(run("state_backend=rocksdb"), new RunFolder(dir), null, false);
        assertThat(c.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(c.contains(TaskManagerOptions.NETWORK_MEMORY_MIN))
                .as("a cluster sizes its own network")
                .isFalse();
    }

    @Test
    void aResumedRunRestoresFromItsSnapshot() {
        Path savepoint = dir.resolve("savepoints/savepoint-1");
        Configuration c = FlinkSettings.of(run(), new RunFolder(dir), savepoint, true);
        assertThat(c.get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo(savepoint.toUri().toString());
    }

    @Test
    void networkMemoryGrowsWithParallelismFromFlinksDefault() {
        assertThat(LocalLimits.networkMemory(2)).isEqualTo(MemorySize.ofMebiBytes(64));
        assertThat(LocalLimits.networkMemory(16).getBytes())
                .isGreaterThan(MemorySize.ofMebiBytes(64).getBytes());
        assertThat(LocalLimits.networkMemory(64).getBytes())
                .isGreaterThan(LocalLimits.networkMemory(16).getBytes() * 10);
    }
}
