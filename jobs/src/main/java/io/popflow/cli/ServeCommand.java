package io.popflow.cli;

import io.popflow.jobs.run.StopSignals;
import io.popflow.jobs.serving.ModelLocation;
import io.popflow.jobs.serving.ModelServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code popflow serve MODEL.onnx|RUN_DIR}: an HTTP endpoint that scores with the model and swaps to new ones. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve an exported model over HTTP, swapping to a new one as it is written.",
            "",
            "POST /predict with {\"rows\": [{\"column\": value, ...} or [v1, v2, ...]]} (objects by column name, "
                    + "arrays in the model's column order) answers the predictions and the model that made them; "
                    + "GET /model gives the model's .json; GET /health {\"status\":\"ok\",\"model_sha256\":...}. "
                    + "RUN_DIR serves its models/champion.onnx if there is one, else models/best.onnx; --kafka CONFIG "
                    + "the newest champion of the run CONFIG describes, from its topic of models. The folder "
                    + "is looked at every --poll-ms: a new pair (both files, matching) takes over for new requests "
                    + "while those in flight finish on the old one. A bad request gets HTTP 4xx and one JSON line. "
                    + "Ctrl-C stops it.",
            ""
        })
final class ServeCommand implements Callable<Integer> {
    private static final int MEGABYTE = 1 << 20;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MODEL.onnx|RUN_DIR",
            description = "An exported model, or a run's output folder.")
    Path model;

    @Option(
            names = "--kafka",
            paramLabel = "CONFIG",
            description = "Serve the champions of the run that CONFIG (its "
                    + "config.yaml) describes, as its topic of models (kafka.topics.models) holds them: each committed champion "
                    + "takes over.")
    Path kafka;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "With --kafka: how long to wait for the cluster, and for the run's first champion (default "
                    + "${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "The port (default: ${DEFAULT-VALUE}; 0 takes a free one).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String bind;

    @Option(
            names = "--max-body",
            defaultValue = "1048576",
            paramLabel = "BYTES",
            description = "The largest request body; a longer one gets 413 (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(
            names = "--unknown",
            paramLabel = "error|ignore",
            defaultValue = "error",
            description = "A text value the model did not see in training: refused with 400 (error, the default), "
                    + "or scored as no category (ignore).")
    PredictCommand.Unknown unknown;

    @Option(
            names = "--poll-ms",
            defaultValue = "200",
            paramLabel = "MILLIS",
            description = "How often the model's folder is looked at for a new model (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Option(
            names = "--threads",
            defaultValue = "8",
            description = "Requests scored at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || maxBody < 1 || pollMillis < 10 || threads < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    port < 0 || port > 65535
                            ? "--port must be 0 to 65535, got " + port
                            : maxBody < 1
                                    ? "--max-body must be at least 1, got " + maxBody
                                    : pollMillis < 10
                                            ? "--poll-ms must be at least 10, got " + pollMillis
                                            : "--threads must be at least 1, got " + threads);
        }
        if ((model == null) == (kafka == null) || timeoutSeconds < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    timeoutSeconds < 1
                            ? "--timeout must be at least 1 second, got " + timeoutSeconds
                            : model == null
                                    ? "serve needs MODEL.onnx, RUN_DIR or --kafka CONFIG"
                                    : "give MODEL.onnx or RUN_DIR, or --kafka CONFIG, not both");
        }
        ModelServer.Settings settings = new ModelServer.Settings(
                new InetSocketAddress(bind, port),
                maxBody,
                unknown == PredictCommand.Unknown.ignore,
                pollMillis,
                threads);
        try (ChampionFeed feed = kafka == null
                ? null
                : ChampionFeed.start(
                        kafka,
                        Duration.ofSeconds(timeoutSeconds),
                        pollMillis,
                        spec.commandLine().getOut())) {
            return serve(feed == null ? ModelLocation.of(model) : ModelLocation.of(feed.folder()), settings);
        }
    }

    private int serve(ModelLocation location, ModelServer.Settings settings) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelServer server = ModelServer.start(location, settings, out);
        CountDownLatch stop = new CountDownLatch(1);
        // Ctrl-C (or SIGTERM) ends the wait below instead of the JVM: the server then stops in order
        try (StopSignals signals = new StopSignals(stop::countDown)) {
            out.println("serve: " + server.serving());
            String host = bind.contains(":") ? "[" + bind + "]" : bind; // an IPv6 address, bracketed in a URL
            out.println("serve: listening on http://" + host + ":" + server.port() + " (POST /predict, GET /model, "
                    + "GET /health; Ctrl-C stops)");
            out.flush();
            stop.await();
        } finally {
            server.close();
        }
        out.println("serve: stopped");
        return 0;
    }
}
