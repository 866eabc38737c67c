package io.popflow.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.popflow.agent.AgentLifecycle;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.task.TableTaskSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served model's folder as it may look between and after writes: a .json already new beside
 * the old .onnx is no model yet, a pair that matches but will not load is said once and left, a
 * held model keeps answering after a swap, and the next good pair takes over.
 */
class ModelWatcherTest {
    @TempDir
    Path dir;

    @Test
    void swapsOnlyToCompletePairsThatLoad() throws Exception {
        AnimalsRun run = AnimalsRun.in(dir, TableTaskSpec.Missing.REFUSE);
        Path models = dir.resolve("models");
        float[] first = run.weights(1);
        Path onnx = run.export(models, "best", first, 1);
        StringWriter log = new StringWriter();
        try (ModelWatcher watcher = ModelWatcher.start(ModelLocation.of(onnx), 20, new PrintWriter(log, true))) {
            ServedModel held = watcher.acquire();

            // the exporter's first rename: a new .json beside the old .onnx
            Path other = dir.resolve("other");
            float[] second = run.weights(2);
            run.export(other, "best", second, 2);
            ExportedPairs.renameIntoPlace(models.resolve("best.json"), Files.readAllBytes(other.resolve("best.json")));
            Thread.sleep(200);
            assertThat(params(watcher)).as("no model yet").isEqualTo(AgentLifecycle.sha256(first));

            // a pair that matches but is no model: said once, the current one kept
            byte[] broken = "not onnx".getBytes(StandardCharsets.UTF_8);
            String json = Files.readString(other.resolve("best.json"))
                    .replaceAll(
                            "\"model_sha256\" : \"[0-9a-f]+\"",
                            "\"model_sha256\" : \"" + ModelFiles.sha256(broken) + "\"");
            ExportedPairs.renameIntoPlace(models.resolve("best.json"), json.getBytes(StandardCharsets.UTF_8));
            ExportedPairs.renameIntoPlace(onnx, broken);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.toString().contains("keeping the current model"));
            Thread.sleep(200);
            assertThat(log.toString().lines().filter(l -> l.contains("keeping")).count())
                    .isEqualTo(1);
            assertThat(params(watcher)).isEqualTo(AgentLifecycle.sha256(first));

            // the next good pair takes over; the request that held the first model still scores with it
            run.export(models, "best", second, 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> params(watcher).equals(AgentLifecycle.sha256(second)));
            assertThat(held.model().metadata().paramsSha256()).isEqualTo(AgentLifecycle.sha256(first));
            Predictions p = held.model()
                    .score(JsonInput.parse(
                            ("{\"rows\": [" + run.jsonObject(run.parts[2][0]) + "]}").getBytes(StandardCharsets.UTF_8),
                            held.model(),
                            false));
            assertThat((double) p.probabilities()[0][0])
                    .isCloseTo(
                            run.probabilities(first, run.parts[2][0], false)[0],
                            org.assertj.core.api.Assertions.within(1e-5));
            held.release();
            assertThat(held.tryAcquire()).as("closed after its last request").isFalse();
            assertThat(log.toString()).contains("serve: now serving " + onnx + " (table classification, generation 2");
        }
    }

    private static String params(ModelWatcher watcher) {
        ServedModel m = watcher.acquire();
        try {
            return m.model().metadata().paramsSha256();
        } finally {
            m.release();
        }
    }
}
