package io.popflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.Learner;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.JobAssembly;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.JobParameters;
import io.popflow.jobs.config.PathOptions;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.config.TableInference;
import io.popflow.jobs.model.ChampionFiles;
import io.popflow.jobs.run.FlinkSettings;
import io.popflow.jobs.run.GracefulStop;
import io.popflow.jobs.run.LocalLimits;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.run.RunBanner;
import io.popflow.jobs.run.RunEnd;
import io.popflow.jobs.run.RunFolder;
import io.popflow.jobs.run.RunSnapshots;
import io.popflow.jobs.run.SavepointAgents;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code popflow train}: validates the configuration, runs the population job (on a local
 * MiniCluster when started with {@code java}, on the cluster when submitted with {@code flink run}),
 * then writes {@code summary.json}. A local run stops with a savepoint on Ctrl-C and resumes from it
 * with {@code --resume}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        // one element per paragraph, which picocli wraps to the terminal; example lines fit in 80 columns
        description = {
            "Train a population. Options override the preset, which the config file overrides.",
            "",
            "Tasks: digits (MLP on the UCI handwritten digits, shipped), table (your CSV or TSV file: table.file, "
                    + "table.label, table.target), quadratic (Langevin agents with a closed-form effective fitness), "
                    + "landscape, pbt-toy, stream (examples from Kafka or a watched folder), cartpole and mountain-car "
                    + "(DQN agents). Presets: see --preset below.",
            "",
            "Options: --set KEY=VALUE, or in --config FILE. Every option, with its default and values, declared once "
                    + "in the code: popflow options. Tasks and the output files: docs/configuration.md.",
            "",
            "Ctrl-C stops a local run with a savepoint and prints the command that resumes it.",
            "",
            "Examples:",
            "  popflow train --preset digits --output runs/digits",
            "  # the seed authors' DQN experiment",
            "  popflow train --preset cartpole-pbt --output runs/cartpole",
            "  # your own CSV: what its label is, is read off the file",
            "  popflow train --data patients.csv --label diagnosis --output runs/mine",
            "  # until Ctrl-C, then on to generation 20,000",
            "  popflow train --preset quadratic --generations 0 --output runs/q",
            "  popflow train --resume runs/q --generations 20000",
            ""
        })
final class TrainCommand implements Callable<Integer> {
    /** What --data starts from: the table preset, its file, label and target replaced. */
    private static final String TABLE_PRESET = "diabetes";

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description = "Start from a preset: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Presets.class)
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Learn from your own CSV or TSV file (task table, "
                    + "no preset needed): the label column is --label, or the last one.")
    Path data;

    @Option(
            names = "--label",
            paramLabel = "COLUMN",
            description = "With --data: the label column, by name or by " + "number from 1.")
    String label;

    @Option(
            names = "--target",
            paramLabel = "classification|regression",
            description = "With --data: what the label "
                    + "is (default: a text label, or at most 20 distinct whole numbers, is a classification; other numbers a "
                    + "regression).")
    String target;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder of a new run; must be empty or new.")
    String output;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description =
                    "Continue the run in RUN_DIR (its config.yaml) from its newest savepoint or retained checkpoint.")
    Path resume;

    @Option(
            names = "--resume-if-present",
            description = "With --output: if that folder already holds a run of this configuration, resume it (as "
                    + "--resume would) instead of refusing. For a supervisor that runs the same command again after a "
                    + "restart: Kubernetes, systemd.")
    boolean resumeIfPresent;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description = "With --resume: continue from this savepoint or checkpoint instead of the newest.")
    Path fromSavepoint;

    @Option(names = "--seed", paramLabel = "N", description = "The run's seed.")
    Long seed;

    @Option(names = "--population", paramLabel = "N", description = "Number of agents.")
    Integer population;

    @Option(names = "--generations", paramLabel = "N", description = "Number of generations; 0 runs until stopped.")
    Integer generations;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel agent subtasks.")
    Integer parallelism;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            description = "Time between checkpoints, e.g. 5s.")
    String checkpointInterval;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Any option by its dotted path, e.g. --set hyperparam_mutations.lr.max=0.3")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--quiet", description = "No progress line per generation.")
    boolean quiet;

    @Option(
            names = "--report",
            description = "At the end, also draw the run's charts and its HTML page, as popflow report does.")
    boolean report;

    @Override
    public Integer call() throws Exception {
        LoadedRun loaded = load();
        RunConfig run = loaded.run();
        PopulationConfig population = run.population();
        RunFolder folder = new RunFolder(run.output());
        if (resume != null && folder.endedWithoutSummary(run.checkpointDir())) {
            // the job ended and wrote its final records, the command was ended before the summary: write it now
            System.out.println(
                    "popflow: the run in " + folder.path() + " ended before its summary was written; " + "writing it");
            return RunEnd.write(folder, run, null, 0, folder.wallTimeFromFiles());
        }
        Path snapshot = resume == null ? null : snapshotToResume(folder, run);
        if (resume != null && population.isBounded()) {
            int summarised = folder.lastGenerationSummary()
                    .map(g -> g.get("generation").asInt() + 1)
                    .orElse(0);
            // a bound the population has passed would never be met: the run would go on forever; a bound it has
            // just met (a stop after the last summary, before the job's end) ends the run with its final records
            InvalidOptionException.require(
                    population.generations() >= summarised,
                    "generations",
                    "the run in "
                            + folder.path() + " has already summarised " + Plural.of(summarised, "generation")
                            + "; give "
                            + summarised + " or more, or 0 to run until stopped, got " + population.generations());
        }

        StreamExecutionEnvironment probe = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean local = probe instanceof LocalStreamEnvironment;
        if (local) {
            LocalLimits limits = LocalLimits.ofThisJvm();
            limits.checkParallelism(population.parallelism());
            limits.checkPopulation(population, Learner.of(population).dimension());
        } else if (probe.getParallelism() != population.parallelism()) {
            // `flink run -p` (or the cluster's parallelism.default) would otherwise be overridden silently
            System.out.println("popflow: parallelism " + population.parallelism() + " (popflow's `parallelism`, "
                    + "--parallelism), not the cluster's " + probe.getParallelism()
                    + " (flink run -p, parallelism.default)");
        }
        if (resume == null) {
            folder.prepareFresh(run.checkpointDir());
        }
        // from here on a Ctrl-C never leaves a half-made run: see GracefulStop
        try (GracefulStop stop = local ? GracefulStop.install(folder.savepoints(), System.out) : null) {
            return run(loaded, folder, snapshot, local, stop);
        }
    }

    private Integer run(LoadedRun loaded, RunFolder folder, Path snapshot, boolean local, GracefulStop stop)
            throws Exception {
        RunConfig run = loaded.run();
        PopulationConfig population = run.population();
        // the snapshot's own count: the records past it (a kill after a checkpoint) would overstate it; on a
        // cluster the snapshot is read there, so the records stand in
        long stepsBefore = resume == null ? 0 : local ? SavepointAgents.stepsTaken(snapshot) : folder.agentStepsSoFar();
        System.out.println(RunBanner.describe(population));
        System.out.println("popflow: output " + run.output().toAbsolutePath() + " (effective configuration in "
                + RunFolder.CONFIG_FILE + ")");
        if (run.kafka() != null) {
            System.out.printf(
                    "popflow: run %s, %s, feedback %s%n",
                    run.runId(), run.kafka().connection(), run.feedback().name().toLowerCase(Locale.ROOT));
            try {
                JobAssembly.prepareTopics(run);
            } catch (IllegalStateException e) {
                throw new InvalidOptionException("kafka", e.getMessage());
            }
        }
        if (resume != null) {
            folder.clearEndOfRunFiles();
        }
        // written once the run is sure to start, so a refusal before leaves the folder as it was
        ConfigLoader.writeYaml(loaded.tree(), folder.config());

        Configuration flink = FlinkSettings.of(run, folder, snapshot, local);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(population.parallelism());
        env.getConfig().setGlobalJobParameters(JobParameters.of(loaded.tree()));
        JobSinks sinks = JobSinks.files(
                run.output(),
                population.space(),
                population.generations(),
                !quiet,
                population.isEvolutionStrategy() ? population.population() : 0);
        if (population.champion() != null) {
            sinks = sinks.withChampions(new ChampionFiles(run.output(), population, run.runId()));
        }

        long start = System.nanoTime();
        Path stoppedAt;
        try {
            if (local) {
                if (stop.requested()) {
                    System.out.println("popflow: stopped before the job started; "
                            + (resume == null
                                    ? "nothing ran: the same command starts the run again"
                                    : "the run is as it was"));
                    return GracefulStop.ABORTED;
                }
                System.out.println("popflow: starting Flink (embedded MiniCluster) ...");
                stop.attach(JobAssembly.job(run, sinks).executeAsync(env));
                stoppedAt = stop.await().savepoint();
            } else {
                JobAssembly.job(run, sinks).execute(env);
                stoppedAt = null;
            }
        } catch (Exception e) {
            return RunEnd.failed(e, folder, run);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (stoppedAt == null && !folder.hasFinalAgents()) {
            // ended without its last generation: on a cluster, stopped by `flink stop` into the run's savepoints
            stoppedAt = local ? null : folder.latestSavepoint().orElse(null);
            if (stoppedAt == null) {
                System.out.println("popflow: the job ended without its last generation and without a savepoint; "
                        + RunEnd.whereToGoOn(folder, run));
                return RunEnd.FAILED;
            }
        }
        int code = RunEnd.write(folder, run, stoppedAt, stepsBefore, wall);
        if (report) {
            System.out.println("report: "
                    + io.popflow.jobs.report.RunReport.write(folder.path()).toAbsolutePath());
        }
        return code;
    }

    /** The run's configuration and the effective option tree it was parsed from. */
    record LoadedRun(ObjectNode tree, RunConfig run) {
        LoadedRun withParsedTree() {
            return new LoadedRun(tree, ConfigLoader.parse(tree));
        }
    }

    /** The validated run: preset, then file, then options; or, resuming, the run's own configuration. */
    LoadedRun load() {
        InvalidOptionException.require(
                resume == null || !resumeIfPresent,
                "resume-if-present",
                "goes with --output (start the run there, or resume it if the folder holds it), not with --resume");
        if (resumeIfPresent) {
            InvalidOptionException.require(
                    output != null, "resume-if-present", "needs --output: the folder to resume " + "if it holds a run");
            LoadedRun fresh = new LoadedRun(load(true), null).withParsedTree();
            RunFolder folder = new RunFolder(Path.of(output));
            // a run stopped before its first checkpoint has nothing to resume: it starts again there
            return Files.exists(folder.config()) && !neverStarted(folder, fresh.run())
                    ? resumeInsteadOfStarting()
                    : fresh;
        }
        return new LoadedRun(load(true), null).withParsedTree();
    }

    private static boolean neverStarted(RunFolder folder, RunConfig run) {
        try {
            return folder.neverStarted(run.checkpointDir());
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot read folder " + folder.path() + ": " + e.getMessage());
        }
    }

    /** The option tree this command describes; {@code checkResume}: refuse what a resume may not change. */
    private ObjectNode load(boolean checkResume) {
        ObjectNode tree;
        if (resume != null) {
            refuseWithResume("--preset", preset != null);
            refuseWithResume("--config", config != null);
            refuseWithResume("--output", output != null);
            refuseWithResume("--seed", seed != null);
            refuseWithResume("--population", population != null);
            refuseWithResume("--data", data != null);
            RunFolder folder = new RunFolder(resume);
            folder.checkResumable();
            tree = ConfigLoader.file(folder.config());
            tree = override(tree, "output", quote(resume.toString()));
        } else {
            InvalidOptionException.require(
                    fromSavepoint == null,
                    "from-savepoint",
                    "needs --resume RUN_DIR: the run folder whose outputs the savepoint continues");
            InvalidOptionException.require(
                    data == null || preset == null,
                    "data",
                    "stands for a preset of its own " + "(a table task): give --data or --preset, not both");
            InvalidOptionException.require(
                    data != null || (label == null && target == null),
                    label != null ? "label" : "target",
                    "goes with --data FILE");
            if (preset == null && config == null && data == null) {
                throw new InvalidOptionException("preset", "give --preset, --config or --data (or --resume RUN_DIR)");
            }
            tree = preset != null
                    ? ConfigLoader.preset(preset)
                    : data != null ? ConfigLoader.preset(TABLE_PRESET) : JsonNodeFactory.instance.objectNode();
            if (data != null) {
                // the preset's table is replaced by the user's: its label and target are not theirs
                ((ObjectNode) tree.get("table")).removeAll();
                tree = override(tree, "table.file", quote(data.toString()));
                tree = override(tree, "table.label", label == null ? null : quote(label));
            }
            if (config != null) {
                tree = ConfigLoader.merge(tree, ConfigLoader.file(config));
            }
            tree = override(tree, "output", output == null ? null : quote(output));
            tree = override(tree, "seed", seed);
            tree = override(tree, "population", population);
        }
        ObjectNode before = tree;
        tree = override(tree, "generations", generations);
        tree = override(tree, "parallelism", parallelism);
        tree = override(tree, "checkpoint_interval", checkpointInterval == null ? null : quote(checkpointInterval));
        tree = PathOptions.absolute(ConfigLoader.set(tree, assignments.toArray(String[]::new)));
        if (data != null && !tree.path("table").has("target")) {
            tree = inferTarget(tree);
        }
        if (resume != null && checkResume) {
            refuseChangesToTheRun(PathOptions.absolute(before), tree);
        }
        return tree;
    }

    /**
     * --data without --target (or table.target): what the label is, read off the file and said in one
     * line, with fitness the validation accuracy for a classification.
     */
    private ObjectNode inferTarget(ObjectNode tree) {
        String chosen = target;
        if (chosen == null) {
            TableInference inferred = ConfigLoader.inferTable(tree);
            System.out.println("popflow: " + inferred.line() + " (" + inferred.reason() + "; --target says otherwise)");
            chosen = inferred.target().name().toLowerCase(Locale.ROOT);
        }
        // a value that is neither is refused by table.target's own check, as in a configuration file
        ObjectNode with = override(tree, "table.target", quote(chosen));
        if (chosen.equals("classification") && !tree.path("table").has("fitness")) {
            with = override(with, "table.fitness", "accuracy");
        }
        return with;
    }

    /**
     * --resume OUTPUT, after checking that the configuration this command describes is the run's in
     * that folder (up to what a resume may change), so a restarted supervisor cannot continue a
     * different run under a new name.
     */
    private LoadedRun resumeInsteadOfStarting() {
        ObjectNode given = load(false);
        resumeIfPresent = false;
        resume = Path.of(output);
        preset = null;
        config = null;
        output = null;
        seed = null;
        population = null;
        data = null;
        label = null;
        target = null;
        LoadedRun resumed = load();
        refuseChangesToTheRun(resumed.tree(), given);
        return resumed;
    }

    /** Options a resumed run may change: how it runs, not what it is (its state's layout and its dynamics). */
    static final Set<String> CHANGEABLE_ON_RESUME = Set.of(
            "generations",
            "parallelism",
            "checkpoint_interval",
            "checkpoint_dir",
            "chunk_steps",
            "restart_attempts",
            "state_backend",
            "kafka",
            "output");

    private static void refuseChangesToTheRun(ObjectNode before, ObjectNode after) {
        Set<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            InvalidOptionException.require(
                    CHANGEABLE_ON_RESUME.contains(key) || Objects.equals(before.get(key), after.get(key)),
                    "resume",
                    "continues the run as its "
                            + "config.yaml describes it; '" + key
                            + "' cannot change (it shapes the agents' state or dynamics); "
                            + "these can: " + String.join(", ", new TreeSet<>(CHANGEABLE_ON_RESUME)));
        }
    }

    private static void refuseWithResume(String flag, boolean given) {
        InvalidOptionException.require(
                !given,
                "resume",
                "continues the run as its config.yaml describes it; "
                        + flag + " cannot change it (--parallelism, --generations, --checkpoint-interval and --set of "
                        + String.join(", ", new TreeSet<>(CHANGEABLE_ON_RESUME)) + " can)");
    }

    /** The snapshot a resumed run starts from: the one given, else the run's newest, saying which and why. */
    private Path snapshotToResume(RunFolder folder, RunConfig run) throws IOException {
        if (fromSavepoint != null) {
            InvalidOptionException.require(
                    Files.isRegularFile(fromSavepoint.resolve("_metadata")),
                    "from-savepoint",
                    "cannot read " + fromSavepoint.resolve("_metadata") + ": "
                            + (Files.exists(fromSavepoint)
                                    ? "not a savepoint or checkpoint folder"
                                    : "No such file or directory"));
            return fromSavepoint.toAbsolutePath();
        }
        RunSnapshots snapshots = folder.snapshots(run.checkpointDir());
        if (snapshots.newest().isEmpty()) {
            String why;
            if (folder.finished()) {
                why = "the run finished, and a finished job keeps no state to go on from; to train longer, start a "
                        + "run with more --generations in another folder";
            } else if (folder.neverStarted(run.checkpointDir())) {
                why = "the run was stopped before its first checkpoint, so there is nothing to go on from; the command "
                        + "that started it starts it again in this folder";
            } else {
                why = "it holds no savepoint (in " + RunFolder.SAVEPOINTS + "/) and no retained checkpoint (in "
                        + run.checkpointDir() + ")";
            }
            throw new InvalidOptionException("resume", "cannot resume " + folder.path() + ": " + why);
        }
        System.out.println("popflow: resuming from "
                + RunSnapshots.shown(folder.path(), snapshots.newest().get().path()) + " ("
                + snapshots.whyNewest(folder.path()) + ")");
        return snapshots.newest().get().path().toAbsolutePath();
    }

    private static ObjectNode override(ObjectNode tree, String key, Object value) {
        return value == null ? tree : ConfigLoader.set(tree, key + "=" + value);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Names of the shipped presets, for help and completion. */
    static final class Presets extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Presets() {
            super(ConfigLoader.presetNames());
        }
    }
}
