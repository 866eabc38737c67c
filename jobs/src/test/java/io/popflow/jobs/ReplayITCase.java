package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import io.popflow.jobs.replay.WinnerReplay;
import io.popflow.jobs.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow replay} on the digits preset's run, as a user types it: the winner's line retrained
 * alone ends with the winner's final weights bit for bit, every generation ends with the stream
 * position and fitness the run logged, and the report draws the replayed line over the run's.
 */
class ReplayITCase {
    @TempDir
    Path dir;

    @Test
    void theDigitsWinnerIsReplayedBitForBit() throws Exception {
        assertThat(Popflow.run("train", "--preset", "digits", "--output", dir.toString(), "--quiet", "--report"))
                .isZero();

        assertThat(Popflow.run("replay", dir.toString())).isZero();

        ObjectMapper json = new ObjectMapper();
        JsonNode verdict = json.readTree(dir.resolve(WinnerReplay.SUMMARY_FILE).toFile());
        JsonNode summary = json.readTree(dir.resolve(RunSummary.FILE).toFile());
        JsonNode winnerRecord = JobRuns.read(dir.resolve(JobSinks.FINAL_AGENTS_FILE)).stream()
                .filter(f -> f.get("agent").asInt() == summary.get("best_agent").asInt())
                .findFirst()
                .orElseThrow();
        assertThat(verdict.get("params_sha256").asText())
                .isEqualTo(winnerRecord.get("params_sha256").asText());
        assertThat(verdict.get("identical").asBoolean()).isTrue();
        assertThat(verdict.get("copies").asInt()).as("the line crosses agents").isPositive();
        assertThat(verdict.get("test").get("accuracy"))
                .isEqualTo(summary.get("test").get("accuracy"));

        List<JsonNode> line = JobRuns.read(dir.resolve(WinnerReplay.LINE_FILE));
        assertThat(line)
                .hasSize(summary.get("generations").asInt()
                        - verdict.get("first_generation").asInt());
        for (JsonNode g : line) {
            assertThat(g.get("rng_state"))
                    .as("generation %s", g.get("generation"))
                    .isEqualTo(g.get("original").get("rng_state"));
            assertThat(g.get("raw_fitness")).isEqualTo(g.get("original").get("raw_fitness"));
        }
        assertThat(dir.resolve(RunReport.FOLDER).resolve("replay.png")).isNotEmptyFile();
    }
}
