package io.popflow.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.cli.Popflow;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.task.TableTaskSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving endpoint with a real HTTP client: answers in closed form for good rows (objects and
 * arrays), and for 22 malformed requests each a 400/404/405/413 with one JSON line naming the
 * problem, the server healthy after them all.
 */
class ServeRequestsTest {
    @TempDir
    Path dir;

    private AnimalsRun run;
    private float[] theta;
    private Path model;
    private ModelServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        run = AnimalsRun.in(dir, TableTaskSpec.Missing.REFUSE);
        theta = run.weights(2);
        model = run.export(dir.resolve("models"), "best", theta, 11);
        server = ModelServer.start(
                ModelLocation.of(model),
                new ModelServer.Settings(new InetSocketAddress("127.0.0.1", 0), 1 << 20, false, 100, 4),
                new PrintWriter(new StringWriter()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return send("POST", "/predict", HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void predictsRowsByNameOrInOrder() throws Exception {
        int[] rows = java.util.Arrays.copyOf(run.parts[2], 3);
        // by name (the label column may be there), in the model's column order, by name again
        String second = run.jsonObject(rows[1])
                .replaceAll("\\{\"weight\": ([^,]+), \"colour\": ([^,]+), \"legs\": ([^}]+)\\}", "[$1, $2, $3]");
        HttpResponse<String> r = post("{\"rows\": [" + run.jsonObject(rows[0]).replace("}", ", \"kind\": \"owl\"}")
                + ", " + second + ", " + run.jsonObject(rows[2]) + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = ExportedPairs.JSON.readTree(r.body());
        assertThat(answer.get("model").toString())
                .isEqualTo(
                        "{\"generation\":11,\"agent\":1,\"params_sha256\":\"" + AgentLifecycle.sha256(theta) + "\"}");
        List<String> classes = List.of(run.task.classes());
        for (int i = 0; i < rows.length; i++) {
            JsonNode p = answer.get("predictions").get(i);
            float[] expected = run.probabilities(theta, rows[i], false);
            int best = 0;
            for (int c = 0; c < classes.size(); c++) {
                assertThat(p.get("probabilities").get(classes.get(c)).asDouble())
                        .isCloseTo(expected[c], within(1e-5));
                best = expected[c] > expected[best] ? c : best;
            }
            assertThat(p.get("label").asText()).isEqualTo(classes.get(best));
        }
        HttpResponse<String> description = send("GET", "/model", HttpRequest.BodyPublishers.noBody());
        assertThat(ExportedPairs.JSON.readTree(description.body()))
                .isEqualTo(ExportedPairs.JSON.readTree(Files.readAllBytes(ModelFiles.descriptionOf(model))));
    }

    @Test
    void malformedRequestsEachGetOneLineAndTheServerStaysHealthy() throws Exception {
        String big = "{\"rows\": [" + "[1, \"red\", 2],".repeat(720_000) + "[1, \"red\", 2]]}";
        List<Object[]> cases = Arrays.asList(
                new Object[] {post("{\"rows\": [[1, \"red\", 2]]"), 400, "not JSON: Unexpected end-of-input"},
                new Object[] {post("rows=1"), 400, "not JSON: Unrecognized token 'rows'"},
                new Object[] {post("{\"rows\": []} []"), 400, "not JSON: Trailing token"},
                new Object[] {post(""), 400, "empty body; the body must be {\"rows\": [...]}"},
                new Object[] {post("{\"data\": []}"), 400, "no \"rows\" key; the body must be"},
                new Object[] {post("[[1, \"red\", 2]]"), 400, "not an object; the body must be"},
                new Object[] {post("{\"rows\": {\"weight\": 1}}"), 400, "\"rows\" is {\"weight\":1}, not a list"},
                new Object[] {post("{\"rows\": [[1, \"red\"]]}"), 400, "row 0: 2 values, where the model reads 3"},
                new Object[] {post("{\"rows\": [[1, \"red\", 2, 4]]}"), 400, "row 0: 4 values, where the model reads 3"
                },
                new Object[] {
                    post("{\"rows\": [[1, \"red\", \"2\"]]}"),
                    400,
                    "row 0 (legs): \"2\" is not a number, and the column is numeric (write a number as a JSON number"
                },
                new Object[] {
                    post("{\"rows\": [[1, \"red\", 2], [true, \"red\", 2]]}"),
                    400,
                    "row 1 (weight): true is not a number, and the column is numeric"
                },
                new Object[] {
                    post("{\"rows\": [[1e999, \"red\", 2]]}"), 400, "row 0 (weight): a number too large to be finite"
                },
                new Object[] {
                    post("{\"rows\": [[1, 3, 2]]}"), 400, "row 0 (colour): 3 is not text, and the column is text"
                },
                new Object[] {
                    post("{\"rows\": [[1, \"purple\", 2]]}"),
                    400,
                    "row 0 (colour): category 'purple' was not seen in training (the model knows light blue, red, green)"
                },
                new Object[] {post("{\"rows\": [[null, \"red\", 2]]}"), 400, "row 0 (weight): missing value"},
                new Object[] {
                    post("{\"rows\": [{\"weight\": 1, \"colour\": \"red\"}]}"),
                    400,
                    "row 0: no 'legs', which the model reads"
                },
                new Object[] {
                    post("{\"rows\": [{\"weight\": 1, \"color\": \"red\", \"legs\": 2}]}"),
                    400,
                    "row 0: 'color' is not one of the model's columns; did you mean 'colour'?"
                },
                new Object[] {
                    post("{\"rows\": [\"1,red,2\"]}"), 400, "row 0: \"1,red,2\" is neither an object nor an array"
                },
                new Object[] {post(big), 413, "the body is over 1048576 bytes (serve --max-body allows more)"},
                new Object[] {
                    send("GET", "/predict", HttpRequest.BodyPublishers.noBody()),
                    405,
                    "GET /predict is not served: use POST"
                },
                new Object[] {
                    send("DELETE", "/model", HttpRequest.BodyPublishers.noBody()),
                    405,
                    "DELETE /model is not served: use GET"
                },
                new Object[] {
                    send("GET", "/predictions", HttpRequest.BodyPublishers.noBody()), 404, "no such path: /predictions"
                });
        assertThat(big.length()).isGreaterThan(10_000_000);
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) c[0];
            assertThat(r.statusCode()).as(r.body()).isEqualTo(c[1]);
            assertThat(r.body()).as("one line").endsWith("\n").hasLineCount(1);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(ExportedPairs.JSON.readTree(r.body()).get("error").asText())
                    .startsWith((String) c[2]);
            if (r.statusCode() == 405) {
                assertThat(r.headers().firstValue("Allow"))
                        .hasValueSatisfying(a -> assertThat(a).isIn("GET", "POST"));
            }
        }
        HttpResponse<String> health = send("GET", "/health", HttpRequest.BodyPublishers.noBody());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .isEqualTo("{\"status\":\"ok\",\"model_sha256\":\"" + ModelFiles.sha256(Files.readAllBytes(model))
                        + "\"}\n");
        assertThat(post("{\"rows\": [[1, \"red\", 2]]}").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUseOrAMissingModelIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            int code = Popflow.run(
                    new PrintWriter(err, true),
                    "serve",
                    model.toString(),
                    "--port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString())
                    .isEqualTo("popflow: 127.0.0.1:" + taken.getLocalPort()
                            + ": cannot listen there (Address already in use; --port chooses another)"
                            + System.lineSeparator());
        }
        StringWriter err = new StringWriter();
        Path absent = dir.resolve("runs/none");
        assertThat(Popflow.run(new PrintWriter(err, true), "serve", absent.toString(), "--port", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("popflow: " + absent + ": no such model file" + System.lineSeparator());
    }
}
