package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.popflow.cli.Popflow;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.jobs.model.RunModels;
import io.popflow.jobs.serving.ExportedPairs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow serve RUN_DIR} on a real run, as a user runs it, in its own JVM: it serves the
 * run's models/best.onnx, takes models/champion.onnx as soon as {@code popflow export} writes one
 * (another agent), and Ctrl-C stops it cleanly (exit 0, "serve: stopped").
 */
class ServeCommandITCase {
    @RegisterExtension
    final PopflowProcesses processes = new PopflowProcesses();

    @TempDir
    Path dir;

    @Test
    void servesTheRunsBestThenItsChampionAndStopsOnCtrlC() throws Exception {
        Path run = dir.resolve("run");
        assertThat(Popflow.run(
                        "train",
                        "--preset",
                        "digits",
                        "--set",
                        "generations=2",
                        "--set",
                        "population=4",
                        "--output",
                        run.toString(),
                        "--quiet"))
                .isZero();
        Path best = RunModels.bestModel(run);
        PopflowProcess p = processes
                .logTo(dir.resolve("logs"))
                .start("serve", "serve", run.toString(), "--port", "0", "--poll-ms", "50");
        URI base = p.servedAt();
        HttpClient client = HttpClient.newHttpClient();

        assertThat(health(client, base)).contains(ModelFiles.sha256(Files.readAllBytes(best)));
        int bestAgent = ExportedPairs.JSON
                .readTree(run.resolve(RunSummary.FILE).toFile())
                .get("best_agent")
                .asInt();
        String pixels = "[" + "0, ".repeat(63) + "16]";
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(base.resolve("/predict"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"rows\": [" + pixels + "]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"agent\":" + bestAgent + ",").contains("\"label\":");

        // another agent of the run, exported as a user would, becomes the champion
        int other = (bestAgent + 1) % 4;
        Path champion = run.resolve("models/champion.onnx");
        assertThat(Popflow.run(
                        "export", run.toString(), "--agent", Integer.toString(other), "--output", champion.toString()))
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health(client, base).contains(ModelFiles.sha256(Files.readAllBytes(champion))));
        assertThat(p.stdout())
                .contains("serve: now serving " + champion + " (digits classification, generation 1, agent " + other);

        p.signal("INT");
        assertThat(p.awaitExit(Duration.ofSeconds(15)))
                .as("stderr: %s", p.stderr())
                .isZero();
        assertThat(p.stdout()).endsWith("serve: stopped\n");
    }

    private static String health(HttpClient client, URI base) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
