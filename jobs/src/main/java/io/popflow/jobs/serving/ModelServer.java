package io.popflow.jobs.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP endpoint of {@code popflow serve} (the JDK's server): {@code POST /predict} scores
 * JSON rows, {@code GET /model} gives the served model's .json, {@code GET /health} its state. A
 * request is scored by the model that was current when it began, to its end, also across a swap.
 * Bad requests get a 4xx status and one JSON line {@code {"error": "..."}}; no input ends the server.
 */
public final class ModelServer implements AutoCloseable {
    /** Past the limit, a body is read this much further (and dropped) so that the client reads the 413. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATHS = "POST /predict, GET /model, GET /health";

    /**
     * @param maxBody the largest request body, in bytes
     * @param ignoreUnknown score a category not seen in training as no category instead of refusing the request
     * @param pollMillis how often the model's folder is looked at
     * @param threads requests scored at once
     */
    public record Settings(
            InetSocketAddress address, int maxBody, boolean ignoreUnknown, long pollMillis, int threads) {}

    private final HttpServer http;
    private final ExecutorService workers;
    private final ModelWatcher watcher;
    private final Settings settings;

    private ModelServer(HttpServer http, ExecutorService workers, ModelWatcher watcher, Settings settings) {
        this.http = http;
        this.workers = workers;
        this.watcher = watcher;
        this.settings = settings;
    }

    static {
        // The JDK's server writes a response's headers and body in two packets: with Nagle's algorithm
        // on, the body waits for the client's delayed ACK, 40 ms on Linux, on every request (read once,
        // when the server's first instance is made).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Loads the model, binds the address and serves; refuses a missing model or an address in use. */
    public static ModelServer start(ModelLocation location, Settings settings, PrintWriter log) {
        if (settings.address().isUnresolved()) {
            throw new RefusedInputException(settings.address().getHostString() + ": no such address to listen on");
        }
        ModelWatcher watcher = ModelWatcher.start(location, settings.pollMillis(), log);
        HttpServer http;
        try {
            http = HttpServer.create(settings.address(), 64);
        } catch (BindException e) {
            watcher.close();
            throw new RefusedInputException(settings.address().getHostString() + ":"
                    + settings.address().getPort() + ": cannot listen there (" + e.getMessage()
                    + "; --port chooses another)");
        } catch (IOException e) {
            watcher.close();
            throw new RefusedInputException(settings.address() + ": cannot listen there (" + e.getMessage() + ")");
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "popflow-serve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ModelServer server = new ModelServer(http, workers, watcher, settings);
        http.createContext("/", server::handle);
        http.setExecutor(workers);
        http.start();
        return server;
    }

    /** The port it listens on (the one chosen, for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** What it serves now, in one line. */
    public String serving() {
        ServedModel m = watcher.acquire();
        try {
            return ModelWatcher.describe(m.model());
        } finally {
            m.release();
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                // a bug, not the request's fault: the client still gets one line, and the server goes on
                error(exchange, 500, "the server failed on this request: " + e);
            }
        } catch (IOException e) {
            // the client went away, or the answer had begun: nothing more to say
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/predict" -> {
                if (allowed(exchange, method, "POST")) {
                    predict(exchange);
                }
            }
            case "/model", "/health" -> {
                if (allowed(exchange, method, "GET")) {
                    describe(exchange, path.equals("/model"));
                }
            }
            default -> error(exchange, 404, "no such path: " + path + " (the paths: " + PATHS + ")");
        }
    }

    private static boolean allowed(HttpExchange exchange, String method, String allowed) throws IOException {
        if (method.equals(allowed)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", allowed);
        error(exchange, 405, method + " " + exchange.getRequestURI().getPath() + " is not served: use " + allowed);
        return false;
    }

    private void predict(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        if (body == null) {
            return;
        }
        ServedModel held = watcher.acquire();
        try {
            ScoringModel model = held.model();
            Predictions p;
            try {
                p = model.score(JsonInput.parse(body, model, settings.ignoreUnknown()));
            } catch (RefusedInputException e) {
                error(exchange, 400, e.getMessage());
                return;
            } catch (ai.onnxruntime.OrtException e) {
                error(exchange, 500, "ONNX Runtime failed to score the rows: " + ScoringModel.reason(e));
                return;
            }
            send(exchange, 200, answer(model.metadata(), p));
        } finally {
            held.release();
        }
    }

    /** The body, or null after answering 413 for one over the limit. */
    private byte[] body(HttpExchange exchange) throws IOException {
        int limit = settings.maxBody();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean tooLong = false;
        try {
            tooLong = declared != null && Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            // the JDK's server refuses such a request itself; be safe all the same
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long read = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) >= 0 && read <= DRAIN_LIMIT; ) {
                read += n;
                if (!tooLong && read <= limit) {
                    out.write(buffer, 0, n);
                } else {
                    tooLong = true;
                }
            }
        }
        if (tooLong) {
            error(exchange, 413, "the body is over " + limit + " bytes (serve --max-body allows more)");
            return null;
        }
        return out.toByteArray();
    }

    private static ObjectNode answer(ModelMetadata m, Predictions p) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("generation", m.generation());
        model.put("agent", m.agent());
        model.put("params_sha256", m.paramsSha256());
        ArrayNode predictions = root.putArray("predictions");
        for (int i = 0; i < p.rows(); i++) {
            ObjectNode one = predictions.addObject();
            if (p.labels() != null) {
                one.put("label", p.labels()[i]);
                ObjectNode probabilities = one.putObject("probabilities");
                List<String> classes = m.classes();
                for (int c = 0; c < classes.size(); c++) {
                    probabilities.put(classes.get(c), p.probabilities()[i][c]);
                }
            } else if (p.values() != null) {
                one.put(m.target().name(), p.values()[i]);
            } else {
                one.put("action", p.actions()[i]);
                ArrayNode q = one.putArray("q_values");
                for (float v : p.qValues()[i]) {
                    q.add(v);
                }
            }
        }
        return root;
    }

    private void describe(HttpExchange exchange, boolean model) throws IOException {
        ServedModel held = watcher.acquire();
        try {
            if (model) {
                sendBytes(exchange, 200, held.model().pair().json());
            } else {
                ObjectNode health = JSON.createObjectNode();
                health.put("status", "ok");
                health.put("model_sha256", held.model().pair().modelSha256());
                send(exchange, 200, health);
            }
        } finally {
            held.release();
        }
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        // one line, whatever the message held
        e.put("error", message.replace('\n', ' ').replace('\r', ' '));
        send(exchange, status, e);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        sendBytes(exchange, status, (JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops taking requests, lets those in flight finish (1 s at most), and closes the models. */
    @Override
    public void close() {
        http.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.close();
    }
}
