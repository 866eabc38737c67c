package io.popflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.config.PopulationConfig;
import io.popflow.export.ModelExport;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.FinalWeights;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.jobs.model.RunModels;
import io.popflow.jobs.run.JsonDocument;
import io.popflow.jobs.run.RunFolder;
import io.popflow.jobs.run.RunSnapshots;
import io.popflow.jobs.run.UserJars;
import io.popflow.option.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code popflow export RUN_DIR}: any agent of a run as an ONNX model and its description. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        // the first element is the command's line in `popflow --help`: one whole sentence
        description = {
            "Write an agent of a run as an ONNX model (FILE.onnx) and its description (FILE.json).",
            "",
            "The graph holds the whole inference path (a table's standardisation and one-hot encoding, the "
                    + "network, softmax and labels or the target's units, a Q-network's greedy action): ONNX Runtime "
                    + "or any ONNX consumer runs it with nothing from popflow. A run that ended has written its best "
                    + "agent's already, as RUN_DIR/models/best.onnx.",
            "",
            "Examples:",
            "  # agent 3 of the final population",
            "  popflow export runs/digits --agent 3",
            "  # the best agent of a savepoint (or retained checkpoint) of the run",
            "  popflow export runs/q --from-savepoint SAVEPOINT --output q.onnx",
            ""
        })
final class ExportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run's output folder.")
    Path run;

    @Option(
            names = "--agent",
            paramLabel = "N",
            description = "The agent to export (default: the best: summary.json's "
                    + "best agent; from a snapshot, its agent of highest validation fitness).")
    Integer agent;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description = "Take the agents of this savepoint or "
                    + "retained checkpoint of the run instead of its final population (default for a run that has not "
                    + "ended: its newest snapshot).")
    Path snapshot;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "The model file, ending in .onnx (default: "
                    + "RUN_DIR/models/agent-N.onnx); its description goes beside it as FILE.json.")
    Path output;

    @Mixin
    UserJarOption jarOption = new UserJarOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InvalidOptionException.require(Files.isDirectory(run), "RUN_DIR", "no folder " + run.toAbsolutePath());
        RunFolder folder = new RunFolder(run);
        InvalidOptionException.require(
                Files.exists(folder.config()),
                "RUN_DIR",
                run + " holds no " + RunFolder.CONFIG_FILE + ": it is not a run's output folder");
        InvalidOptionException.require(
                output == null || output.getFileName().toString().endsWith(".onnx"),
                "output",
                "'" + output + "' does not end in .onnx (its description is written beside it as .json)");
        InvalidOptionException.require(
                snapshot == null || Files.exists(snapshot),
                "from-savepoint",
                "no savepoint or checkpoint at " + snapshot);
        // a run of a user's environment loads its class to build the model's description
        try (UserJars jars = jarOption.installFor(folder.config())) {
            return export(folder);
        }
    }

    private Integer export(RunFolder folder) throws Exception {
        RunConfig config = ConfigLoader.parse(ConfigLoader.file(folder.config()));
        PopulationConfig population = config.population();
        String why = ModelExport.whyNoModel(population.task());
        InvalidOptionException.require(why == null, "RUN_DIR", why);
        Map<Integer, FinalWeights> weights;
        boolean fromSnapshot = true;
        if (snapshot != null) {
            weights = RunModels.fromSnapshot(population, snapshot);
        } else if (Files.exists(run.resolve(JobSinks.FINAL_WEIGHTS_FILE))) {
            weights = FinalWeights.read(run);
            fromSnapshot = false;
        } else {
            RunSnapshots.Snapshot newest = folder.snapshots(config.checkpointDir())
                    .newest()
                    .orElseThrow(() -> new InvalidOptionException(
                            "RUN_DIR",
                            run + " holds no final population and no savepoint "
                                    + "or checkpoint yet: the run has not reached one"));
            spec.commandLine()
                    .getOut()
                    .println("popflow: the run has not ended: its agents come from its newest snapshot, "
                            + RunSnapshots.shown(run, newest.path()));
            weights = RunModels.fromSnapshot(population, newest.path());
        }
        InvalidOptionException.require(!weights.isEmpty(), "RUN_DIR", run + " keeps no agents' weights");
        int chosen = agent != null ? agent : bestAgent(weights, fromSnapshot);
        Path out = output != null ? output : run.resolve(RunFolder.MODELS).resolve("agent-" + chosen + ".onnx");
        JsonNode d = RunModels.export(run, population, config.runId(), weights, chosen, out);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "model: %s (agent %d, generation %d, validation fitness %s; description %s)%n",
                        out.toAbsolutePath(),
                        chosen,
                        d.get("generation").asInt(),
                        d.get("fitness").isNull()
                                ? "not measured"
                                : String.format(
                                        Locale.ROOT, "%.6g", d.get("fitness").asDouble()),
                        ModelFiles.descriptionOf(out).getFileName());
        return 0;
    }

    /**
     * The final population's best: summary.json's best agent; a snapshot's: its agent of highest
     * validation fitness, as measured now (the lowest id on ties, the first agent if none is finite).
     */
    private int bestAgent(Map<Integer, FinalWeights> weights, boolean fromSnapshot) throws Exception {
        Path summary = run.resolve(RunSummary.FILE);
        if (!fromSnapshot && Files.exists(summary)) {
            return JsonDocument.read(summary).get("best_agent").asInt();
        }
        int best = weights.keySet().iterator().next();
        double most = Double.NEGATIVE_INFINITY;
        for (FinalWeights w : weights.values()) {
            double f =
                    w.line().get("fitness").isNumber() ? w.line().get("fitness").asDouble() : Double.NEGATIVE_INFINITY;
            if (f > most) {
                most = f;
                best = w.agent();
            }
        }
        return best;
    }
}
