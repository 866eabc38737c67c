package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.connectors.file.JsonLinesFileSink;
import io.popflow.connectors.file.LineEncoder;
import io.popflow.jobs.JobSinks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop whose savepoint comes between the agents' final records: some agents have ended (the job's
 * file sink wrote their lines before the savepoint), the others end after the resume. The stopped
 * run's end writes every agent's line into the same file, and the resumed job's sink (the real one,
 * in Flink's operator harness) cuts the file back to its length at the savepoint before it appends.
 */
class StoppedRunFinalsTest {
    private static final int POPULATION = 8;
    /** The agents whose final records the job wrote before the savepoint, in the order it wrote them. */
    private static final List<Integer> ENDED_BEFORE = List.of(5, 2);

    @TempDir
    Path dir;

    /**
     * An agent's final line as the job writes it, and as the stop's end writes it from the savepoint
     * (there an agent that had not ended yet has fewer steps): lines of unlike lengths, as the real
     * ones are (the best agent's alone has its test results).
     */
    private static String jobLine(int agent) {
        return "{\"agent\":" + agent + ",\"generation\":39,\"steps\":4000,\"fitness\":-1." + "3".repeat(agent + 1)
                + "}";
    }

    private static Map<Integer, String> savepointLines() {
        Map<Integer, String> lines = new LinkedHashMap<>();
        for (int agent = 0; agent < POPULATION; agent++) {
            lines.put(
                    agent,
                    ENDED_BEFORE.contains(agent)
                            ? jobLine(agent)
                            : "{\"agent\":" + agent + ",\"generation\":39,\"steps\":3900,\"fitness\":null}");
        }
        return lines;
    }

    @Test
    void theResumedJobAppendsAfterTheLinesItWroteBeforeTheStop() throws Exception {
        Path finals = dir.resolve(JobSinks.FINAL_AGENTS_FILE);
        OperatorSubtaskState savepoint = runUntilTheStop(finals);

        AtomicFiles.writeLines(finals, RunEnd.afterTheJobsOwn(finals, savepointLines()));
        // the stopped run's file: the job's lines as they were, then the other agents' from the savepoint
        assertThat(JsonLines.lines(finals))
                .extracting(JsonLines.Line::text)
                .startsWith(jobLine(5), jobLine(2))
                .hasSize(POPULATION);

        resume(finals, savepoint);
        List<JsonNode> rows = JsonLines.read(finals);
        assertThat(rows).extracting(r -> r.get("agent").asInt()).containsExactly(5, 2, 0, 1, 3, 4, 6, 7);
        assertThat(JsonLines.lines(finals))
                .extracting(JsonLines.Line::text)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, POPULATION)
                        .mapToObj(StoppedRunFinalsTest::jobLine)
                        .toList());
    }

    /**
     * The CI failure: the stop's end wrote the file anew in agent order, the resumed sink cut it at
     * its length at the savepoint, inside a line, and appended its next line to that line's start.
     */
    @Test
    void aFileWrittenAnewAtTheStopIsCutInsideALineOnResume() throws Exception {
        Path finals = dir.resolve(JobSinks.FINAL_AGENTS_FILE);
        OperatorSubtaskState savepoint = runUntilTheStop(finals);
        AtomicFiles.writeLines(finals, List.copyOf(savepointLines().values()));
        resume(finals, savepoint);
        assertThatThrownBy(() -> JsonLines.read(finals))
                .isInstanceOf(DamagedFileException.class)
                .hasMessageContaining(finals + " is damaged: line ");
    }

    /** The job until the savepoint of the stop: the agents of {@link #ENDED_BEFORE} have ended. */
    private static OperatorSubtaskState runUntilTheStop(Path finals) throws Exception {
        try (var job = sink(finals)) {
            job.open();
            for (int agent : ENDED_BEFORE) {
                job.processElement(jobLine(agent), 0);
            }
            return job.snapshot(1, 1);
        }
    }

    /** The resumed job from {@code savepoint}: the other agents end. */
    private static void resume(Path finals, OperatorSubtaskState savepoint) throws Exception {
        try (var resumed = sink(finals)) {
            resumed.initializeState(savepoint);
            resumed.open();
            for (int agent = 0; agent < POPULATION; agent++) {
                if (!ENDED_BEFORE.contains(agent)) {
                    resumed.processElement(jobLine(agent), 0);
                }
            }
        }
    }

    private static OneInputStreamOperatorTestHarness<String, ?> sink(Path file) throws Exception {
        LineEncoder<String> asIs = line -> line;
        return new OneInputStreamOperatorTestHarness<>(
                new SinkWriterOperatorFactory<String, Void>(new JsonLinesFileSink<>(file, asIs)));
    }
}
