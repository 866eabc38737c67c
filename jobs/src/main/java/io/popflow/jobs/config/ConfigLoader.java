package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.kafka.KafkaConnection;
import io.popflow.connectors.records.ExampleFormat;
import io.popflow.data.Table;
import io.popflow.data.TableParser;
import io.popflow.es.StrategySettings;
import io.popflow.export.ModelExport;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.jobs.run.IoErrors;
import io.popflow.model.Activation;
import io.popflow.option.InvalidOptionException;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnSettings;
import io.popflow.slow.ChampionRule;
import io.popflow.slow.Domain;
import io.popflow.slow.DomainOptions;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.FitnessMetric;
import io.popflow.task.Landscape;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.task.ModelOptions;
import io.popflow.task.PbtToyTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TableTaskSpec;
import io.popflow.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    public static final String[] PRESETS = {
        "digits",
        "quadratic",
        "cartpole-pbt",
        "es-cartpole",
        "es-digits",
        "cma-rosenbrock",
        "diabetes",
        "reduced-sphere"
    };

    private ConfigLoader() {}

    /** The preset called {@code name}. */
    public static ObjectNode preset(String name) {
        String resource = "/io/popflow/jobs/presets/" + name + ".yaml";
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidOptionException(
                        "preset", "unknown preset '" + name + "' (known: " + String.join(", ", PRESETS) + ")");
            }
            String what = "preset " + name;
            return asObject(
                    YamlTree.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), what, "preset"), what);
        } catch (IOException e) {
            throw new InvalidOptionException("preset", "cannot read preset '" + name + "': " + IoErrors.reason(e));
        }
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
            Files.writeString(
                    file,
                    "# The effective configuration of this run (preset, file and options applied).\n"
                            + "# It is a valid --config, and --resume reads it.\n" + YAML.writeValueAsString(tree));
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot write " + file + ": " + IoErrors.reason(e));
        }
    }

    private static ObjectNode asObject(JsonNode node, String what) {
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
        String[] path = assignment.substring(0, eq).trim().split("\\.");
        String key = assignment.substring(0, eq).trim();
        JsonNode value = YamlTree.parse(assignment.substring(eq + 1), "the value of --set " + key, key);
        ObjectNode overlay = YAML.createObjectNode();
        ObjectNode at = overlay;
        for (int i = 0; i < path.length - 1; i++) {
            at = at.putObject(path[i]);
        }
        at.set(path[path.length - 1], value == null || value.isMissingNode() ? YAML.nullNode() : value);
        return overlay;
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

    /** The validated run described by {@code tree}. */
    public static RunConfig parse(JsonNode tree) {
        OptionTree o = new OptionTree(tree, "", RunKinds.of(tree));
        String taskName = o.get(PopulationConfig.TASK);
        StreamOptions stream = taskName.equals("stream") ? stream(o) : null;
        TaskSpec task = switch (taskName) {
            case "digits" -> digits(o);
            case "table" -> table(o);
            case "stream" -> stream.spec();
            case "quadratic" -> quadratic(o.child("quadratic"));
            case "landscape" -> landscape(o.child("landscape"));
            case "pbt-toy" -> pbtToy(o.child("pbt_toy"));
            case "cartpole", "mountain-car" -> null; // needs the optimizer and the batch sizes: built below
            default -> throw new IllegalStateException("task " + taskName + " has no reader");
        };
        boolean control = task == null;
        UpdateRule rule = o.get(PopulationConfig.OPTIMIZER, control ? UpdateRule.ADAM : UpdateRule.SGD);
        List<Hyperparameter> taskKnobs = control ? List.of(ControlTaskSpec.EPSILON_DECAY) : task.hyperparameters();
        List<Hyperparameter> knobs = new ArrayList<>(Hyperparameter.FAST);
        knobs.addAll(taskKnobs);
        Map<Hyperparameter, double[]> initial = new LinkedHashMap<>();
        boolean evolutionStrategy = o.child("strategy").get(StrategySettings.NAME) != StrategySettings.Kind.NONE;
        HyperparameterSpace space = new HyperparameterSpace(
                        rule,
                        mutations(o.child("hyperparam_mutations"), knobs, initial, evolutionStrategy),
                        fixed(o.child("hyperparameters"), knobs),
                        taskKnobs)
                .withInitialValues(initial);
        if (o.get(DomainOptions.INITIAL_POPULATION) == DomainOptions.Start.GRID) {
            space = space.withGrid();
        }
        if (control) {
            task = control(o, taskName, rule, space);
        }
        SelectionSettings selection = selection(o);
        PopulationConfig population = new PopulationConfig(
                        o.get(PopulationConfig.SEED),
                        o.get(PopulationConfig.POPULATION),
                        o.get(PopulationConfig.GENERATIONS),
                        o.get(PopulationConfig.PERTURBATION_INTERVAL),
                        o.get(PopulationConfig.CHUNK_STEPS),
                        task,
                        space,
                        selection,
                        mutation(o, selection),
                        merge(o),
                        exploit(o, rule),
                        fitness(o),
                        mode(o),
                        o.get(PopulationConfig.PARALLELISM),
                        o.get(PopulationConfig.MAX_PARALLELISM),
                        o.get(PopulationConfig.CHECKPOINT_INTERVAL))
                .withStrategy(strategy(o));
        population = population.withChampionEvery(championEvery(o, population));
        String output = o.get(RunConfig.OUTPUT);
        InvalidOptionException.require(output != null && !output.isBlank(), "output", "must name a folder");
        String checkpoints = o.get(RunConfig.CHECKPOINT_DIR);
        String runId = o.get(RunConfig.RUN_ID, "popflow-" + taskName + "-" + population.seed());
        RunConfig.Feedback feedback = o.get(RunConfig.FEEDBACK);
        KafkaSettings kafka = o.has("kafka")
                ? kafka(
                        o.child("kafka"),
                        population,
                        stream == null || stream.folder() != null ? null : stream.examples())
                : null;
        InvalidOptionException.require(
                kafka != null || feedback != RunConfig.Feedback.KAFKA,
                "feedback",
                "kafka needs the kafka options (kafka.bootstrap_servers)");
        FolderSettings folder = stream == null || stream.folder() == null
                ? null
                : stream.folder().resolve(Paths.get(output), stream.examples());
        InvalidOptionException.require(
                kafka != null || folder != null || !(task instanceof StreamTaskSpec),
                "task",
                "stream reads its examples from Kafka or a folder: set kafka.bootstrap_servers or stream.folder");
        // A bounded run ends when its sources end, and a topic never does: a streamed run is stopped
        // from outside: stop-with-savepoint (Ctrl-C locally, flink stop on a cluster), which commits every output.
        InvalidOptionException.require(
                !(task instanceof StreamTaskSpec) || population.generations() == 0,
                "generations",
                "task stream trains until stopped, as its data never ends: set 0, got " + population.generations());
        RunConfig.StateBackend backend = o.get(RunConfig.STATE_BACKEND);
        int restartAttempts = o.get(RunConfig.RESTART_ATTEMPTS);
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

    /**
     * {@code kafka: {bootstrap_servers, properties: {...}, properties_file, transaction_timeout,
     * metrics, topics: {reports, generations, lineage, feedback, examples, dead_letter, models}}}.
     */
    private static KafkaSettings kafka(
            OptionTree k, PopulationConfig population, KafkaSettings.ExampleStream examples) {
        String bootstrap = k.get(KafkaSettings.BOOTSTRAP_SERVERS);
        InvalidOptionException.require(
                bootstrap != null && !bootstrap.isBlank(),
                "kafka.bootstrap_servers",
                "must name the brokers, e.g. 127.0.0.1:9092");
        Map<String, String> properties = new java.util.TreeMap<>();
        String file = k.get(KafkaSettings.PROPERTIES_FILE);
        if (file != null) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(Paths.get(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new InvalidOptionException(
                        "kafka.properties_file", "cannot read " + file + ": " + IoErrors.reason(e));
            }
            p.stringPropertyNames().forEach(name -> properties.put(name, p.getProperty(name)));
        }
        properties.putAll(k.getTextMap("properties"));
        long timeout = k.get(KafkaSettings.TRANSACTION_TIMEOUT);
        InvalidOptionException.require(
                timeout > population.checkpointIntervalMs(),
                KafkaSettings.TRANSACTION_TIMEOUT.key(),
                KafkaSettings.TRANSACTION_TIMEOUT.rules() + ", got " + timeout + " ms");
        boolean metrics = k.get(KafkaSettings.METRICS);
        OptionTree t = k.child("topics");
        KafkaSettings.Topics topics = new KafkaSettings.Topics(
                topic(t, "reports"),
                topic(t, "generations"),
                topic(t, "lineage"),
                topic(t, "feedback"),
                topic(t, "examples"),
                topic(t, "dead_letter"),
                topic(t, "models"));
        t.rejectUnknown();
        k.rejectUnknown();
        try {
            return new KafkaSettings(
                    new KafkaConnection(bootstrap, properties),
                    topics,
                    java.time.Duration.ofMillis(timeout),
                    metrics,
                    examples);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("kafka", e.getMessage());
        }
    }

    private static String topic(OptionTree t, String key) {
        return t.get(KafkaSettings.TOPICS.stream()
                .filter(o -> o.leaf().equals(key))
                .findFirst()
                .orElseThrow());
    }

    /** A stream task and how its records are read: from Kafka, or from a folder when {@code folder} is set. */
    private record StreamOptions(StreamTaskSpec spec, KafkaSettings.ExampleStream examples, FolderOptions folder) {}

    /** {@code stream.folder} and its options, the dead-letter file still relative to the output folder. */
    private record FolderOptions(Path folder, long intervalMs, boolean header, String deadLetters) {
        FolderSettings resolve(Path output, KafkaSettings.ExampleStream examples) {
            return new FolderSettings(
                    folder,
                    java.time.Duration.ofMillis(intervalMs),
                    examples.format(),
                    header,
                    examples.validationFraction(),
                    deadLetters == null ? output.resolve("dead-letters.jsonl") : Paths.get(deadLetters));
        }
    }

    /**
     * {@code task: stream}: {@code stream: {format, features, classes, max_abs, validation_fraction,
     * replay_capacity, validation_capacity, min_examples, start}}, {@code model}, {@code data.fitness}.
     */
    private static StreamOptions stream(OptionTree o) {
        OptionTree s = o.child("stream");
        OptionTree model = o.child("model");
        OptionTree data = o.child("data");
        int[] hidden = model.get(ModelOptions.HIDDEN);
        Activation activation = model.get(ModelOptions.ACTIVATION);
        FitnessMetric metric = data.get(StreamTaskSpec.FITNESS);
        InvalidOptionException.require(
                s.has(StreamTaskSpec.FEATURES.leaf()),
                StreamTaskSpec.FEATURES.key(),
                "must be set: the number of features per record");
        InvalidOptionException.require(
                s.has(StreamTaskSpec.CLASSES.leaf()),
                StreamTaskSpec.CLASSES.key(),
                "must be set: labels are 0 to classes - 1");
        StreamTaskSpec spec = new StreamTaskSpec(
                s.get(StreamTaskSpec.FEATURES),
                s.get(StreamTaskSpec.CLASSES),
                hidden,
                activation,
                s.get(StreamTaskSpec.REPLAY_CAPACITY),
                s.get(StreamTaskSpec.VALIDATION_CAPACITY),
                s.get(StreamTaskSpec.MIN_EXAMPLES),
                metric);
        ExampleFormat.Encoding encoding = s.get(ExampleFormat.FORMAT);
        double maxAbs = s.get(ExampleFormat.MAX_ABS);
        double fraction = s.get(KafkaSettings.VALIDATION_FRACTION);
        KafkaSettings.Start start = s.get(KafkaSettings.START);
        String folder = s.get(FolderSettings.FOLDER);
        long interval = s.get(FolderSettings.WATCH_INTERVAL);
        boolean header = s.get(FolderSettings.HEADER);
        String deadLetters = s.get(FolderSettings.DEAD_LETTER_FILE);
        FolderOptions folderOptions = null;
        if (folder != null) {
            Path path = Paths.get(folder);
            InvalidOptionException.require(
                    Files.isDirectory(path),
                    FolderSettings.FOLDER.key(),
                    Files.exists(path) ? folder + " is not a folder" : "folder " + folder + " does not exist");
            InvalidOptionException.require(
                    Files.isReadable(path), FolderSettings.FOLDER.key(), "cannot read folder " + folder);
            folderOptions = new FolderOptions(path, interval, header, deadLetters);
        } else {
            for (var o2 :
                    List.of(FolderSettings.WATCH_INTERVAL, FolderSettings.HEADER, FolderSettings.DEAD_LETTER_FILE)) {
                InvalidOptionException.require(
                        !s.has(o2.leaf()), o2.key(), "needs stream.folder (it applies to a watched folder)");
            }
        }
        s.rejectUnknown();
        model.rejectUnknown();
        data.rejectUnknown();
        return new StreamOptions(
                spec,
                new KafkaSettings.ExampleStream(
                        new ExampleFormat(encoding, spec.features(), spec.classes(), maxAbs),
                        fraction,
                        start == KafkaSettings.Start.LATEST),
                folderOptions);
    }

    /** {@code selection: boltzmann} or {@code selection: {rule: boltzmann, strength: 2}}; truncation reads {@code quantile_fraction}. */
    private static SelectionSettings selection(OptionTree o) {
        OptionTree s = o.kindOrMapping("selection", SelectionSettings.RULE.leaf());
        SelectionSettings.Rule rule = s.get(SelectionSettings.RULE);
        // events defaults to the population; a population below 1 is refused by PopulationConfig under
        // its own name, not here under the name of an option the user never set
        int defaultEvents =
                Math.max(1, o.getInt(PopulationConfig.POPULATION.key(), PopulationConfig.POPULATION.fallback()));
        SelectionSettings settings = new SelectionSettings(
                rule,
                o.get(SelectionSettings.QUANTILE_FRACTION),
                s.get(SelectionSettings.STRENGTH),
                s.get(SelectionSettings.EVENTS, defaultEvents),
                o.get(SelectionSettings.BURN_IN));
        s.rejectUnknown();
        return settings;
    }

    /**
     * {@code mutation: gaussian} or {@code mutation: {kernel: gaussian, diffusion: 0.05, dt: 0.1,
     * everyone: true, space: coordinate|normalized, boundary: reflect|clip}} ({@code strength: σ}
     * instead of diffusion); pbt reads {@code resample_probability} and {@code perturbation_factors};
     * {@code {kernel: pb2, window: 200}}; {@code {kernel: custom, class: com.example.Explore}}. A
     * Gaussian kernel's dt defaults to the Boltzmann strength (one generation is time α of the
     * reduced equation, see docs/reduced-dynamics.md), else to 1.
     */
    private static MutationSettings mutation(OptionTree o, SelectionSettings selection) {
        OptionTree m = o.kindOrMapping("mutation", MutationSettings.KERNEL.leaf());
        MutationSettings.Kernel kernel = m.get(MutationSettings.KERNEL);
        double defaultDt = selection.rule() == SelectionSettings.Rule.BOLTZMANN && selection.strength() > 0
                ? selection.strength()
                : 1.0;
        double dt = m.get(MutationSettings.DT, defaultDt);
        double diffusion = m.get(MutationSettings.DIFFUSION);
        if (m.has(MutationSettings.STEP.leaf())) {
            // σ of one generation's step, the form the seed authors give: D = σ²/(2Δt)
            InvalidOptionException.require(
                    !m.has(MutationSettings.DIFFUSION.leaf()),
                    MutationSettings.STEP.key(),
                    "sets σ = sqrt(2 D Δt) itself: give strength or diffusion, not both");
            double strength = m.get(MutationSettings.STEP);
            diffusion = strength * strength / (2 * dt);
        }
        MutationSettings settings = new MutationSettings(
                kernel,
                o.get(MutationSettings.RESAMPLE_PROBABILITY),
                o.get(MutationSettings.PERTURBATION_FACTORS),
                diffusion,
                dt,
                m.get(MutationSettings.EVERYONE),
                m.get(MutationSettings.SPACE),
                m.get(MutationSettings.BOUNDARY),
                m.get(MutationSettings.WINDOW),
                m.get(MutationSettings.CLASS));
        m.rejectUnknown();
        return settings;
    }

    /** {@code merge: {strength: 0.5, elite: 0.25}}. */
    /** {@code strategy: {name: openai_es, sigma: 0.02, ...}}; absent, no strategy. */
    private static StrategySettings strategy(OptionTree o) {
        OptionTree t = o.child("strategy");
        StrategySettings.Kind kind = t.get(StrategySettings.NAME);
        StrategySettings s = new StrategySettings(
                kind,
                t.get(StrategySettings.SIGMA, StrategySettings.defaultSigma(kind)),
                t.get(StrategySettings.SIGMA_DECAY),
                t.get(StrategySettings.SIGMA_MIN),
                t.get(StrategySettings.LR),
                t.get(StrategySettings.OPTIMIZER),
                t.get(StrategySettings.MOMENTUM),
                t.get(StrategySettings.WEIGHT_DECAY),
                t.get(StrategySettings.ANTITHETIC),
                t.get(StrategySettings.SHAPING),
                t.get(StrategySettings.ACTIVE),
                t.get(StrategySettings.INNER_STEPS),
                t.get(StrategySettings.INHERITANCE),
                t.get(StrategySettings.INITIAL_MEAN, Double.NaN),
                t.get(StrategySettings.EPISODES));
        t.rejectUnknown();
        return s;
    }

    private static ModelMerge merge(OptionTree o) {
        OptionTree m = o.child("merge");
        double strength = m.get(ModelMerge.STRENGTH);
        double elite = m.get(ModelMerge.ELITE);
        m.rejectUnknown();
        return new ModelMerge(strength, elite);
    }

    /** {@code fitness: window} or {@code fitness: {estimator: window, window: 0.5, every: 1, ema: 0.5, bandwidth: 0}}. */
    private static FitnessEstimate fitness(OptionTree o) {
        OptionTree f = o.kindOrMapping("fitness", FitnessEstimate.ESTIMATOR.leaf());
        FitnessEstimate estimate = new FitnessEstimate(
                f.get(FitnessEstimate.ESTIMATOR),
                f.get(FitnessEstimate.WINDOW),
                f.get(FitnessEstimate.EVERY),
                f.get(FitnessEstimate.EMA),
                f.get(FitnessEstimate.BANDWIDTH));
        f.rejectUnknown();
        return estimate;
    }

    /** {@code exploit: {optimizer: copy|reset, replay: clear|keep}}; defaults in {@link CopyPolicy#defaults}. */
    private static CopyPolicy exploit(OptionTree o, UpdateRule rule) {
        OptionTree e = o.child("exploit");
        CopyPolicy defaults = CopyPolicy.defaults(rule);
        CopyPolicy policy = new CopyPolicy(e.get(CopyPolicy.OPTIMIZER, defaults.optimizer()), e.get(CopyPolicy.REPLAY));
        InvalidOptionException.require(
                rule.memoryPerWeight() > 0 || !e.has(CopyPolicy.OPTIMIZER.leaf()),
                CopyPolicy.OPTIMIZER.key(),
                "optimizer " + rule.name().toLowerCase(Locale.ROOT) + " has no memory to copy or reset");
        e.rejectUnknown();
        return policy;
    }

    /**
     * {@code task: cartpole} or {@code mountain-car}: {@code environment: {max_steps}}, {@code dqn:
     * {hidden, gamma, target_update, replay_capacity, loss, epsilon_min}}, {@code returns: {k,
     * max_rule, test_episodes}}. Defaults are the seed authors' (reference/cartpole.md), but
     * max_steps, whose default is Gymnasium's (500 for CartPole-v1, 200 for MountainCar-v0).
     */
    private static ControlTaskSpec control(OptionTree o, String name, UpdateRule rule, HyperparameterSpace space) {
        OptionTree env = o.child("environment");
        OptionTree d = o.child("dqn");
        OptionTree r = o.child("returns");
        int maxSteps = env.get(ClassicControl.MAX_STEPS, ClassicControl.defaultMaxSteps(name));
        int maxBatch = largestBatch(space);
        int[] hidden = d.get(DqnSettings.HIDDEN);
        double gamma = d.get(DqnSettings.GAMMA);
        int targetUpdate = d.get(DqnSettings.TARGET_UPDATE);
        int capacity = d.get(DqnSettings.REPLAY_CAPACITY);
        double epsilonMin = d.get(DqnSettings.EPSILON_MIN);
        DqnSettings settings = new DqnSettings(
                new ClassicControl(name, maxSteps),
                hidden,
                gamma,
                targetUpdate,
                capacity,
                d.get(DqnSettings.LOSS),
                epsilonMin,
                rule == UpdateRule.ADAMW,
                maxBatch);
        int k = r.get(ControlTaskSpec.K);
        int testEpisodes = r.get(ControlTaskSpec.TEST_EPISODES);
        ControlTaskSpec spec = new ControlTaskSpec(settings, k, r.get(ControlTaskSpec.MAX_RULE), testEpisodes);
        env.rejectUnknown();
        d.rejectUnknown();
        r.rejectUnknown();
        return spec;
    }

    /** The largest batch_size any agent can have: its fixed value, or the top of its domain. */
    private static int largestBatch(HyperparameterSpace space) {
        for (int i = 0; i < space.size(); i++) {
            if (space.hyperparameter(i).equals(Hyperparameter.BATCH_SIZE)) {
                Domain domain = space.domain(i);
                if (domain instanceof Domain.Interval interval) {
                    return (int) interval.max();
                }
                Domain.Choice choice = (Domain.Choice) domain;
                double max = choice.value(0);
                for (int c = 1; c < choice.size(); c++) {
                    max = Math.max(max, choice.value(c));
                }
                return (int) max;
            }
        }
        return space.resolve(new double[space.size()]).fast().batchSize();
    }

    private static boolean mode(OptionTree o) {
        return o.get(PopulationConfig.MODE) == PopulationConfig.Mode.ASYNCHRONOUS;
    }

    private static TaskSpec landscape(OptionTree l) {
        Landscape function = l.get(LandscapeTaskSpec.FUNCTION);
        int dimension = l.get(LandscapeTaskSpec.DIMENSION);
        LandscapeTaskSpec spec = new LandscapeTaskSpec(
                function,
                dimension,
                l.get(LandscapeTaskSpec.CURVATURE),
                l.get(LandscapeTaskSpec.SHARPNESS),
                l.get(LandscapeTaskSpec.CENTER, new double[dimension]));
        l.rejectUnknown();
        return spec;
    }

    private static TaskSpec pbtToy(OptionTree t) {
        PbtToyTaskSpec spec = new PbtToyTaskSpec(t.get(PbtToyTaskSpec.INITIAL));
        t.rejectUnknown();
        return spec;
    }

    /** A user's CSV or TSV file, read and checked now: any problem is one line before a job starts. */
    private static TaskSpec table(OptionTree o) {
        OptionTree model = o.child("model");
        OptionTree t = o.child("table");
        TableFile read = readTable(t);
        Table table = read.table();
        int index = read.label();
        TableTaskSpec.Target target = t.get(TableTaskSpec.TARGET);
        InvalidOptionException.require(target != null, "table.target", "must be set: classification or regression");
        double[] split = t.get(TableTaskSpec.SPLIT);
        TableTaskSpec.Missing missing = t.get(TableTaskSpec.MISSING);
        FitnessMetric metric = t.get(TableTaskSpec.FITNESS);
        int[] hidden = model.get(ModelOptions.HIDDEN);
        Activation activation = model.get(ModelOptions.ACTIVATION);
        model.rejectUnknown();
        t.rejectUnknown();
        return new TableTaskSpec(table, index, target, missing, hidden, activation, split[0], split[1], metric);
    }

    /** A table as the configuration reads it, and its label column. */
    private record TableFile(Table table, int label) {}

    /** The file of {@code table.file}, read with {@code table.delimiter} and {@code table.header}, and its label. */
    private static TableFile readTable(OptionTree t) {
        String file = t.get(TableTaskSpec.FILE);
        InvalidOptionException.require(file != null && !file.isBlank(), "table.file", "must name a CSV or TSV file");
        Path path = Paths.get(file);
        InvalidOptionException.require(Files.isRegularFile(path), "table.file", "no file " + path.toAbsolutePath());
        Table table;
        try {
            table = TableParser.read(path, t.get(TableTaskSpec.DELIMITER), t.get(TableTaskSpec.HEADER));
        } catch (TableParser.BadTableException e) {
            throw new InvalidOptionException("table.file", e.getMessage());
        } catch (IOException e) {
            throw new InvalidOptionException("table.file", "cannot read " + path + ": " + IoErrors.reason(e));
        }
        // before the label is looked up: a file read with the wrong separator has one column
        TableTaskSpec.requireColumns(table);
        String label = t.get(TableTaskSpec.LABEL);
        int index = label == null ? table.names().length - 1 : table.indexOf(label);
        if (index < 0 && label.matches("[0-9]+")) {
            int number = Integer.parseInt(label);
            index = number >= 1 && number <= table.names().length ? number - 1 : -1;
        }
        InvalidOptionException.require(
                index >= 0,
                "table.label",
                "no column '" + label + "' in " + file + " (columns: " + String.join(", ", table.names())
                        + "; or a number from 1 to " + table.names().length + ")");
        return new TableFile(table, index);
    }

    /** What the table of {@code tree}'s {@code table} section holds, and the target its label suggests. */
    public static TableInference inferTable(JsonNode tree) {
        TableFile read = readTable(new OptionTree(tree, "").child("table"));
        return TableInference.of(read.table(), read.label());
    }

    private static TaskSpec digits(OptionTree o) {
        OptionTree model = o.child("model");
        OptionTree data = o.child("data");
        int[] hidden = model.get(ModelOptions.HIDDEN);
        Activation activation = model.get(ModelOptions.ACTIVATION);
        double[] split = data.get(DigitsTaskSpec.SPLIT);
        FitnessMetric metric = data.get(DigitsTaskSpec.FITNESS);
        model.rejectUnknown();
        data.rejectUnknown();
        return new DigitsTaskSpec(hidden, activation, split[0], split[1], metric);
    }

    private static TaskSpec quadratic(OptionTree q) {
        double[] curvature = q.get(QuadraticTaskSpec.CURVATURE);
        QuadraticTaskSpec spec = new QuadraticTaskSpec(
                q.get(QuadraticTaskSpec.DIMENSION),
                curvature[0],
                curvature[1],
                q.get(QuadraticTaskSpec.SIGNAL),
                q.get(QuadraticTaskSpec.NOISE));
        q.rejectUnknown();
        return spec;
    }

    /** The mutable hyperparameters' domains; {@code initial} receives the generation-0 values given with {@code initial: [...]}. */
    /** {@code evolutionStrategy}: the run moves weights, not h, and there must be no mutations. */
    private static Map<Hyperparameter, Domain> mutations(
            OptionTree m,
            List<Hyperparameter> known,
            Map<Hyperparameter, double[]> initial,
            boolean evolutionStrategy) {
        if (evolutionStrategy) {
            InvalidOptionException.require(
                    m.keys().isEmpty(),
                    "hyperparam_mutations",
                    "an evolution strategy moves the "
                            + "weights and every member keeps one h: give it under hyperparameters (over a preset, "
                            + "--set hyperparam_mutations=null)");
            return Map.of();
        }
        Map<Hyperparameter, Domain> domains = new LinkedHashMap<>();
        for (String key : m.keys()) {
            Hyperparameter h = hyperparameter(m, key, known);
            domains.put(h, domain(m, key, h));
            if (!m.isList(key) && m.child(key).has(DomainOptions.INITIAL.leaf())) {
                initial.put(h, m.child(key).getLeaf(DomainOptions.INITIAL, null));
            }
        }
        InvalidOptionException.require(
                !domains.isEmpty(), "hyperparam_mutations", "must list at least one hyperparameter");
        return domains;
    }

    private static Domain domain(OptionTree m, String key, Hyperparameter h) {
        String option = m.pathOf(key);
        if (!m.has(key)) {
            throw new InvalidOptionException(option, "needs {min, max} or a list of values");
        }
        try {
            if (m.isList(key)) {
                return new Domain.Choice(m.getDoubles(key, null));
            }
            OptionTree d = m.child(key);
            d.getLeaf(DomainOptions.INITIAL, null); // read by mutations()
            Domain domain;
            if (d.has(DomainOptions.VALUES.leaf())) {
                domain = new Domain.Choice(d.getLeaf(DomainOptions.VALUES, null));
            } else {
                InvalidOptionException.require(
                        d.has(DomainOptions.MIN.leaf()) && d.has(DomainOptions.MAX.leaf()),
                        option,
                        "needs min and max, or values");
                domain = new Domain.Interval(
                        d.getLeaf(DomainOptions.MIN, null),
                        d.getLeaf(DomainOptions.MAX, null),
                        d.getLeaf(DomainOptions.SCALE, DomainOptions.SCALE.fallback()),
                        d.getLeaf(DomainOptions.INTEGER, h.integer()));
            }
            d.rejectUnknown();
            return domain;
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidOptionException) {
                throw e;
            }
            throw new InvalidOptionException(option, e.getMessage());
        }
    }

    private static Map<Hyperparameter, Double> fixed(OptionTree f, List<Hyperparameter> known) {
        Map<Hyperparameter, Double> values = new LinkedHashMap<>();
        for (String key : f.keys()) {
            values.put(hyperparameter(f, key, known), f.getDouble(key, Double.NaN));
        }
        return values;
    }

    private static Hyperparameter hyperparameter(OptionTree tree, String key, List<Hyperparameter> known) {
        return known.stream()
                .filter(h -> h.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new InvalidOptionException(
                        tree.pathOf(key),
                        "unknown hyperparameter (known: "
                                + String.join(
                                        ", ",
                                        known.stream().map(Hyperparameter::key).toList()) + ")"));
    }
}
