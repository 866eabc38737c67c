package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.UpdateRule;
import io.popflow.option.InvalidOptionException;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.TdLoss;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimator;
import io.popflow.slow.GaussianMutation;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private RunConfig preset(String name, String... assignments) {
        return ConfigLoader.parse(
                ConfigLoader.set(ConfigLoader.set(ConfigLoader.preset(name), "output=" + dir), assignments));
    }

    @Test
    void digitsPresetIsAValidRayStylePbtRun() {
        PopulationConfig c = preset("digits").population();
        assertThat(c.task()).isInstanceOf(DigitsTaskSpec.class);
        assertThat(c.population()).isGreaterThanOrEqualTo(16);
        assertThat(c.generations()).isGreaterThanOrEqualTo(10);
        assertThat(c.selection().rule()).isEqualTo(SelectionSettings.Rule.TRUNCATION);
        assertThat(c.selection().quantileFraction()).isEqualTo(0.25);
        assertThat(c.mutation().kernel()).isEqualTo(MutationSettings.Kernel.PBT);
        assertThat(c.mutation().resampleProbability()).isEqualTo(0.25);
        assertThat(c.mutation().perturbationFactors()).containsExactly(1.2, 0.8);
        assertThat(c.fitness().estimator()).isEqualTo(FitnessEstimator.LAST);
        assertThat(c.asynchronous()).isFalse();
        assertThat(c.space().names()).containsExactly("lr", "weight_decay", "batch_size");
        assertThat(c.space().domain(2)).isInstanceOf(Domain.Choice.class);
        assertThat(c.space().resolve(new double[] {0.1, 1e-4, 32}).fast().momentum())
                .isEqualTo(0.9);
    }

    @Test
    void evolutionStrategyPresetsAndTheirRules() {
        PopulationConfig es = preset("es-digits").population();
        assertThat(es.isEvolutionStrategy()).isTrue();
        assertThat(es.strategy().kind()).isEqualTo(io.popflow.es.StrategySettings.Kind.OPENAI_ES);
        assertThat(es.strategy().sigma()).isEqualTo(0.02);
        assertThat(es.perturbationInterval()).isZero();
        assertThat(preset("es-digits", "strategy.inner_steps=10").population().perturbationInterval())
                .isEqualTo(10);
        assertThat(preset("es-digits", "strategy.name=cma_es")
                        .population()
                        .strategy()
                        .sigma())
                .as("the preset's σ, not the strategy's default")
                .isEqualTo(0.02);
        assertThat(preset("cma-rosenbrock", "strategy.sigma=null")
                        .population()
                        .strategy()
                        .sigma())
                .isEqualTo(0.1);
        assertThat(preset("es-cartpole").population().strategy().episodes()).isEqualTo(1);
        assertThat(preset("digits").population().isEvolutionStrategy()).isFalse();

        assertThatThrownBy(() -> preset("digits", "strategy.name=snes"))
                .hasMessage("invalid option "
                        + "'hyperparam_mutations': an evolution strategy moves the weights and every member keeps one h: give it "
                        + "under hyperparameters (over a preset, --set hyperparam_mutations=null)");
        assertThatThrownBy(() -> preset("es-digits", "mode=asynchronous"))
                .hasMessage(
                        "invalid option 'mode': an evolution strategy tells whole generations: needs synchronous mode");
        assertThatThrownBy(() -> preset("es-digits", "fitness=window"))
                .hasMessage("invalid option 'fitness.estimator': "
                        + "an evolution strategy ranks each generation's members by their own fitness: needs last");
        assertThatThrownBy(() -> preset("es-digits", "merge.strength=0.5"))
                .hasMessage("invalid option 'merge': an evolution strategy moves the mean itself: merging must be off");
        assertThatThrownBy(() -> preset("es-digits", "population=99"))
                .hasMessage("invalid option 'population': "
                        + "openai_es with antithetic sampling needs an even population, got 99");
        assertThatThrownBy(() -> preset("es-digits", "strategy.sigma=0"))
                .hasMessage("invalid option 'strategy.sigma': must be > 0, got 0.0");
        assertThatThrownBy(() -> preset("es-digits", "strategy.name=pso"))
                .hasMessage(
                        "invalid option 'strategy.name': unknown value 'pso' (known: none, openai_es, snes, sep_cma_es, cma_es)");
        assertThatThrownBy(() -> preset("es-digits", "strategy.sigmma=0.1"))
                .hasMessage("invalid option 'strategy.sigmma': unknown option; did you mean 'strategy.sigma'?");
        assertThatThrownBy(() -> preset("cma-rosenbrock", "landscape.dimension=1"))
                .hasMessage("invalid option 'landscape.dimension': rosenbrock needs at least 2 dimensions, got 1");
    }

    @Test
    void quadraticPresetUsesLangevinAgents() {
        RunConfig run = preset("quadratic");
        assertThat(run.population().task()).isInstanceOf(QuadraticTaskSpec.class);
        assertThat(run.population().space().rule()).isEqualTo(UpdateRule.SGLD);
        assertThat(run.checkpointDir()).isEqualTo(dir.resolve("checkpoints"));
    }

    @Test
    void fileOverridesPresetAndAssignmentsOverrideFile() throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, "population: 24\nhyperparam_mutations:\n  lr: {min: 0.01, max: 0.2, scale: log}\n");
        ObjectNode tree = ConfigLoader.merge(ConfigLoader.preset("digits"), ConfigLoader.file(file));
        tree = ConfigLoader.set(tree, "hyperparam_mutations.lr.max=0.3");
        tree = ConfigLoader.set(tree, "checkpoint_interval=500ms");
        tree = ConfigLoader.set(tree, "output=" + dir);
        PopulationConfig c = ConfigLoader.parse(tree).population();
        assertThat(c.population()).isEqualTo(24);
        assertThat(((Domain.Interval) c.space().domain(0)).max()).isEqualTo(0.3);
        assertThat(((Domain.Interval) c.space().domain(0)).min()).isEqualTo(0.01);
        assertThat(c.checkpointIntervalMs()).isEqualTo(500);
        assertThat(c.space().names()).containsExactly("lr", "weight_decay", "batch_size");
    }

    /** A mistyped key of a config file is named with the option it was probably meant to be. */
    @Test
    void aMistypedKeyOfAFileGetsASuggestion() throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, "generatoins: 5\nfitness:\n  estimator: window\n  windwo: 0.5\n");
        assertThatThrownBy(() ->
                        ConfigLoader.parse(ConfigLoader.merge(ConfigLoader.preset("digits"), ConfigLoader.file(file))
                                .put("output", dir.toString())))
                .hasMessage("invalid option 'fitness.windwo': unknown option; did you mean 'fitness.window'?");
        Files.writeString(file, "generatoins: 5\n");
        assertThatThrownBy(() ->
                        ConfigLoader.parse(ConfigLoader.merge(ConfigLoader.preset("digits"), ConfigLoader.file(file))
                                .put("output", dir.toString())))
                .hasMessage("invalid option 'generatoins': unknown option; did you mean 'generations'?");
    }

    /** Each invalid value is rejected with one line that names the option. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "population=1|invalid option 'population': must be >= 2 (selection needs someone to copy), got 1",
                "quantile_fraction=0.7|invalid option 'quantile_fraction': must be in (0, 0.5], got 0.7",
                "resample_probability=1.5|invalid option 'resample_probability': must be in [0, 1], got 1.5",
                "perturbation_factors=[1.2, -0.8]|invalid option 'perturbation_factors': factors must be finite and > 0, got [1.2, -0.8]",
                "perturbation_interval=0|invalid option 'perturbation_interval': must be >= 1 fast step, got 0",
                "generations=-3|invalid option 'generations': must be >= 0 (0 runs until cancelled), got -3",
                "parallelism=0|invalid option 'parallelism': must be >= 1, got 0",
                "checkpoint_interval=soon|invalid option 'checkpoint_interval': must be a duration like 500ms, 5s or 2m, got \"soon\"",
                "seed=forty-two|invalid option 'seed': must be a whole number, got \"forty-two\"",
                "task=mnist|invalid option 'task': unknown task 'mnist' (known: digits, table, stream, quadratic, landscape, pbt-toy, cartpole, mountain-car, custom-objective, custom-env, custom-trainable)",
                "optimizer=adagrad|invalid option 'optimizer': unknown value 'adagrad' (known: sgd, sgld, adam, adamw)",
                "hyperparam_mutations.lr.max=-1|invalid option 'hyperparam_mutations.lr': need finite min <= max, got [0.001, -1.0]",
                "hyperparameters.momentum=1.5|invalid option 'hyperparameters.momentum': must be in [0, 1), got 1.5",
                "hyperparam_mutations.momentum={min: 0, max: 0.9}|invalid option 'hyperparameters.momentum': is also in hyperparam_mutations; give it in one place",
                "hyperparam_mutations.weight_decay.min=-1|invalid option 'hyperparam_mutations.weight_decay': a log scale needs min > 0, got -1.0",
                "hyperparam_mutations.batch_size=[16, 0]|invalid option 'hyperparam_mutations.batch_size': must be a whole number >= 1, but the domain holds 0.0",
                "hyperparam_mutations.temperature={min: 0.1, max: 1}|invalid option 'hyperparam_mutations.temperature': optimizer sgd does not use temperature",
                "hyperparam_mutations.dropout={min: 0, max: 0.5}|invalid option 'hyperparam_mutations.dropout': unknown hyperparameter (known: lr, momentum, weight_decay, temperature, batch_size)",
                "hyperparam_mutations.lr.scale=cubic|invalid option 'hyperparam_mutations.lr.scale': unknown value 'cubic' (known: linear, log)",
                "hyperparam_mutations.lr.step=2|invalid option 'hyperparam_mutations.lr.step': unknown option",
                "model.hidden=[64, 0]|invalid option 'model.hidden': layer sizes must be > 0, got [64, 0]",
                "data.split=[0.9, 0.2]|invalid option 'data.split': train and validation fractions must be > 0 and leave a test part, got 0.9 and 0.2",
                "population_size=8|invalid option 'population_size': unknown option; did you mean 'population'?",
                "generatoins=5|invalid option 'generatoins': unknown option; did you mean 'generations'?",
                "mutation.kernal=pbt|invalid option 'mutation.kernal': unknown option; did you mean 'mutation.kernel'?",
                "hyperparam_mutations.lr.mx=0.3|invalid option 'hyperparam_mutations.lr.mx': unknown option; did you mean 'hyperparam_mutations.lr.max'?",
                "selection.strenght=2|invalid option 'selection.strenght': unknown option; did you mean 'selection.strength'?",
                "sed=3|invalid option 'sed': unknown option; did you mean 'seed'?",
                "xyzzy=3|invalid option 'xyzzy': unknown option",
                "quadratic.dimension=3|invalid option 'quadratic.dimension': does not apply to task digits (only to quadratic)",
            })
    void invalidOptionsAreNamed(String assignment, String message) {
        assertThatThrownBy(() -> preset("digits", assignment))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "feedback=kafka|invalid option 'feedback': kafka needs the kafka options (kafka.bootstrap_servers)",
                "feedback=carrier-pigeon|invalid option 'feedback': unknown value 'carrier-pigeon' (known: in_jvm, kafka)",
                "task=stream|invalid option 'stream.features': must be set: the number of features per record",
                "kafka.metrics=true|invalid option 'kafka.bootstrap_servers': must name the brokers, e.g. 127.0.0.1:9092",
                "kafka.bootstrap_servers=b:9092,kafka.transaction_timeout=60m|invalid option 'kafka.transaction_timeout': must exceed checkpoint_interval and not exceed the broker's default transaction.max.timeout.ms (15m), got 3600000 ms",
                "kafka.bootstrap_servers=b:9092,kafka.transaction_timeout=2s|invalid option 'kafka.transaction_timeout': must exceed checkpoint_interval and not exceed the broker's default transaction.max.timeout.ms (15m), got 2000 ms",
                "kafka.bootstrap_servers=b:9092,kafka.topics.reports=a b|invalid option 'kafka.topics.reports': is not a legal Kafka topic name, got 'a b'",
                "kafka.bootstrap_servers=b:9092,kafka.topics.metrics=m|invalid option 'kafka.topics.metrics': unknown option",
                "kafka.bootstrap_servers=b:9092,kafka.properties_file=/nonexistent/k.properties|invalid option 'kafka.properties_file': cannot read /nonexistent/k.properties: No such file or directory",
                "kafka.bootstrap_servers=b:9092,kafka.properties=sasl.jaas.config=hunter2|invalid option 'kafka.properties': must be a mapping of names to values, got a string",
                "run_id=my run|invalid option 'run_id': must be 1 to 100 letters, digits, '.', '_' or '-', got 'my run'",
            })
    void invalidKafkaOptionsAreNamed(String assignments, String message) {
        assertThatThrownBy(() -> preset("digits", assignments.split(",(?=[a-z_.]+=)")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(message);
    }

    /** The seed authors' mutation: σ given as strength, in the normalized space, clipped; strength and diffusion exclude each other. */
    @Test
    void gaussianMutationInTheNormalizedSpace() {
        PopulationConfig c = preset(
                        "digits", "mutation={kernel: gaussian, space: normalized, strength: 0.1, boundary: clip}")
                .population();
        assertThat(c.mutation().space()).isEqualTo(GaussianMutation.Space.NORMALIZED);
        assertThat(c.mutation().boundary()).isEqualTo(GaussianMutation.Boundary.CLIP);
        assertThat(new GaussianMutation(
                                c.space(),
                                c.mutation().diffusion(),
                                c.mutation().dt())
                        .stepDeviation())
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
        assertThatThrownBy(() -> preset("digits", "mutation={kernel: gaussian, strength: 0.1, diffusion: 0.2}"))
                .hasMessage(
                        "invalid option 'mutation.strength': sets σ = sqrt(2 D Δt) itself: give strength or diffusion, not both");
        assertThatThrownBy(() -> preset("digits", "mutation={kernel: gaussian, strength: 0.1, dt: 0}"))
                .hasMessage("invalid option 'mutation.dt': must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> preset("digits", "mutation={kernel: gaussian, boundary: wrap}"))
                .hasMessage("invalid option 'mutation.boundary': unknown value 'wrap' (known: reflect, clip)");
    }

    @Test
    void aWatchedFolderMustExistAndItsOptionsNeedIt() throws Exception {
        ObjectNode digits = ConfigLoader.set(ConfigLoader.preset("digits"), "output=" + dir, "generations=0");
        digits.remove("data");
        ObjectNode stream = ConfigLoader.set(digits, "task=stream", "stream.features=64", "stream.classes=10");
        Path missing = dir.resolve("incoming");
        assertThatThrownBy(() -> ConfigLoader.parse(ConfigLoader.set(stream, "stream.folder=" + missing)))
                .hasMessage("invalid option 'stream.folder': folder " + missing + " does not exist");
        Path file = Files.writeString(dir.resolve("a.csv"), "1,0\n");
        assertThatThrownBy(() -> ConfigLoader.parse(ConfigLoader.set(stream, "stream.folder=" + file)))
                .hasMessage("invalid option 'stream.folder': " + file + " is not a folder");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        ConfigLoader.set(stream, "kafka.bootstrap_servers=b:9092", "stream.header=true")))
                .hasMessage("invalid option 'stream.header': needs stream.folder (it applies to a watched folder)");
        Files.createDirectories(missing);
        RunConfig run =
                ConfigLoader.parse(ConfigLoader.set(stream, "stream.folder=" + missing, "stream.watch_interval=250ms"));
        assertThat(run.kafka()).isNull();
        assertThat(run.folder().folder()).isEqualTo(missing);
        assertThat(run.folder().interval()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(run.folder().deadLetters()).isEqualTo(dir.resolve("dead-letters.jsonl"));
    }

    @Test
    void streamTaskNeedsKafka() {
        ObjectNode digits = ConfigLoader.set(ConfigLoader.preset("digits"), "output=" + dir);
        digits.remove("data");
        ObjectNode stream = ConfigLoader.set(digits, "task=stream", "stream.features=64", "stream.classes=10");
        assertThatThrownBy(() -> ConfigLoader.parse(stream))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("invalid option 'task': stream reads its examples from Kafka or a folder: set "
                        + "kafka.bootstrap_servers or stream.folder");
        ObjectNode withKafka = ConfigLoader.set(stream, "kafka.bootstrap_servers=b:9092");
        assertThatThrownBy(() -> ConfigLoader.parse(withKafka))
                .hasMessage(
                        "invalid option 'generations': task stream trains until stopped, as its data never ends: set 0, got 20");
        RunConfig run = ConfigLoader.parse(ConfigLoader.set(withKafka, "generations=0"));
        assertThat(run.kafka().examples().format().features()).isEqualTo(64);
        assertThat(run.kafka().examples().validationFraction()).isEqualTo(0.2);
        assertThat(run.kafka().examples().fromLatest()).isFalse();
    }

    @Test
    void kafkaSettingsPassThroughWithSecretsFromAFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(
                file, "security.protocol=SASL_SSL\nsasl.jaas.config=secret-from-file\nsasl.mechanism=PLAIN\n");
        RunConfig run = preset(
                "digits",
                "run_id=r1",
                "feedback=kafka",
                "kafka.bootstrap_servers=b1:9092,b2:9092",
                "kafka.properties_file=" + file,
                "kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                "kafka.topics.reports=team.reports",
                "kafka.transaction_timeout=10m");
        assertThat(run.runId()).isEqualTo("r1");
        assertThat(run.feedback()).isEqualTo(RunConfig.Feedback.KAFKA);
        var k = run.kafka();
        assertThat(k.connection().bootstrapServers()).isEqualTo("b1:9092,b2:9092");
        // inline properties win over the file's
        assertThat(k.connection().properties())
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "secret-from-file")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(k.connection().toString()).doesNotContain("secret-from-file");
        assertThat(k.topics().reports()).isEqualTo("team.reports");
        assertThat(k.topics().generations()).isEqualTo("popflow.generations");
        assertThat(k.topics().deadLetter()).isEqualTo("popflow.dead-letter");
        assertThat(k.transactionTimeout()).hasMinutes(10);
        assertThat(k.metrics()).isTrue();
        assertThat(k.examples()).isNull();
    }

    @Test
    void defaultsNeedNoKafka() {
        RunConfig run = preset("digits");
        assertThat(run.kafka()).isNull();
        assertThat(run.feedback()).isEqualTo(RunConfig.Feedback.IN_JVM);
        assertThat(run.runId()).isEqualTo("popflow-digits-42");
    }

    @Test
    void taskSectionsBelongToTheirTask() {
        assertThatThrownBy(() -> preset("quadratic", "model.hidden=[32]"))
                .hasMessage(
                        "invalid option 'model.hidden': does not apply to task quadratic (only to digits, table, stream)");
    }

    @Test
    void unknownPresetAndBrokenYamlAreNamed() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.preset("cifar"))
                .hasMessage(
                        "invalid option 'preset': unknown preset 'cifar' (known: cartpole-pbt, cma-rosenbrock, diabetes, digits, es-cartpole, es-digits, quadratic, reduced-sphere)");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "population: [1, 2\n");
        assertThatThrownBy(() -> ConfigLoader.file(bad))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("invalid option 'config': " + bad + " is not valid YAML");
    }

    /** docs/configuration.md names the landscape's hyperparameters x0, x1, ...: its default is two of them. */
    @Test
    void landscapeDefaultsToTwoDimensions() {
        RunConfig run = ConfigLoader.parse(ConfigLoader.set(
                JsonNodeFactory.instance.objectNode(),
                "task=landscape",
                "output=" + dir,
                "optimizer=sgld",
                "hyperparameters={lr: 0.1, temperature: 0.001}",
                "hyperparam_mutations={x0: {min: -2, max: 2}, x1: {min: -2, max: 2}}"));
        assertThat(((io.popflow.task.LandscapeTaskSpec) run.population().task()).dimension())
                .isEqualTo(2);
    }

    /** YAML 1.2 and JSON read 1e-3 as a number; YAML 1.1's resolver alone would make it text. */
    @Test
    void exponentsWithoutADotAreNumbers() {
        RunConfig run = preset("quadratic", "hyperparameters.lr=1e-3");
        assertThat(run.population()
                        .space()
                        .resolve(new double[] {0.1, 0.001})
                        .fast()
                        .learningRate())
                .isEqualTo(1e-3);
    }

    @Test
    void stateBackendAndRestartAttempts() {
        assertThat(preset("quadratic").stateBackend()).isEqualTo(RunConfig.StateBackend.HASHMAP);
        assertThat(preset("quadratic").restartAttempts()).isEqualTo(3);
        assertThat(preset("quadratic", "state_backend=rocksdb", "restart_attempts=0")
                        .stateBackend())
                .isEqualTo(RunConfig.StateBackend.ROCKSDB);
        assertThatThrownBy(() -> preset("quadratic", "state_backend=forst"))
                .hasMessage("invalid option 'state_backend': unknown value 'forst' (known: hashmap, rocksdb)");
        assertThatThrownBy(() -> preset("quadratic", "restart_attempts=-1"))
                .hasMessage("invalid option 'restart_attempts': must be in [0, 1000], got -1");
    }

    /** The config.yaml a run writes is a valid --config for the same run. */
    @Test
    void writtenConfigurationReadsBackAsTheSameTree() {
        ObjectNode tree = ConfigLoader.set(
                ConfigLoader.preset("digits"),
                "output=" + dir,
                "checkpoint_interval=500ms",
                "hyperparam_mutations.lr.max=0.3",
                "selection={rule: boltzmann, strength: 2.0}");
        Path file = dir.resolve("config.yaml");
        ConfigLoader.writeYaml(tree, file);
        ObjectNode back = ConfigLoader.file(file);
        assertThat(back).isEqualTo(tree);
        assertThat(ConfigLoader.parse(back).population().toString())
                .isEqualTo(ConfigLoader.parse(tree).population().toString());
    }

    /** The seed authors' experiment, option by option (reference/cartpole.md). */
    @Test
    void cartpolePresetIsTheSeedAuthorsExperiment() {
        PopulationConfig c = preset("cartpole-pbt").population();
        ControlTaskSpec task = (ControlTaskSpec) c.task();
        assertThat(c.population()).isEqualTo(500);
        assertThat(c.generations()).isEqualTo(10);
        assertThat(c.perturbationInterval()).isEqualTo(500);
        assertThat(task.dqn().environment()).isEqualTo(new ClassicControl("cartpole", 100));
        assertThat(task.dqn().hidden()).containsExactly(64, 64);
        assertThat(task.dqn().gamma()).isEqualTo(0.99);
        assertThat(task.dqn().targetUpdate()).isEqualTo(100);
        assertThat(task.dqn().replayCapacity()).isEqualTo(5_000);
        assertThat(task.dqn().loss()).isEqualTo(TdLoss.MSE);
        assertThat(task.dqn().epsilonMin()).isEqualTo(0.01);
        assertThat(task.dqn().maxBatch()).isEqualTo(128);
        assertThat(task.episodes()).isEqualTo(1);
        assertThat(task.maxRule()).isTrue();
        assertThat(c.space().rule()).isEqualTo(UpdateRule.ADAM);
        assertThat(c.exploit()).isEqualTo(new CopyPolicy(CopyPolicy.Optimizer.RESET, CopyPolicy.Replay.CLEAR));
        assertThat(c.space().names()).containsExactly("lr", "epsilon_decay", "batch_size");
        assertThat(c.selection().quantileFraction()).isEqualTo(0.2);
        assertThat(c.mutation().space()).isEqualTo(GaussianMutation.Space.NORMALIZED);
        assertThat(c.mutation().boundary()).isEqualTo(GaussianMutation.Boundary.CLIP);
        // generation 0 draws batch_size from {32, 64, 128} only, later generations move over [32, 128]
        java.util.Set<Double> batches = new java.util.TreeSet<>();
        io.popflow.math.SplitMix64 rng = new io.popflow.math.SplitMix64(3);
        for (int i = 0; i < 300; i++) {
            batches.add(c.space().sample(rng)[2]);
        }
        assertThat(batches).containsExactly(32.0, 64.0, 128.0);
        assertThat(c.space().contains(new double[] {1e-3, 1000, 77})).isTrue();
    }

    @Test
    void controlTaskOptionsAreChecked() {
        assertThatThrownBy(() -> preset("cartpole-pbt", "optimizer=sgd"))
                .hasMessage("invalid option 'optimizer': a DQN agent learns with adam or adamw, got sgd");
        assertThatThrownBy(() -> preset("cartpole-pbt", "dqn.replay_capacity=100"))
                .hasMessage(
                        "invalid option 'dqn.replay_capacity': must hold at least the largest batch_size (128), got 100");
        assertThatThrownBy(() -> preset("cartpole-pbt", "dqn.gama=0.9"))
                .hasMessageStartingWith("invalid option 'dqn.gama'");
        assertThatThrownBy(() -> preset("cartpole-pbt", "hyperparam_mutations.batch_size.initial=[16, 64]"))
                .hasMessage("invalid option 'hyperparam_mutations.batch_size.initial': holds 16.0, outside the domain");
        assertThatThrownBy(() -> preset("digits", "exploit.replay=keep"))
                .hasMessage("invalid option 'exploit.replay': "
                        + "does not apply to task digits (only to cartpole, mountain-car, custom-env)");
        assertThat(preset("cartpole-pbt", "optimizer=adamw").population().task())
                .satisfies(t -> assertThat(((ControlTaskSpec) t).dqn().decoupledWeightDecay())
                        .isTrue());
        assertThat(preset("cartpole-pbt", "task=mountain-car")
                        .population()
                        .task()
                        .name())
                .isEqualTo("mountain-car");
    }

    /**
     * Adam for a gradient task (a null unsets the preset's momentum, which Adam does not read): its
     * optimizer memory starts afresh on a copy unless told to come along.
     */
    @Test
    void adamForDigits() {
        PopulationConfig c = preset("digits", "optimizer=adam", "hyperparameters.momentum=null")
                .population();
        assertThat(c.space().rule()).isEqualTo(UpdateRule.ADAM);
        assertThat(c.exploit().optimizer()).isEqualTo(CopyPolicy.Optimizer.RESET);
        assertThat(preset("digits", "optimizer=adam", "hyperparameters.momentum=null", "exploit.optimizer=copy")
                        .population()
                        .exploit()
                        .optimizer())
                .isEqualTo(CopyPolicy.Optimizer.COPY);
        assertThat(preset("digits").population().exploit().optimizer()).isEqualTo(CopyPolicy.Optimizer.COPY);
        assertThatThrownBy(() -> preset("digits", "optimizer=adam"))
                .hasMessage("invalid option 'hyperparameters.momentum': optimizer adam does not use momentum");
    }

    /** max_parallelism's bounds are the option's (one place); the run adds only that it must fit its parallelism. */
    @Test
    void maxParallelismIsCheckedOnce() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                        ConfigLoader.set(ConfigLoader.preset("digits"), "output=x", "max_parallelism=40000")))
                .hasMessageContaining("invalid option 'max_parallelism'")
                .hasMessageContaining("32768");
        assertThatThrownBy(() -> ConfigLoader.parse(ConfigLoader.set(
                        ConfigLoader.preset("digits"), "output=x", "parallelism=4", "max_parallelism=2")))
                .hasMessage("invalid option 'max_parallelism': must be at least " + "the parallelism (4), got 2");
    }
}
