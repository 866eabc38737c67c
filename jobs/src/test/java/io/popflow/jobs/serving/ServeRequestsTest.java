package io.popflow.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.cli.Popflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * arrays), and for 20 malformed requests each a 400/404/405/413 with one JSON line naming the
 * problem, the server healthy after them all.
 */
class ServeRequestsTest {
    @TempDir
    Path dir;
    private Path model;
    private ModelServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        model = HandMadeModels.tableClassifier(dir, "best", 1f, "refuse");
        server = ModelServer.start(ModelLocation.of(model), new ModelServer.Settings(
                new InetSocketAddress("127.0.0.1", 0), 1 << 20, false, 100, 4), new PrintStream(new ByteArrayOutputStream()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).method(method, body).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return send("POST", "/predict", HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void predictsRowsByNameOrInOrder() throws Exception {
        HttpResponse<String> r = post("{\"rows\": [{\"x\": 1, \"y\": 0.5, \"colour\": \"green\", \"species\": \"a\"},"
                + " [-3, 1, \"red\"], {\"x\": 0, \"y\": 0, \"colour\": \"red\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = HandMadeModels.JSON.readTree(r.body());
        assertThat(answer.get("model").toString()).isEqualTo("{\"generation\":10,\"agent\":3,\"params_sha256\":\"hand-made-w=1.0\"}");
        JsonNode p = answer.get("predictions");
        double[] z = {1 + 0.5 - 2, -3 + 1 + 2, 2};
        for (int i = 0; i < z.length; i++) {
            double pB = 1 / (1 + Math.exp(-z[i]));
            assertThat(p.get(i).get("label").asText()).isEqualTo(pB > 0.5 ? "b" : "a");
            assertThat(p.get(i).get("probabilities").get("b").asDouble()).isCloseTo(pB, org.assertj.core.api.Assertions.within(1e-6));
        }
        HttpResponse<String> description = send("GET", "/model", HttpRequest.BodyPublishers.noBody());
        assertThat(HandMadeModels.JSON.readTree(description.body())).isEqualTo(HandMadeModels.JSON.readTree(
                java.nio.file.Files.readAllBytes(ModelPair.descriptionOf(model))));
    }

    @Test
    void twentyMalformedRequestsEachGetOneLineAndTheServerStaysHealthy() throws Exception {
        String big = "{\"rows\": [" + "[1, 2, \"red\"],".repeat(720_000) + "[1, 2, \"red\"]]}";
        List<Object[]> cases = Arrays.asList(
                new Object[] {post("{\"rows\": [[1, 2, \"red\"]"), 400, "not JSON: Unexpected end-of-input"},
                new Object[] {post("rows=1"), 400, "not JSON: Unrecognized token 'rows'"},
                new Object[] {post(""), 400, "empty body; the body must be {\"rows\": [...]}"},
                new Object[] {post("{\"data\": []}"), 400, "no \"rows\" key; the body must be"},
                new Object[] {post("[[1, 2, \"red\"]]"), 400, "not an object; the body must be"},
                new Object[] {post("{\"rows\": {\"x\": 1}}"), 400, "\"rows\" is {\"x\":1}, not a list"},
                new Object[] {post("{\"rows\": [[1, 2]]}"), 400, "row 0: 2 values, where the model reads 3"},
                new Object[] {post("{\"rows\": [[1, 2, \"red\", 4]]}"), 400, "row 0: 4 values, where the model reads 3"},
                new Object[] {post("{\"rows\": [[1, \"2\", \"red\"]]}"), 400,
                        "row 0 (y): \"2\" is not a number, and the column is numeric (write a number as a JSON number"},
                new Object[] {post("{\"rows\": [[1, 2, \"red\"], [true, 2, \"red\"]]}"), 400,
                        "row 1 (x): true is not a number, and the column is numeric"},
                new Object[] {post("{\"rows\": [[1, 2, 3]]}"), 400, "row 0 (colour): 3 is not text, and the column is text"},
                new Object[] {post("{\"rows\": [[1, 2, \"blue\"]]}"), 400,
                        "row 0 (colour): category 'blue' was not seen in training (the model knows red, green)"},
                new Object[] {post("{\"rows\": [[null, 2, \"red\"]]}"), 400, "row 0 (x): missing value"},
                new Object[] {post("{\"rows\": [{\"x\": 1, \"y\": 2}]}"), 400, "row 0: no 'colour', which the model reads"},
                new Object[] {post("{\"rows\": [{\"x\": 1, \"y\": 2, \"color\": \"red\"}]}"), 400,
                        "row 0: 'color' is not one of the model's columns; did you mean 'colour'?"},
                new Object[] {post("{\"rows\": [\"1,2,red\"]}"), 400, "row 0: \"1,2,red\" is neither an object nor an array"},
                new Object[] {post(big), 413, "the body is over 1048576 bytes (serve --max-body allows more)"},
                new Object[] {send("GET", "/predict", HttpRequest.BodyPublishers.noBody()), 405, "GET /predict is not served: use POST"},
                new Object[] {send("DELETE", "/model", HttpRequest.BodyPublishers.noBody()), 405, "DELETE /model is not served: use GET"},
                new Object[] {send("GET", "/predictions", HttpRequest.BodyPublishers.noBody()), 404, "no such path: /predictions"});
        assertThat(big.length()).isGreaterThan(10_000_000);
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) c[0];
            assertThat(r.statusCode()).as(r.body()).isEqualTo(c[1]);
            assertThat(r.body()).as("one line").endsWith("\n").hasLineCount(1);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(HandMadeModels.JSON.readTree(r.body()).get("error").asText()).startsWith((String) c[2]);
            if (r.statusCode() == 405) {
                assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).isIn("GET", "POST"));
            }
        }
        HttpResponse<String> health = send("GET", "/health", HttpRequest.BodyPublishers.noBody());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"model_sha256\":\"" + ModelPair.sha256(
                java.nio.file.Files.readAllBytes(model)) + "\"}\n");
        assertThat(post("{\"rows\": [[1, 2, \"red\"]]}").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUseOrAMissingModelIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            int code = Popflow.run(new PrintWriter(err, true), "serve", model.toString(), "--port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("popflow: 127.0.0.1:" + taken.getLocalPort()
                    + ": cannot listen there (Address already in use; --port chooses another)" + System.lineSeparator());
        }
        StringWriter err = new StringWriter();
        Path absent = dir.resolve("runs/none");
        assertThat(Popflow.run(new PrintWriter(err, true), "serve", absent.toString(), "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("popflow: " + absent + ": no such model file" + System.lineSeparator());
    }
}
