package io.popflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.InvalidOptionException;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.KafkaJobParts;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code popflow train}: validates the configuration, runs the population job (on a local
 * MiniCluster when started with {@code java}, on the cluster when submitted with {@code flink run}),
 * then writes {@code summary.json}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a population. Options override the preset, which the config file overrides.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--preset", description = "Start from a preset: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Presets.class)
    String preset;

    @Option(names = "--config", description = "YAML configuration file.")
    Path config;

    @Option(names = "--output", description = "Output folder (JSON Lines files, summary.json, checkpoints).")
    String output;

    @Option(names = "--seed", description = "The run's seed.")
    Long seed;

    @Option(names = "--population", description = "Number of agents.")
    Integer population;

    @Option(names = "--generations", description = "Number of generations; 0 runs until cancelled.")
    Integer generations;

    @Option(names = "--parallelism", description = "Parallel agent subtasks.")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", description = "Time between checkpoints, e.g. 5s.")
    String checkpointInterval;

    @Option(names = "--set", description = "Any option by its dotted path, e.g. --set hyperparam_mutations.lr.max=0.3")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--quiet", description = "No progress line per generation.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        RunConfig run = load();
        PopulationConfig population = run.population();
        prepareOutput(run.output());
        System.out.printf("popflow: %s, seed %d, %d agents, %s generations, output %s%n", population.task(),
                population.seed(), population.population(),
                population.isBounded() ? String.valueOf(population.generations()) : "unbounded", run.output().toAbsolutePath());

        if (run.kafka() != null) {
            System.out.printf("popflow: run %s, %s, feedback %s%n", run.runId(), run.kafka().connection(),
                    run.feedback().name().toLowerCase(java.util.Locale.ROOT));
            try {
                KafkaJobParts.prepareTopics(run);
            } catch (IllegalStateException e) {
                throw new InvalidOptionException("kafka", e.getMessage());
            }
        }

        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, run.checkpointDir().toAbsolutePath().toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(population.parallelism());
        JobSinks sinks = JobSinks.files(run.output(), population.space(), population.generations(), !quiet);

        long start = System.nanoTime();
        KafkaJobParts.job(run, sinks).execute(env);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);

        if (population.isBounded()) {
            RunSummary summary = RunSummary.read(run.output(), population, wall);
            summary.write(run.output().resolve(RunSummary.FILE));
            System.out.println(summary.describe());
            System.out.println("summary: " + run.output().resolve(RunSummary.FILE).toAbsolutePath());
        }
        return 0;
    }

    /** The validated run: preset, then file, then options. */
    RunConfig load() {
        if (preset == null && config == null) {
            throw new InvalidOptionException("preset", "give --preset or --config");
        }
        ObjectNode tree = preset != null ? ConfigLoader.preset(preset) : JsonNodeFactory.instance.objectNode();
        if (config != null) {
            tree = ConfigLoader.merge(tree, ConfigLoader.file(config));
        }
        tree = override(tree, "output", output == null ? null : quote(output));
        tree = override(tree, "seed", seed);
        tree = override(tree, "population", population);
        tree = override(tree, "generations", generations);
        tree = override(tree, "parallelism", parallelism);
        tree = override(tree, "checkpoint_interval", checkpointInterval == null ? null : quote(checkpointInterval));
        return ConfigLoader.parse(ConfigLoader.set(tree, assignments.toArray(String[]::new)));
    }

    private static ObjectNode override(ObjectNode tree, String key, Object value) {
        return value == null ? tree : ConfigLoader.set(tree, key + "=" + value);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void prepareOutput(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot create folder " + folder + ": " + e.getMessage());
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidOptionException("output", "folder " + folder + " is not writable");
        }
    }

    /** Names of the shipped presets, for help and completion. */
    static final class Presets extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Presets() {
            super(List.of(ConfigLoader.PRESETS));
        }
    }
}
