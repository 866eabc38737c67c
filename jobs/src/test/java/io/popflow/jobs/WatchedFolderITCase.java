package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.connectors.memory.CollectingSink;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.slow.GenerationSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream task fed by a watched folder, no Kafka anywhere: the file that is there at the start and
 * a file moved in while the job runs both reach every trainer subtask's replay buffer (the counters
 * say how many lines), the population trains on them, the malformed lines of the second file are in
 * the dead-letter file with their reason, file and line, and the job keeps running.
 */
class WatchedFolderITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FIRST = 300;
    private static final int SECOND = 200;
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster(METRICS.addToConfiguration(new Configuration()));

    @TempDir
    Path tmp;

    @Test
    void filesDroppedIntoTheFolderAreLearnedFromAndBadLinesAreDeadLetters() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("incoming"));
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Path deadLetters = tmp.resolve("out/dead-letters.jsonl");
        write(staging, folder, "first.csv", lines(0, FIRST, List.of()));
        // 20% of 300 held out: about 60 validation examples, above the 32 the buffers wait for
        // line numbers count the header: line 1 is the header, record i is line i + 2
        List<String> second = lines(FIRST, SECOND, List.of("1,2,3", "pixel soup", "bad label"));

        ObjectNode digits = ConfigLoader.preset("digits");
        digits.remove("data");
        RunConfig run = ConfigLoader.parse(ConfigLoader.set(
                digits,
                "task=stream",
                "stream.features=64",
                "stream.classes=10",
                "stream.folder=" + folder,
                "stream.header=true",
                "stream.watch_interval=200ms",
                "stream.dead_letter_file=" + deadLetters,
                "stream.min_examples=32",
                "output=" + tmp.resolve("out"),
                "population=4",
                "generations=0",
                "perturbation_interval=50",
                "parallelism=2",
                "checkpoint_interval=300ms"));
        assertThat(run.kafka()).as("no Kafka is configured").isNull();
        int subtasks = run.population().parallelism();

        String summariesKey = "folder-" + System.nanoTime();
        JobSinks sinks = new JobSinks(
                List.of(),
                List.of(new CollectingSink<GenerationSummary>(summariesKey)),
                List.of(),
                List.of(),
                List.of());
        JobClient job = JobAssembly.job(run, sinks).executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> sum(job, "examplesAccepted") == FIRST
                            && sum(job, "examplesBuffered") == (long) FIRST * subtasks
                            && CollectingSink.count(summariesKey) >= 2);
            int generationsBefore = CollectingSink.count(summariesKey);

            write(staging, folder, "second.csv", second);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> sum(job, "examplesAccepted") == FIRST + SECOND
                            && sum(job, "examplesRejected") == 3
                            && sum(job, "examplesBuffered") == (long) (FIRST + SECOND) * subtasks);
            // the dead letters are written by the checkpoint after them
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(deadLetters)
                            && Files.readAllLines(deadLetters).size() == 3);
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> CollectingSink.count(summariesKey) >= generationsBefore + 2);
            assertThat(job.getJobStatus().get()).as("the job is still running").isEqualTo(JobStatus.RUNNING);

            List<JsonNode> letters = new ArrayList<>();
            for (String line : Files.readAllLines(deadLetters)) {
                letters.add(JSON.readTree(line));
            }
            assertThat(letters)
                    .extracting(l -> l.get("reason").asText())
                    .containsExactlyInAnyOrder("wrong_width", "unparseable", "bad_label");
            for (JsonNode l : letters) {
                assertThat(RecordSchemas.DEAD_LETTER.violations(l)).isEmpty();
                assertThat(l.get("source").get("file").asText()).endsWith("/incoming/second.csv");
                long line = l.get("source").get("line").asLong();
                String original = new String(
                        Base64.getDecoder().decode(l.get("value_base64").asText()), StandardCharsets.UTF_8);
                assertThat(original).as("the bytes of line %d", line).isEqualTo(second.get((int) line - 1));
                assertThat(l.get("key_base64").isNull()).isTrue();
            }
        } finally {
            job.cancel().get();
        }
    }

    /** A header, then {@code count} digits records from {@code first}, then the malformed lines, one after every 50th record. */
    private static List<String> lines(int first, int count, List<String> malformed) {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < 64; c++) {
            header.append("pixel").append(c).append(',');
        }
        lines.add(header.append("label").toString());
        int bad = 0;
        for (int i = 0; i < count; i++) {
            lines.add(new String(DigitsRecords.csv(first + i), StandardCharsets.UTF_8));
            if (i % 50 == 49 && bad < malformed.size()) {
                String m = malformed.get(bad++);
                lines.add(
                        m.equals("bad label")
                                ? new String(DigitsRecords.csv(first + i, l -> 10), StandardCharsets.UTF_8)
                                : m);
            }
        }
        return lines;
    }

    /** Writes the file outside the folder, then moves it in, so that the source never sees half a file. */
    private static void write(Path staging, Path folder, String name, List<String> lines) throws Exception {
        Path file = staging.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        Files.move(file, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long sum(JobClient job, String name) {
        return JobRuns.counterSum(METRICS, job, name);
    }
}
