package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.ChampionFiles;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.jobs.run.JsonLines;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuously evolving run keeps its champion current: a stream task fed by a watched folder
 * whose data drift halfway (the labels of digits 0 and 1 swap) publishes champions whose
 * generation advances, and the champion after the drift scores better on post-drift data (held
 * out: digits rows the run never saw) than the champion before it, as ONNX Runtime scores the files.
 */
class ChampionDriftITCase {
    private static final int PER_FILE = 600;
    private static final IntUnaryOperator SWAP = l -> l == 0 ? 1 : l == 1 ? 0 : l;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = JobRuns.cluster(new org.apache.flink.configuration.Configuration());

    @TempDir
    Path tmp;

    @Test
    void theChampionFollowsADrift() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("incoming"));
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Path out = tmp.resolve("out");
        Path history = out.resolve("models").resolve(ChampionFiles.HISTORY);
        ObjectNode digits = ConfigLoader.preset("digits");
        digits.remove("data");
        // buffers smaller than a file: after the second file they hold post-drift examples only
        RunConfig run = ConfigLoader.parse(ConfigLoader.set(
                digits,
                "task=stream",
                "stream.features=64",
                "stream.classes=10",
                "stream.folder=" + folder,
                "stream.watch_interval=200ms",
                "stream.min_examples=32",
                "stream.replay_capacity=400",
                "stream.validation_capacity=100",
                "output=" + out,
                "population=4",
                "generations=0",
                "perturbation_interval=50",
                "parallelism=2",
                "checkpoint_interval=500ms",
                "models.every=5"));
        assertThat(run.population().champion())
                .as("a continuous run publishes its champion")
                .isNotNull();
        JobSinks sinks = new JobSinks(List.of(), List.of(), List.of(), List.of(), List.of())
                .withChampions(new ChampionFiles(out, run.population(), run.runId()));
        write(staging, folder, "before.csv", 0, IntUnaryOperator.identity());
        JobClient job = JobAssembly.job(run, sinks).executeAsync(StreamExecutionEnvironment.getExecutionEnvironment());
        Path before = tmp.resolve("before.onnx");
        Path after = tmp.resolve("after.onnx");
        int driftAt;
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> champions(history) >= 8);
            driftAt = copyChampion(out, before);
            write(staging, folder, "after.csv", PER_FILE, SWAP);
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> lastGeneration(history) >= driftAt + 60);
            copyChampion(out, after);
        } finally {
            job.cancel().get();
        }
        List<JsonNode> published = JsonLines.read(history);
        for (int i = 1; i < published.size(); i++) {
            assertThat(published.get(i).get("generation").asInt())
                    .as("generations advance")
                    .isGreaterThan(published.get(i - 1).get("generation").asInt());
        }
        int first = 2 * PER_FILE;
        int rows = DigitsRecords.size() - first;
        double accuracyBefore = accuracy(before, first, rows);
        double accuracyAfter = accuracy(after, first, rows);
        System.out.printf(
                "champion before the drift (generation %d): %.3f on post-drift data; after: %.3f%n",
                driftAt, accuracyBefore, accuracyAfter);
        assertThat(accuracyAfter).isGreaterThan(accuracyBefore);
    }

    /** Accuracy of the model {@code onnx} on digits rows {@code first ..} with the post-drift labels. */
    private static double accuracy(Path onnx, int first, int rows) throws Exception {
        float[] x = new float[rows * 64];
        String[] truth = new String[rows];
        for (int i = 0; i < rows; i++) {
            String[] cells = new String(DigitsRecords.csv(first + i, SWAP), StandardCharsets.UTF_8).split(",");
            for (int c = 0; c < 64; c++) {
                x[i * 64 + c] = Float.parseFloat(cells[c]);
            }
            truth[i] = cells[64];
        }
        OrtEnvironment ort = OrtEnvironment.getEnvironment();
        try (OrtSession s = ort.createSession(Files.readAllBytes(onnx));
                OnnxTensor t = OnnxTensor.createTensor(ort, FloatBuffer.wrap(x), new long[] {rows, 64});
                OrtSession.Result r = s.run(Map.of("features", t))) {
            String[] labels = (String[]) r.get("label").get().getValue();
            int correct = 0;
            for (int i = 0; i < rows; i++) {
                correct += labels[i].equals(truth[i]) ? 1 : 0;
            }
            return (double) correct / rows;
        }
    }

    /** Copies the current champion pair (a pair whose description matches its model) and returns its generation. */
    private static int copyChampion(Path out, Path to) throws Exception {
        Path onnx = out.resolve("models/champion.onnx");
        while (true) {
            byte[] model = Files.readAllBytes(onnx);
            JsonNode d = JSON.readTree(ModelFiles.descriptionOf(onnx).toFile());
            if (d.get("model_sha256").asText().equals(ModelFiles.sha256(model))) {
                Files.write(to, model);
                return d.get("generation").asInt();
            }
            Thread.sleep(50); // caught between the two renames: the next read sees the pair
        }
    }

    private static int champions(Path history) throws Exception {
        return Files.exists(history) ? Files.readAllLines(history).size() : 0;
    }

    private static int lastGeneration(Path history) throws Exception {
        List<JsonNode> lines = Files.exists(history) ? JsonLines.read(history) : List.of();
        return lines.isEmpty()
                ? -1
                : lines.get(lines.size() - 1).get("generation").asInt();
    }

    /** A file of digits records from {@code first}, labels mapped by {@code label}, moved into the folder whole. */
    private static void write(Path staging, Path folder, String name, int first, IntUnaryOperator label)
            throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PER_FILE; i++) {
            lines.add(new String(DigitsRecords.csv(first + i, label), StandardCharsets.UTF_8));
        }
        Path file = staging.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        Files.move(file, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
