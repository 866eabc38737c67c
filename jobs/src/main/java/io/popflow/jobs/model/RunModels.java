package io.popflow.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentState;
import io.popflow.agent.AgentWeights;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.json.RecordJson;
import io.popflow.export.ExportedModel;
import io.popflow.export.ModelDescription;
import io.popflow.export.ModelExport;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.run.JsonDocument;
import io.popflow.jobs.run.RunFolder;
import io.popflow.jobs.run.SavepointAgents;
import io.popflow.option.InvalidOptionException;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TableTaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's models: the best agent's as {@code models/best.onnx} when the run ends, any agent's on
 * request ({@code popflow export}), from the final weights the run kept.
 */
public final class RunModels {
    public static final String BEST = "best.onnx";
    /** A run's current champion, rewritten as it changes. */
    public static final String CHAMPION = "champion.onnx";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunModels() {}

    /** {@code folder/models/best.onnx}. */
    public static Path bestModel(Path folder) {
        return folder.resolve(RunFolder.MODELS).resolve(BEST);
    }

    /**
     * Writes {@code models/best.onnx} of the run in {@code folder}, whose {@code summary.json} names
     * its best agent; returns null (and writes nothing) where the task has no model.
     */
    public static Path writeBest(Path folder, PopulationConfig config, String runId) throws IOException {
        if (ModelExport.whyNoModel(config.task()) != null) {
            return null;
        }
        JsonNode summary = JsonDocument.read(folder.resolve(RunSummary.FILE));
        Path out = bestModel(folder);
        export(folder, config, runId, summary.get("best_agent").asInt(), out);
        return out;
    }

    /**
     * Writes agent {@code agent}'s final weights as the model {@code out} (and its description
     * beside it); returns the description.
     */
    public static ObjectNode export(Path folder, PopulationConfig config, String runId, int agent, Path out)
            throws IOException {
        return export(folder, config, runId, FinalWeights.read(folder), agent, out);
    }

    /** Writes agent {@code agent} of {@code weights}, the agents of the run in {@code folder}, as the model {@code out}. */
    public static ObjectNode export(
            Path folder, PopulationConfig config, String runId, Map<Integer, FinalWeights> weights, int agent, Path out)
            throws IOException {
        FinalWeights w = weights.get(agent);
        if (w == null) {
            throw new InvalidOptionException(
                    "agent",
                    weights.isEmpty()
                            ? folder + " keeps no agents' weights"
                            : "the run has no agent " + agent + " (its agents are 0 to " + (weights.size() - 1) + ")");
        }
        return export(folder, config, w, provenance(folder, config, runId, w), out);
    }

    /** Writes {@code w}, weights of the run in {@code folder}, as the model {@code out}, described by {@code provenance}. */
    public static ObjectNode export(
            Path folder, PopulationConfig config, FinalWeights w, ObjectNode provenance, Path out) throws IOException {
        return ModelFiles.write(out, model(folder, config, w, provenance));
    }

    /** The model of {@code w}, weights of the run in {@code folder}, described by {@code provenance}. */
    static DescribedModel model(Path folder, PopulationConfig config, FinalWeights w, ObjectNode provenance) {
        Map<String, String> metadata = new LinkedHashMap<>();
        provenance.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                metadata.put("popflow." + e.getKey(), e.getValue().asText());
            }
        });
        ExportedModel model = ModelExport.of(config.task(), config.seed(), w.params(), metadata);
        if (config.task() instanceof TableTaskSpec) {
            model = new ExportedModel(model.onnx(), withReading(model.description(), folder));
        }
        return ModelFiles.described(model, provenance);
    }

    /**
     * Writes {@code champion}, the run's champion, as {@code models/champion.onnx} of the run in
     * {@code folder}; returns its description.
     */
    public static ObjectNode writeChampion(Path folder, PopulationConfig config, String runId, AgentWeights champion)
            throws IOException {
        return ModelFiles.write(
                folder.resolve(RunFolder.MODELS).resolve(CHAMPION), champion(folder, config, runId, champion));
    }

    /**
     * The model of {@code champion}, the champion of the run {@code runId} in {@code folder}, as
     * {@link #writeChampion} writes it and the Kafka topic of models carries it.
     */
    public static DescribedModel champion(Path folder, PopulationConfig config, String runId, AgentWeights champion) {
        JsonNode line;
        try {
            line = JSON.readTree(new RecordJson(config.space()).finalWeights(champion));
        } catch (IOException e) {
            throw new IllegalStateException("popflow's own JSON line did not parse", e);
        }
        FinalWeights w = new FinalWeights(line, champion.params());
        ObjectNode provenance = provenance(config, runId, w);
        provenance.put(
                "weights",
                "the champion's: the best agent of generation " + champion.generation()
                        + " by validation fitness, as it reported them");
        return model(folder, config, w, provenance);
    }

    /**
     * The agents held in the savepoint or retained checkpoint {@code snapshot} of the run in {@code
     * folder}, as final weights (their fitness measured on validation data as the run measures it).
     */
    public static Map<Integer, FinalWeights> fromSnapshot(PopulationConfig config, Path snapshot) throws Exception {
        RecordJson json = new RecordJson(config.space());
        AgentLifecycle lifecycle = new AgentLifecycle(config);
        Map<Integer, FinalWeights> byAgent = new LinkedHashMap<>();
        for (AgentState s : SavepointAgents.read(snapshot)) {
            double fitness = config.task() instanceof StreamTaskSpec
                    ? Double.NaN
                    : lifecycle.finalRecord(s, false).fitness();
            JsonNode line = JSON.readTree(json.finalWeights(
                    new AgentWeights(s.id, s.generation, fitness, s.hyperparameters, s.params, s.rng)));
            byAgent.put(s.id, new FinalWeights(line, s.params.clone()));
        }
        return byAgent;
    }

    /** Where the weights come from, for the description: the run, the agent, its fitness and h, and its test. */
    static ObjectNode provenance(Path folder, PopulationConfig config, String runId, FinalWeights w)
            throws IOException {
        ObjectNode p = provenance(config, runId, w);
        Path summaryFile = folder.resolve(RunSummary.FILE);
        if (Files.exists(summaryFile)) {
            JsonNode summary = JsonDocument.read(summaryFile);
            if (summary.path("best_agent").asInt(-1) == w.agent() && summary.has("test")) {
                ObjectNode test = summary.get("test").deepCopy();
                p.set("test", test);
                if (config.task() instanceof ControlTaskSpec control) {
                    // the greedy episodes it was tested on, which a user can replay with the model
                    test.put("episodes", control.testEpisodes());
                    test.put(
                            "episodes_seed",
                            ControlTaskSpec.testEpisodesSeed(w.line().get("rng").asLong()));
                }
            }
        }
        return p;
    }

    /** Where the weights come from, without a test: the run, the agent, its generation, fitness and h. */
    private static ObjectNode provenance(PopulationConfig config, String runId, FinalWeights w) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("run_id", runId);
        p.put("agent", w.agent());
        p.put("generation", w.line().get("generation").asInt());
        p.set("fitness", w.line().get("fitness"));
        p.put("fitness_on", "validation");
        p.set("hyperparameters", w.line().get("hyperparameters"));
        p.put("params_sha256", w.line().get("params_sha256").asText());
        p.put(
                "weights",
                config.isEvolutionStrategy() ? "the evolution strategy's final mean" : "the agent's final weights");
        return p;
    }

    /** A table model's description with how the run read its file ({@code table.delimiter}, {@code table.header}). */
    private static ModelDescription withReading(ModelDescription d, Path folder) {
        Path yaml = folder.resolve(RunFolder.CONFIG_FILE);
        JsonNode table =
                Files.exists(yaml) ? ConfigLoader.file(yaml).path("table") : JsonNodeFactory.instance.objectNode();
        return new ModelDescription(
                d.kind(),
                d.task(),
                d.columns(),
                d.labelColumn(),
                d.missing(),
                table.path("delimiter").asText("auto"),
                table.path("header").asBoolean(true),
                d.classes(),
                d.target(),
                d.actions(),
                d.outputs());
    }
}
