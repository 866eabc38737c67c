package io.popflow.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.task.TableTaskSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} under load while its model is replaced: a real HTTP client sends 250 requests/s
 * for 30 s while a new pair is written into the served folder every 4 s (as the exporter writes
 * one: .json first, each file renamed into place). Every request succeeds, and every answer comes
 * from one complete model: the {@code params_sha256} it names is one written, and its probabilities
 * are that model's (popflow's own forward pass of those weights). The models are the exporter's, of
 * a table task with a text column.
 */
class ServeSwapITCase {
    private static final int RATE = 250;
    private static final int SECONDS = 30;
    private static final int CLIENTS = 5;

    @TempDir
    Path dir;

    @Test
    void swapsUnderLoadWithoutAFailedRequest() throws Exception {
        AnimalsRun run = AnimalsRun.in(dir, TableTaskSpec.Missing.REFUSE);
        int row = run.parts[2][0];
        String body = "{\"rows\": [" + run.jsonObject(row) + "]}";
        // each model's params_sha256 -> its probabilities for the row, by popflow's own forward pass
        Map<String, float[]> written = new ConcurrentHashMap<>();
        float[] first = run.weights(0);
        written.put(AgentLifecycle.sha256(first), run.probabilities(first, row, false));
        Path model = run.export(dir.resolve("models"), "champion", first, 0);
        StringWriter log = new StringWriter();
        ModelServer server = ModelServer.start(
                ModelLocation.of(model),
                new ModelServer.Settings(new InetSocketAddress("127.0.0.1", 0), 1 << 20, false, 100, 8),
                new PrintWriter(log, true));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI predict = URI.create("http://127.0.0.1:" + server.port() + "/predict");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Set<String> answeredBy = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int offset = c;
                clients.add(pool.submit(() -> {
                    long interval = TimeUnit.SECONDS.toNanos(1) * CLIENTS / RATE;
                    for (long due = start + offset * interval / CLIENTS; due < end; due += interval) {
                        pauseUntil(due);
                        sent.incrementAndGet();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = client.send(
                                    HttpRequest.newBuilder(predict)
                                            .timeout(Duration.ofSeconds(10))
                                            .POST(HttpRequest.BodyPublishers.ofString(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            latencies.add(System.nanoTime() - t0);
                            check(r, written, run.task.classes(), answeredBy, failures);
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            Future<?> swapper = pool.submit(() -> {
                for (int k = 1; System.nanoTime() + TimeUnit.SECONDS.toNanos(4) < end; k++) {
                    Thread.sleep(4000);
                    float[] theta = run.weights(k);
                    written.put(AgentLifecycle.sha256(theta), run.probabilities(theta, row, false));
                    run.export(dir.resolve("models"), "champion", theta, k);
                }
                return null;
            });
            for (Future<?> f : clients) {
                f.get(SECONDS + 60, TimeUnit.SECONDS);
            }
            swapper.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            server.close();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "serve under swaps: %d requests in %d s (%.0f/s), %d models written, %d answered, "
                        + "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                sent.get(),
                SECONDS,
                sent.get() / (double) SECONDS,
                written.size(),
                answeredBy.size(),
                millis(sorted, 0.50),
                millis(sorted, 0.99),
                millis(sorted, 1.0));
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(sent.get()).isGreaterThanOrEqualTo(RATE * SECONDS * 95 / 100);
        assertThat(written).hasSizeGreaterThanOrEqualTo(6);
        assertThat(answeredBy).as("swapped at least 5 times").hasSizeGreaterThanOrEqualTo(6);
        assertThat(log.toString()).doesNotContain("keeping the current model");
    }

    private static void check(
            HttpResponse<String> r,
            Map<String, float[]> written,
            String[] classes,
            Set<String> answeredBy,
            List<String> failures)
            throws Exception {
        if (r.statusCode() != 200) {
            failures.add(r.statusCode() + " " + r.body());
            return;
        }
        JsonNode answer = ExportedPairs.JSON.readTree(r.body());
        String params = answer.get("model").get("params_sha256").asText();
        float[] expected = written.get(params);
        if (expected == null) {
            failures.add("an answer from a model never written: " + params);
            return;
        }
        answeredBy.add(params);
        JsonNode p = answer.get("predictions").get(0).get("probabilities");
        for (int c = 0; c < classes.length; c++) {
            if (Math.abs(p.get(classes[c]).asDouble() - expected[c]) > 1e-5) {
                failures.add("model " + params + " answered " + p + ", its weights give "
                        + java.util.Arrays.toString(expected));
            }
        }
    }

    private static double millis(List<Long> sorted, double q) {
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }

    private static void pauseUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
