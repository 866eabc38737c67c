package io.popflow.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.popflow.agent.CopyPolicy;
import io.popflow.config.InvalidOptionException;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.examples.ExampleFormat;
import io.popflow.connectors.kafka.KafkaConnection;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.jobs.run.IoErrors;
import io.popflow.model.Activation;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnSettings;
import io.popflow.rl.TdLoss;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import io.popflow.slow.GaussianMutation;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.FitnessMetric;
import io.popflow.task.Landscape;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.task.PbtToyTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a run's YAML configuration: a preset, overlaid by a user file, overlaid by single options
 * ({@code key=value}, dotted paths). Every option is checked here or by the typed classes it
 * builds; any problem is one {@link InvalidOptionException} naming the option.
 *
 * <p>The options (Ray Tune's names where Ray has one): {@code task}, {@code seed}, {@code
 * population}, {@code generations}, {@code perturbation_interval}, {@code chunk_steps}, {@code
 * optimizer}, {@code quantile_fraction}, {@code resample_probability}, {@code
 * perturbation_factors}, {@code hyperparameters} (fixed values), {@code hyperparam_mutations}
 * (mutable ones: {@code {min, max, scale, integer}} or a list of values), {@code parallelism},
 * {@code max_parallelism}, {@code checkpoint_interval}, {@code checkpoint_dir}, {@code state_backend}, {@code
 * restart_attempts}, {@code output}; for {@code task: digits}
 * also {@code model.hidden}, {@code model.activation}, {@code data.split}, {@code data.fitness};
 * for {@code task: quadratic} {@code quadratic.dimension}, {@code quadratic.curvature}, {@code
 * quadratic.signal}, {@code quadratic.noise}; for {@code task: stream} {@code stream.*}, {@code
 * model.*} and {@code data.fitness}. Kafka: {@code run_id}, {@code feedback} ({@code in_jvm} or
 * {@code kafka}), {@code kafka.bootstrap_servers}, {@code kafka.properties.*}, {@code
 * kafka.properties_file}, {@code kafka.transaction_timeout}, {@code kafka.metrics}, {@code
 * kafka.topics.*}.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final String[] PRESETS = {"digits", "quadratic", "cartpole-pbt"};
    static final String[] TASKS = {"digits", "stream", "quadratic", "landscape", "pbt-toy", "cartpole", "mountain-car"};
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private ConfigLoader() {}

    /** The preset called {@code name}. */
    public static ObjectNode preset(String name) {
        String resource = "/io/popflow/jobs/presets/" + name + ".yaml";
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidOptionException("preset", "unknown preset '" + name + "' (known: "
                        + String.join(", ", PRESETS) + ")");
            }
            String what = "preset " + name;
            return asObject(YamlTree.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), what, "preset"), what);
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
        return asObject(YamlTree.parse(new String(bytes, StandardCharsets.UTF_8), file.toString(), "config"), file.toString());
    }

    /** Writes {@code tree} as YAML to {@code file}: a run's effective configuration, itself a valid {@code --config}. */
    public static void writeYaml(JsonNode tree, Path file) {
        try {
            Files.writeString(file, "# The effective configuration of this run (preset, file and options applied).\n"
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

    /** {@code base} with {@code overlay} merged in, mappings merged key by key. */
    public static ObjectNode merge(ObjectNode base, JsonNode overlay) {
        ObjectNode merged = base.deepCopy();
        overlay.fields().forEachRemaining(e -> {
            JsonNode old = merged.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                merged.set(e.getKey(), merge((ObjectNode) old, e.getValue()));
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
        for (String assignment : assignments) {
            tree = setOne(tree, assignment);
        }
        return tree;
    }

    private static ObjectNode setOne(ObjectNode base, String assignment) {
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
        return merge(base, overlay);
    }

    /** The validated run described by {@code tree}. */
    public static RunConfig parse(JsonNode tree) {
        OptionTree o = new OptionTree(tree, "");
        String taskName = o.getString("task", null);
        InvalidOptionException.require(taskName != null, "task", "must be set (" + String.join(", ", TASKS) + ")");
        StreamOptions stream = taskName.equals("stream") ? stream(o) : null;
        TaskSpec task = switch (taskName) {
            case "digits" -> digits(o);
            case "stream" -> stream.spec();
            case "quadratic" -> quadratic(o.child("quadratic"));
            case "landscape" -> landscape(o.child("landscape"));
            case "pbt-toy" -> pbtToy(o.child("pbt_toy"));
            case "cartpole", "mountain-car" -> null; // needs the optimizer and the batch sizes: built below
            default -> throw new InvalidOptionException("task", "unknown task '" + taskName + "' (known: "
                    + String.join(", ", TASKS) + ")");
        };
        boolean control = task == null;
        UpdateRule rule = enumOption(o, "optimizer", UpdateRule.class, control ? UpdateRule.ADAM : UpdateRule.SGD);
        List<Hyperparameter> taskKnobs = control ? List.of(ControlTaskSpec.EPSILON_DECAY) : task.hyperparameters();
        List<Hyperparameter> known = new ArrayList<>(Hyperparameter.FAST);
        known.addAll(taskKnobs);
        Map<Hyperparameter, double[]> initial = new LinkedHashMap<>();
        HyperparameterSpace space = new HyperparameterSpace(rule, mutations(o.child("hyperparam_mutations"), known, initial),
                fixed(o.child("hyperparameters"), known), taskKnobs).withInitialValues(initial);
        if (control) {
            task = control(o, taskName, rule, space);
        }
        SelectionSettings selection = selection(o);
        PopulationConfig population = new PopulationConfig(
                o.getLong("seed", 0),
                o.getInt("population", 16),
                o.getInt("generations", 10),
                o.getInt("perturbation_interval", 100),
                o.getInt("chunk_steps", 10),
                task,
                space,
                selection,
                mutation(o, selection),
                merge(o),
                exploit(o, rule, control),
                fitness(o),
                mode(o),
                o.getInt("parallelism", 2),
                o.getInt("max_parallelism", 128),
                o.getMillis("checkpoint_interval", 5_000));
        String output = o.getString("output", null);
        InvalidOptionException.require(output != null && !output.isBlank(), "output", "must name a folder");
        String checkpoints = o.getString("checkpoint_dir", null);
        String runId = o.getString("run_id", "popflow-" + taskName + "-" + population.seed());
        InvalidOptionException.require(RUN_ID.matcher(runId).matches(), "run_id",
                "must be 1 to 100 letters, digits, '.', '_' or '-', got '" + runId + "'");
        RunConfig.Feedback feedback = enumOption(o, "feedback", RunConfig.Feedback.class, RunConfig.Feedback.IN_JVM);
        KafkaSettings kafka = o.has("kafka") ? kafka(o.child("kafka"), population, stream == null ? null : stream.examples()) : null;
        InvalidOptionException.require(kafka != null || feedback != RunConfig.Feedback.KAFKA, "feedback",
                "kafka needs the kafka options (kafka.bootstrap_servers)");
        InvalidOptionException.require(kafka != null || !(task instanceof StreamTaskSpec), "task",
                "stream reads its examples from Kafka: set kafka.bootstrap_servers");
        // A bounded run ends when its sources end, and a topic never does: a streamed run is stopped
        // from outside: stop-with-savepoint (Ctrl-C locally, flink stop on a cluster), which commits every output.
        InvalidOptionException.require(!(task instanceof StreamTaskSpec) || population.generations() == 0, "generations",
                "task stream trains until stopped, as its data never ends: set 0, got " + population.generations());
        RunConfig.StateBackend backend = enumOption(o, "state_backend", RunConfig.StateBackend.class,
                RunConfig.StateBackend.HASHMAP);
        int restartAttempts = o.getInt("restart_attempts", 3);
        InvalidOptionException.require(restartAttempts >= 0 && restartAttempts <= 1000, "restart_attempts",
                "must be in [0, 1000], got " + restartAttempts);
        o.rejectUnknown();
        Path outputPath = Paths.get(output);
        return new RunConfig(population, outputPath,
                checkpoints == null ? outputPath.resolve("checkpoints") : Paths.get(checkpoints), runId, feedback, kafka,
                backend, restartAttempts);
    }

    /**
     * {@code kafka: {bootstrap_servers, properties: {...}, properties_file, transaction_timeout,
     * metrics, topics: {reports, generations, lineage, feedback, examples, dead_letter}}}.
     */
    private static KafkaSettings kafka(OptionTree k, PopulationConfig population, KafkaSettings.ExampleStream examples) {
        String bootstrap = k.getString("bootstrap_servers", null);
        InvalidOptionException.require(bootstrap != null && !bootstrap.isBlank(), "kafka.bootstrap_servers",
                "must name the brokers, e.g. 127.0.0.1:9092");
        Map<String, String> properties = new java.util.TreeMap<>();
        String file = k.getString("properties_file", null);
        if (file != null) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(Paths.get(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new InvalidOptionException("kafka.properties_file", "cannot read " + file + ": " + IoErrors.reason(e));
            }
            p.stringPropertyNames().forEach(name -> properties.put(name, p.getProperty(name)));
        }
        properties.putAll(k.getTextMap("properties"));
        long timeout = k.getMillis("transaction_timeout", java.time.Duration.ofMinutes(5).toMillis());
        InvalidOptionException.require(timeout > population.checkpointIntervalMs()
                        && timeout <= KafkaSettings.BROKER_MAX_TRANSACTION_TIMEOUT.toMillis(), "kafka.transaction_timeout",
                "must exceed checkpoint_interval and not exceed the broker's default transaction.max.timeout.ms (15m), got "
                        + timeout + " ms");
        boolean metrics = k.getBoolean("metrics", true);
        OptionTree t = k.child("topics");
        KafkaSettings.Topics topics = new KafkaSettings.Topics(topic(t, "reports"), topic(t, "generations"),
                topic(t, "lineage"), topic(t, "feedback"), topic(t, "examples"), topic(t, "dead_letter"));
        t.rejectUnknown();
        k.rejectUnknown();
        try {
            return new KafkaSettings(new KafkaConnection(bootstrap, properties), topics, java.time.Duration.ofMillis(timeout),
                    metrics, examples);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("kafka", e.getMessage());
        }
    }

    private static String topic(OptionTree t, String key) {
        String name = t.getString(key, "popflow." + key.replace('_', '-'));
        InvalidOptionException.require(name.matches("[A-Za-z0-9._-]{1,249}"), t.pathOf(key),
                "is not a legal Kafka topic name: '" + name + "'");
        return name;
    }

    /** A stream task and how its records are read. */
    private record StreamOptions(StreamTaskSpec spec, KafkaSettings.ExampleStream examples) {}

    /**
     * {@code task: stream}: {@code stream: {format, features, classes, max_abs, validation_fraction,
     * replay_capacity, validation_capacity, min_examples, start}}, {@code model}, {@code data.fitness}.
     */
    private static StreamOptions stream(OptionTree o) {
        OptionTree s = o.child("stream");
        OptionTree model = o.child("model");
        OptionTree data = o.child("data");
        int[] hidden = model.getInts("hidden", new int[] {64});
        Activation activation = enumOption(model, "activation", Activation.class, Activation.RELU);
        FitnessMetric metric = enumOption(data, "fitness", FitnessMetric.class, FitnessMetric.NEGATIVE_LOSS);
        InvalidOptionException.require(s.has("features"), "stream.features", "must be set: the number of features per record");
        InvalidOptionException.require(s.has("classes"), "stream.classes", "must be set: labels are 0 to classes - 1");
        StreamTaskSpec spec = new StreamTaskSpec(s.getInt("features", 0), s.getInt("classes", 0), hidden, activation,
                s.getInt("replay_capacity", 2048), s.getInt("validation_capacity", 512), s.getInt("min_examples", 128), metric);
        ExampleFormat.Encoding encoding = enumOption(s, "format", ExampleFormat.Encoding.class, ExampleFormat.Encoding.CSV);
        double maxAbs = s.getDouble("max_abs", 1e6);
        InvalidOptionException.require(maxAbs > 0, "stream.max_abs", "must be > 0, got " + maxAbs);
        double fraction = s.getDouble("validation_fraction", 0.2);
        InvalidOptionException.require(fraction > 0 && fraction < 1, "stream.validation_fraction",
                "must be in (0, 1), got " + fraction);
        String start = s.getString("start", "earliest");
        InvalidOptionException.require(start.equals("earliest") || start.equals("latest"), "stream.start",
                "unknown value '" + start + "' (known: earliest, latest)");
        s.rejectUnknown();
        model.rejectUnknown();
        data.rejectUnknown();
        return new StreamOptions(spec, new KafkaSettings.ExampleStream(
                new ExampleFormat(encoding, spec.features(), spec.classes(), maxAbs), fraction, start.equals("latest")));
    }

    /** {@code selection: boltzmann} or {@code selection: {rule: boltzmann, strength: 2}}; truncation reads {@code quantile_fraction}. */
    private static SelectionSettings selection(OptionTree o) {
        OptionTree s = o.kindOrMapping("selection", "rule");
        SelectionSettings.Rule rule = enumOption(s, "rule", SelectionSettings.Rule.class, SelectionSettings.Rule.TRUNCATION);
        // events defaults to the population; a population below 1 is refused by PopulationConfig under
        // its own name, not here under the name of an option the user never set
        int defaultEvents = Math.max(1, o.getInt("population", 16));
        SelectionSettings settings = new SelectionSettings(rule, o.getDouble("quantile_fraction", 0.25),
                s.getDouble("strength", 1.0), s.getInt("events", defaultEvents));
        s.rejectUnknown();
        return settings;
    }

    /**
     * {@code mutation: gaussian} or {@code mutation: {kernel: gaussian, diffusion: 0.05, dt: 0.1,
     * everyone: true, space: coordinate|normalized, boundary: reflect|clip}} ({@code strength: σ}
     * instead of diffusion); pbt reads {@code resample_probability} and {@code perturbation_factors}. A
     * Gaussian kernel's dt defaults to the Boltzmann strength (one generation is time α of the
     * reduced equation, see docs/reduced-dynamics.md), else to 1.
     */
    private static MutationSettings mutation(OptionTree o, SelectionSettings selection) {
        OptionTree m = o.kindOrMapping("mutation", "kernel");
        MutationSettings.Kernel kernel = enumOption(m, "kernel", MutationSettings.Kernel.class, MutationSettings.Kernel.PBT);
        double defaultDt = selection.rule() == SelectionSettings.Rule.BOLTZMANN && selection.strength() > 0
                ? selection.strength() : 1.0;
        double dt = m.getDouble("dt", defaultDt);
        double diffusion = m.getDouble("diffusion", 0.0);
        if (m.has("strength")) {
            // σ of one generation's step, the form the seed authors give: D = σ²/(2Δt)
            InvalidOptionException.require(!m.has("diffusion"), "mutation.strength",
                    "sets σ = sqrt(2 D Δt) itself: give strength or diffusion, not both");
            double strength = m.getDouble("strength", 0);
            InvalidOptionException.require(strength >= 0, "mutation.strength", "must be >= 0, got " + strength);
            diffusion = strength * strength / (2 * dt);
        }
        MutationSettings settings = new MutationSettings(kernel, o.getDouble("resample_probability", 0.25),
                o.getDoubles("perturbation_factors", new double[] {1.2, 0.8}), diffusion, dt, m.getBoolean("everyone", false),
                enumOption(m, "space", GaussianMutation.Space.class, GaussianMutation.Space.COORDINATE),
                enumOption(m, "boundary", GaussianMutation.Boundary.class, GaussianMutation.Boundary.REFLECT));
        m.rejectUnknown();
        return settings;
    }

    /** {@code merge: {strength: 0.5, elite: 0.25}}. */
    private static ModelMerge merge(OptionTree o) {
        OptionTree m = o.child("merge");
        double strength = m.getDouble("strength", 0);
        double elite = m.getDouble("elite", 1.0);
        m.rejectUnknown();
        InvalidOptionException.require(strength >= 0 && strength <= 1, "merge.strength", "must be in [0, 1], got " + strength);
        InvalidOptionException.require(elite > 0 && elite <= 1, "merge.elite", "must be in (0, 1], got " + elite);
        return new ModelMerge(strength, elite);
    }

    /** {@code fitness: window} or {@code fitness: {estimator: window, window: 0.5, every: 1, ema: 0.5, bandwidth: 0}}. */
    private static FitnessEstimate fitness(OptionTree o) {
        OptionTree f = o.kindOrMapping("fitness", "estimator");
        FitnessEstimator estimator = enumOption(f, "estimator", FitnessEstimator.class, FitnessEstimator.LAST);
        FitnessEstimate estimate = new FitnessEstimate(estimator, f.getDouble("window", 0.5), f.getInt("every", 1),
                f.getDouble("ema", 0.5), f.getDouble("bandwidth", 0));
        f.rejectUnknown();
        return estimate;
    }

    /** {@code exploit: {optimizer: copy|reset, replay: clear|keep}}; defaults in {@link CopyPolicy#defaults}. */
    private static CopyPolicy exploit(OptionTree o, UpdateRule rule, boolean control) {
        OptionTree e = o.child("exploit");
        CopyPolicy defaults = CopyPolicy.defaults(rule);
        CopyPolicy policy = new CopyPolicy(enumOption(e, "optimizer", CopyPolicy.Optimizer.class, defaults.optimizer()),
                enumOption(e, "replay", CopyPolicy.Replay.class, defaults.replay()));
        InvalidOptionException.require(control || !e.has("replay"), "exploit.replay",
                "applies to reinforcement-learning tasks (cartpole, mountain-car), whose agents keep a replay memory");
        InvalidOptionException.require(rule.memoryPerWeight() > 0 || !e.has("optimizer"), "exploit.optimizer",
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
        InvalidOptionException.require(rule.memoryPerWeight() == 2, "optimizer",
                "a DQN agent learns with adam or adamw, got " + rule.name().toLowerCase(Locale.ROOT));
        OptionTree env = o.child("environment");
        OptionTree d = o.child("dqn");
        OptionTree r = o.child("returns");
        int maxSteps = env.getInt("max_steps", name.equals(ClassicControl.CARTPOLE) ? 500 : 200);
        InvalidOptionException.require(maxSteps >= 1, "environment.max_steps", "must be >= 1 step, got " + maxSteps);
        int maxBatch = largestBatch(space);
        DqnSettings authors = DqnSettings.authors(new ClassicControl(name, maxSteps), maxBatch);
        int[] hidden = d.getInts("hidden", authors.hidden());
        InvalidOptionException.require(hidden.length >= 1 && Arrays.stream(hidden).allMatch(n -> n >= 1), "dqn.hidden",
                "must list one or more layer sizes >= 1, got " + Arrays.toString(hidden));
        double gamma = d.getDouble("gamma", authors.gamma());
        InvalidOptionException.require(gamma >= 0 && gamma <= 1, "dqn.gamma", "must be in [0, 1], got " + gamma);
        int targetUpdate = d.getInt("target_update", authors.targetUpdate());
        InvalidOptionException.require(targetUpdate >= 1, "dqn.target_update", "must be >= 1 step, got " + targetUpdate);
        int capacity = d.getInt("replay_capacity", authors.replayCapacity());
        InvalidOptionException.require(capacity >= maxBatch, "dqn.replay_capacity",
                "must hold at least the largest batch_size (" + maxBatch + "), got " + capacity);
        double epsilonMin = d.getDouble("epsilon_min", authors.epsilonMin());
        InvalidOptionException.require(epsilonMin >= 0 && epsilonMin <= 1, "dqn.epsilon_min",
                "must be in [0, 1], got " + epsilonMin);
        DqnSettings settings = new DqnSettings(authors.environment(), hidden, gamma, targetUpdate, capacity,
                enumOption(d, "loss", TdLoss.class, authors.loss()), epsilonMin, rule == UpdateRule.ADAMW, maxBatch);
        int k = r.getInt("k", 1);
        InvalidOptionException.require(k >= 1, "returns.k", "must be >= 1 episode, got " + k);
        int testEpisodes = r.getInt("test_episodes", 100);
        InvalidOptionException.require(testEpisodes >= 1, "returns.test_episodes", "must be >= 1, got " + testEpisodes);
        ControlTaskSpec spec = new ControlTaskSpec(settings, k, r.getBoolean("max_rule", true), testEpisodes);
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
        String mode = o.getString("mode", "synchronous");
        return switch (mode) {
            case "synchronous" -> false;
            case "asynchronous" -> true;
            default -> throw new InvalidOptionException("mode", "unknown value '" + mode + "' (known: synchronous, asynchronous)");
        };
    }

    private static TaskSpec landscape(OptionTree l) {
        Landscape function = enumOption(l, "function", Landscape.class, Landscape.SPHERE);
        int dimension = l.getInt("dimension", 2);
        LandscapeTaskSpec spec = new LandscapeTaskSpec(function, dimension, l.getDouble("curvature", 1.0),
                l.getDouble("sharpness", 1.0), l.getDoubles("center", new double[dimension]));
        l.rejectUnknown();
        return spec;
    }

    private static TaskSpec pbtToy(OptionTree t) {
        PbtToyTaskSpec spec = new PbtToyTaskSpec(t.getDoubles("initial", new double[] {0.9, 0.9}));
        t.rejectUnknown();
        return spec;
    }

    private static TaskSpec digits(OptionTree o) {
        OptionTree model = o.child("model");
        OptionTree data = o.child("data");
        int[] hidden = model.getInts("hidden", new int[] {64});
        Activation activation = enumOption(model, "activation", Activation.class, Activation.RELU);
        double[] split = data.getDoubles("split", new double[] {0.6, 0.2});
        InvalidOptionException.require(split.length == 2, "data.split", "must be [train, validation] fractions");
        FitnessMetric metric = enumOption(data, "fitness", FitnessMetric.class, FitnessMetric.ACCURACY);
        model.rejectUnknown();
        data.rejectUnknown();
        return new DigitsTaskSpec(hidden, activation, split[0], split[1], metric);
    }

    private static TaskSpec quadratic(OptionTree q) {
        double[] curvature = q.getDoubles("curvature", new double[] {0.5, 5.0});
        InvalidOptionException.require(curvature.length == 2, "quadratic.curvature", "must be [min, max]");
        QuadraticTaskSpec spec = new QuadraticTaskSpec(q.getInt("dimension", 10), curvature[0], curvature[1],
                q.getDouble("signal", 1.0), q.getDouble("noise", 0.5));
        q.rejectUnknown();
        return spec;
    }

    /** The mutable hyperparameters' domains; {@code initial} receives the generation-0 values given with {@code initial: [...]}. */
    private static Map<Hyperparameter, Domain> mutations(OptionTree m, List<Hyperparameter> known,
            Map<Hyperparameter, double[]> initial) {
        Map<Hyperparameter, Domain> domains = new LinkedHashMap<>();
        for (String key : m.keys()) {
            Hyperparameter h = hyperparameter(m, key, known);
            domains.put(h, domain(m, key, h));
            if (!m.isList(key) && m.child(key).has("initial")) {
                initial.put(h, m.child(key).getDoubles("initial", null));
            }
        }
        InvalidOptionException.require(!domains.isEmpty(), "hyperparam_mutations", "must list at least one hyperparameter");
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
            d.getDoubles("initial", null); // read by mutations()
            Domain domain;
            if (d.has("values")) {
                domain = new Domain.Choice(d.getDoubles("values", null));
            } else {
                InvalidOptionException.require(d.has("min") && d.has("max"), option, "needs min and max, or values");
                Domain.Scale scale = enumOption(d, "scale", Domain.Scale.class, Domain.Scale.LINEAR);
                boolean integer = d.getBoolean("integer", h.integer());
                domain = new Domain.Interval(d.getDouble("min", 0), d.getDouble("max", 0), scale, integer);
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
        return known.stream().filter(h -> h.key().equals(key)).findFirst().orElseThrow(() ->
                new InvalidOptionException(tree.pathOf(key), "unknown hyperparameter (known: "
                        + String.join(", ", known.stream().map(Hyperparameter::key).toList()) + ")"));
    }

    private static <E extends Enum<E>> E enumOption(OptionTree tree, String key, Class<E> type, E fallback) {
        String value = tree.getString(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(tree.pathOf(key), "unknown value '" + value + "' (known: "
                    + String.join(", ", Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT)).toList()) + ")");
        }
    }
}
