package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.popflow.export.ModelExport;
import io.popflow.jobs.serving.ExportedPairs;
import io.popflow.math.SplitMix64;
import io.popflow.model.Activation;
import io.popflow.model.Mlp;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.FitnessMetric;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow serve RUN_DIR} as a user runs it, in its own JVM: it serves the run's
 * models/best.onnx, takes models/champion.onnx as soon as one is written, and Ctrl-C stops it
 * cleanly (exit 0, "serve: stopped").
 */
class ServeCommandITCase {
    @RegisterExtension
    final PopflowProcesses processes = new PopflowProcesses();

    @TempDir
    Path dir;

    @Test
    void servesTheRunsBestThenItsChampionAndStopsOnCtrlC() throws Exception {
        DigitsTaskSpec task = new DigitsTaskSpec(new int[] {16}, Activation.RELU, 0.6, 0.2, FitnessMetric.ACCURACY);
        Path models = dir.resolve("run/models");
        Path best = ExportedPairs.write(models, "best", ModelExport.of(task, 1, weights(task, 1), Map.of()), weights(task, 1), 3, 9);
        PopflowProcess p = processes.logTo(dir.resolve("logs")).start("serve", "serve", dir.resolve("run").toString(),
                "--port", "0", "--poll-ms", "50");
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
        await().atMost(Duration.ofSeconds(60)).until(() -> listening.matcher(p.stdout()).find() || !p.isAlive());
        Matcher m = listening.matcher(p.stdout());
        assertThat(m.find()).as("stdout: %s\nstderr: %s", p.stdout(), p.stderr()).isTrue();
        URI base = URI.create("http://127.0.0.1:" + m.group(1));
        HttpClient client = HttpClient.newHttpClient();

        assertThat(health(client, base)).contains(sha256(best));
        String pixels = "[" + "0, ".repeat(63) + "16]";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/predict"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"rows\": [" + pixels + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"generation\":9,\"agent\":3").contains("\"label\":");

        Path champion = ExportedPairs.write(models, "champion", ModelExport.of(task, 1, weights(task, 2), Map.of()),
                weights(task, 2), 5, 12);
        await().atMost(Duration.ofSeconds(10)).until(() -> health(client, base).contains(sha256(champion)));
        assertThat(p.stdout()).contains("serve: now serving " + champion + " (digits classification, generation 12, agent 5");

        p.signal("INT");
        assertThat(p.awaitExit(Duration.ofSeconds(15))).as("stderr: %s", p.stderr()).isZero();
        assertThat(p.stdout()).endsWith("serve: stopped\n");
    }

    private static String health(HttpClient client, URI base) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static float[] weights(DigitsTaskSpec task, long seed) {
        float[] theta = new float[task.architecture().parameterCount()];
        Mlp.initialize(task.architecture(), theta, new SplitMix64(seed));
        return theta;
    }
}
