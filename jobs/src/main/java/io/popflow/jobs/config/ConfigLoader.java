package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.es.StrategySettings;
import io.popflow.export.ModelExport;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.jobs.run.AtomicFiles;
import io.popflow.jobs.run.IoErrors;
import io.popflow.option.InvalidOptionException;
import io.popflow.slow.ChampionRule;
import io.popflow.slow.DomainOptions;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.CustomObjectiveTaskSpec;
import io.popflow.task.CustomTrainableTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TaskSpec;
import io.popflow.taskkind.TaskKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run's YAML configuration: a preset, overlaid by a user file, overlaid by single options
 * ({@code key=value}, dotted paths). Every option is checked here or by the typed classes it
 * builds; any problem is one {@link InvalidOptionException} naming the option.
 *
 * <p>Every option is read through its declaration ({@link OptionCatalog} lists them, with their
 * defaults and rules); this class holds only how the sections fit together and the checks that
 * span options.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {}

    /** The presets' names: the YAML files of the preset resource folder. */
    public static List<String> presetNames() {
        return Presets.names();
    }

    /** The preset called {@code name}. */
    public static ObjectNode preset(String name) {
        return Presets.read(name);
    }

    /** A YAML file's options. */
    public static ObjectNode file(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidOptionException("config", "cannot read " + file + ": Is a directory");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidOptionException("config", "cannot read " + file + ": " + IoErrors.reason(e));
        }
        return asObject(
                YamlTree.parse(new String(bytes, StandardCharsets.UTF_8), file.toString(), "config"), file.toString());
    }

    /** Writes {@code tree} as YAML to {@code file}: a run's effective configuration, itself a valid {@code --config}. */
    public static void writeYaml(JsonNode tree, Path file) {
        try {
            // replaced whole: a resume writes it again, and a halt then must not leave it cut short
            AtomicFiles.write(
                    file,
                    "# The effective configuration of this run (preset, file and options applied).\n"
                            + "# It is a valid --config, and --resume reads it.\n" + YAML.writeValueAsString(tree));
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot write " + file + ": " + IoErrors.reason(e));
        }
    }

    static ObjectNode asObject(JsonNode node, String what) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidOptionException("config", what + " must be a mapping of options");
        }
        return (ObjectNode) node;
    }

    /**
     * {@code base} with {@code overlay} merged in, mappings merged key by key; a null in the overlay
     * removes the option ({@code --set hyperparameters.momentum=null} unsets what a preset sets).
     * Options of {@code base} for a kind other than the one the result chooses are dropped, so that
     * {@code selection: boltzmann} over a preset replaces its truncation's {@code quantile_fraction}.
     */
    public static ObjectNode merge(ObjectNode base, JsonNode overlay) {
        return RunKinds.withoutBaseOptionsForOtherKinds(base, overlay, mergeTrees(base, overlay));
    }

    private static ObjectNode mergeTrees(ObjectNode base, JsonNode overlay) {
        ObjectNode merged = base.deepCopy();
        overlay.fields().forEachRemaining(e -> {
            JsonNode old = merged.get(e.getKey());
            String kindKey = OptionCatalog.KIND_OF_SECTION.get(e.getKey());
            if (kindKey != null
                    && old != null
                    && old.isTextual()
                    && e.getValue().isObject()) {
                // mutation: gaussian, then mutation.diffusion: the kernel stays gaussian
                old = YAML.createObjectNode().set(kindKey, old);
            }
            if (e.getValue().isNull()) {
                merged.remove(e.getKey());
            } else if (old != null && old.isObject() && e.getValue().isObject()) {
                merged.set(e.getKey(), mergeTrees((ObjectNode) old, e.getValue()));
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return merged;
    }

    /**
     * Sets the options at dotted paths, in order, each value parsed as YAML ({@code lr.max=0.3},
     * {@code perturbation_factors=[1.5, 0.5]}).
     */
    public static ObjectNode set(ObjectNode base, String... assignments) {
        ObjectNode tree = base;
        ObjectNode given = YAML.createObjectNode();
        for (String assignment : assignments) {
            ObjectNode overlay = overlay(assignment);
            tree = mergeTrees(tree, overlay);
            given = mergeTrees(given, overlay);
        }
        return RunKinds.withoutBaseOptionsForOtherKinds(base, given, tree);
    }

    private static ObjectNode overlay(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new InvalidOptionException("set", "expected key=value, got '" + assignment + "'");
        }
        String key = assignment.substring(0, eq).trim();
        JsonNode value = YamlTree.parse(assignment.substring(eq + 1), "the value of --set " + key, key);
        return overlay(key, value == null || value.isMissingNode() ? YAML.nullNode() : value);
    }

    private static ObjectNode overlay(String key, JsonNode value) {
        String[] path = key.split("\\.");
        ObjectNode overlay = YAML.createObjectNode();
        ObjectNode at = overlay;
        for (int i = 0; i < path.length - 1; i++) {
            at = at.putObject(path[i]);
        }
        at.set(path[path.length - 1], value);
        return overlay;
    }

    /** {@code base} with the option at dotted path {@code key} set to {@code value}, as {@link #set} would. */
    public static ObjectNode with(ObjectNode base, String key, JsonNode value) {
        ObjectNode overlay = overlay(key, value);
        return RunKinds.withoutBaseOptionsForOtherKinds(base, overlay, mergeTrees(base, overlay));
    }

    /**
     * {@code models.every}: as set (refused where no champion can be chosen), or by default every
     * {@value ChampionRule#CONTINUOUS_DEFAULT} generations in a continuous synchronous selection run
     * whose task has a model, off otherwise.
     */
    private static int championEvery(OptionTree o, PopulationConfig population) {
        Integer every = o.child("models").get(ChampionRule.EVERY);
        String noModel = ModelExport.whyNoModel(population.task());
        if (every == null) {
            boolean continuous =
                    !population.isBounded() && !population.asynchronous() && !population.isEvolutionStrategy();
            return continuous && noModel == null ? ChampionRule.CONTINUOUS_DEFAULT : 0;
        }
        InvalidOptionException.require(noModel == null, "models.every", noModel);
        return every;
    }

    /**
     * The validated run described by {@code tree}: each section read by the settings type it
     * builds, the task by the reader its kind registers ({@link TaskReaders}); what is here is how
     * they fit together and the checks that span sections.
     */
    public static RunConfig parse(JsonNode tree) {
        OptionTree o = new OptionTree(tree, "", RunKinds.of(tree));
        String taskName = o.get(PopulationConfig.TASK);
        TaskKind kind = TaskKind.named(taskName);
        TaskReaders.TaskReader reader = TaskReaders.of(kind);
        TaskSpec task = reader instanceof TaskReaders.Standalone s ? s.read().apply(o) : null;
        StreamSource stream = task instanceof StreamTaskSpec spec ? StreamSource.read(o, spec) : null;
        UpdateRule rule = o.get(
                PopulationConfig.OPTIMIZER,
                reader instanceof TaskReaders.OnLearner l ? l.defaultOptimizer() : UpdateRule.SGD);
        List<Hyperparameter> taskKnobs =
                reader instanceof TaskReaders.OnLearner l ? l.hyperparameters() : task.hyperparameters();
        HyperparameterSpace space = space(o, rule, taskKnobs);
        if (reader instanceof TaskReaders.OnLearner l) {
            task = l.read().read(o, rule, space);
        }
        // Moran's events default to the population; a population below 1 is refused by
        // PopulationConfig under its own name, not here under the name of an option the user never set
        int defaultEvents =
                Math.max(1, o.getInt(PopulationConfig.POPULATION.key(), PopulationConfig.POPULATION.fallback()));
        SelectionSettings selection = SelectionSettings.from(o, defaultEvents);
        PopulationConfig population = new PopulationConfig(
                        o.get(PopulationConfig.SEED),
                        o.get(PopulationConfig.POPULATION),
                        o.get(PopulationConfig.GENERATIONS),
                        o.get(PopulationConfig.PERTURBATION_INTERVAL),
                        o.get(PopulationConfig.CHUNK_STEPS),
                        task,
                        space,
                        selection,
                        MutationSettings.from(o, selection),
                        ModelMerge.from(o),
                        CopyPolicy.from(o, rule),
                        FitnessEstimate.from(o),
                        o.get(PopulationConfig.MODE) == PopulationConfig.Mode.ASYNCHRONOUS,
                        o.get(PopulationConfig.PARALLELISM),
                        o.get(PopulationConfig.MAX_PARALLELISM),
                        o.get(PopulationConfig.CHECKPOINT_INTERVAL))
                .withStrategy(StrategySettings.from(o));
        population = population.withChampionEvery(championEvery(o, population));
        if (task instanceof CustomObjectiveTaskSpec custom) {
            boolean climbs =
                    !population.isEvolutionStrategy() || population.strategy().innerSteps() > 0;
            InvalidOptionException.require(
                    !climbs || custom.hasGradient(),
                    CustomObjectiveTaskSpec.CLASS.key(),
                    "class " + custom.className() + " has no gradient (hasGradient() is false), and "
                            + (population.isEvolutionStrategy()
                                    ? "strategy.inner_steps takes"
                                    : "the gradient learners take")
                            + " gradient steps: give it one, or search it with an evolution strategy (strategy.name)");
        }
        if (task instanceof CustomTrainableTaskSpec trainable) {
            // both act on a weight vector, and a trainable's model is bytes only its class reads
            String why = "class " + trainable.className() + " is a Trainable, whose model popflow cannot read";
            InvalidOptionException.require(
                    !population.isEvolutionStrategy(),
                    StrategySettings.NAME.key(),
                    why + ": an evolution strategy needs a weight vector (use task: custom_objective)");
            InvalidOptionException.require(
                    !population.merge().isOn(), ModelMerge.STRENGTH.key(), why + ": merging averages weight vectors");
        }
        return run(o, taskName, population, stream);
    }

    /** The hyperparameters: the fast learner's and the task's, their domains and fixed values. */
    private static HyperparameterSpace space(OptionTree o, UpdateRule rule, List<Hyperparameter> taskKnobs) {
        List<Hyperparameter> knobs = new ArrayList<>(Hyperparameter.FAST);
        knobs.addAll(taskKnobs);
        Map<Hyperparameter, double[]> initial = new LinkedHashMap<>();
        boolean evolutionStrategy = o.child("strategy").get(StrategySettings.NAME) != StrategySettings.Kind.NONE;
        HyperparameterSpace space = new HyperparameterSpace(
                        rule,
                        HyperparameterOptions.mutations(
                                o.child("hyperparam_mutations"), knobs, initial, evolutionStrategy),
                        HyperparameterOptions.fixed(o.child("hyperparameters"), knobs),
                        taskKnobs)
                .withInitialValues(initial);
        return o.get(DomainOptions.INITIAL_POPULATION) == DomainOptions.Start.GRID ? space.withGrid() : space;
    }

    /** The run around the population: its folders, feedback edge, Kafka or watched folder, state and restarts. */
    private static RunConfig run(OptionTree o, String taskName, PopulationConfig population, StreamSource stream) {
        String output = o.get(RunConfig.OUTPUT);
        InvalidOptionException.require(output != null && !output.isBlank(), "output", "must name a folder");
        String checkpoints = o.get(RunConfig.CHECKPOINT_DIR);
        String runId = o.get(RunConfig.RUN_ID, "popflow-" + taskName + "-" + population.seed());
        RunConfig.Feedback feedback = o.get(RunConfig.FEEDBACK);
        KafkaSettings kafka = o.has("kafka")
                ? KafkaSettings.from(
                        o.child("kafka"),
                        population.checkpointIntervalMs(),
                        stream == null || stream.folder() != null ? null : stream.examples())
                : null;
        InvalidOptionException.require(
                kafka != null || feedback != RunConfig.Feedback.KAFKA,
                "feedback",
                "kafka needs the kafka options (kafka.bootstrap_servers)");
        FolderSettings folder = stream == null || stream.folder() == null
                ? null
                : stream.folder().resolve(Paths.get(output), stream.examples());
        boolean streamed = population.task() instanceof StreamTaskSpec;
        InvalidOptionException.require(
                kafka != null || folder != null || !streamed,
                "task",
                "stream reads its examples from Kafka or a folder: set kafka.bootstrap_servers or stream.folder");
        // A bounded run ends when its sources end, and a topic never does: a streamed run is stopped
        // from outside: stop-with-savepoint (Ctrl-C locally, flink stop on a cluster), which commits every output.
        InvalidOptionException.require(
                !streamed || population.generations() == 0,
                "generations",
                "task stream trains until stopped, as its data never ends: set 0, got " + population.generations());
        RunConfig.StateBackend backend = o.get(RunConfig.STATE_BACKEND);
        int restartAttempts = o.get(RunConfig.RESTART_ATTEMPTS);
        // read before the parse, by jars(): the user's classes must be loadable while it runs
        o.get(RunConfig.JARS);
        o.rejectUnknown();
        Path outputPath = Paths.get(output);
        return new RunConfig(
                population,
                outputPath,
                checkpoints == null ? outputPath.resolve("checkpoints") : Paths.get(checkpoints),
                runId,
                feedback,
                kafka,
                backend,
                restartAttempts,
                folder);
    }

    /** The jars of {@code tree}'s {@code jars} option: the user's classes the run needs. */
    public static List<Path> jars(JsonNode tree) {
        return new OptionTree(tree, "")
                .get(RunConfig.JARS).stream().map(Path::of).toList();
    }

    /** What the table of {@code tree}'s {@code table} section holds, and the target its label suggests. */
    public static TableInference inferTable(JsonNode tree) {
        TableReader.TableFile read = TableReader.readFile(new OptionTree(tree, "").child("table"));
        return TableInference.of(read.table(), read.label());
    }
}
