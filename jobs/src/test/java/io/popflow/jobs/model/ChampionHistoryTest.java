package io.popflow.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.config.PopulationConfig;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The champion history after a JVM halted in the middle of appending to it: the torn line is cut
 * when the sink's writer opens (in Flink's operator harness, as a restarted job opens it), so the
 * champion it was for counts as unpublished and the next line starts a line of its own.
 */
class ChampionHistoryTest {
    private static final String FIRST = "{\"agent\":3,\"generation\":9,\"fitness\":0.91}";
    private static final String SECOND = "{\"agent\":1,\"generation\":19,\"fitness\":0.93}";

    @TempDir
    Path dir;

    @Test
    void aTornLastLineIsCutWhenTheWriterOpens() throws Exception {
        Path history = Files.createDirectories(dir.resolve(RunFolder.MODELS)).resolve(ChampionFiles.HISTORY);
        Files.writeString(history, FIRST + "\n" + SECOND + "\n" + "{\"agent\":4,\"generation\":29,\"fit");
        PopulationConfig config = ConfigLoader.parse(
                        ConfigLoader.set(ConfigLoader.preset("digits"), "output=" + dir.toString()))
                .population();
        try (var sink = new OneInputStreamOperatorTestHarness<>(
                new SinkWriterOperatorFactory<>(new ChampionFiles(dir, config, "run-1")))) {
            sink.open();
        }
        assertThat(history).hasContent(FIRST + "\n" + SECOND + "\n");
        assertThat(ChampionFiles.lastPublished(history)).isEqualTo(19);
    }
}
