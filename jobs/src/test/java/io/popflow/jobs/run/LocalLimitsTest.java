package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLimitsTest {
    private static final long GB = 1L << 30;

    @TempDir
    Path dir;

    private PopulationConfig stream(int replayCapacity) {
        ObjectNode digits = ConfigLoader.preset("digits");
        digits.remove("data"); // the digits' split: a stream holds out by position
        return ConfigLoader.parse(ConfigLoader.set(
                        digits,
                        "output=" + dir,
                        "task=stream",
                        "generations=0",
                        "kafka.bootstrap_servers=127.0.0.1:9",
                        "stream={features: 64, classes: 10, replay_capacity: " + replayCapacity + "}"))
                .population();
    }

    @Test
    void parallelismUpToFourSubtasksPerCore() {
        LocalLimits limits = new LocalLimits(2, 4 * GB);
        assertThatCode(() -> limits.checkParallelism(8)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.checkParallelism(9))
                .hasMessageStartingWith(
                        "invalid option 'parallelism': 9 is more than a local run on this machine carries (at most 8");
    }

    /** Every trainer subtask holds a full copy of the stream's replay buffers: they count against the heap too. */
    @Test
    void replayBuffersCountAgainstTheHeap() {
        LocalLimits limits = new LocalLimits(2, GB);
        PopulationConfig small = stream(2048);
        assertThatCode(() -> limits.checkPopulation(small, 4810)).doesNotThrowAnyException();
        // 2 subtasks x (1,000,000 + 512) examples x (64 floats + 48 bytes) = 608 MB, beyond half of 1 GB
        PopulationConfig large = stream(1_000_000);
        assertThat(LocalLimits.replayBufferBytes(large)).isEqualTo(2 * 1_000_512.0 * (4 * 64 + 48));
        assertThatThrownBy(() -> limits.checkPopulation(large, 4810))
                .hasMessageContaining(
                        "(weights, optimizer memory, copies kept for transfers, replay buffers), more than half of "
                                + "this JVM's 1.0 GB heap");
    }
}
