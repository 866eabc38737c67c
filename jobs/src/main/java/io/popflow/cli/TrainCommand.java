package io.popflow.cli;

import io.popflow.agent.Learner;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.JobAssembly;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.JobParameters;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.ChampionFiles;
import io.popflow.jobs.report.RunReport;
import io.popflow.jobs.run.FlinkSettings;
import io.popflow.jobs.run.GracefulStop;
import io.popflow.jobs.run.LocalLimits;
import io.popflow.jobs.run.Plural;
import io.popflow.jobs.run.RunBanner;
import io.popflow.jobs.run.RunEnd;
import io.popflow.jobs.run.RunFolder;
import io.popflow.jobs.run.RunSnapshots;
import io.popflow.jobs.run.SavepointAgents;
import io.popflow.jobs.run.UserJars;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Mixin
    UserJarOption jarOption = new UserJarOption();

    @Option(names = "--quiet", description = "No progress line per generation.")
    boolean quiet;

    @Option(
            names = "--report",
            description = "At the end, also draw the run's charts and its HTML page, as popflow report does.")
    boolean report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InvalidOptionException.require(
                fromSavepoint == null || resume != null,
                "from-savepoint",
                "needs --resume RUN_DIR: the run folder whose outputs the savepoint continues");
        RunDefinition.LoadedRun loaded = definition().load(out);
        try (UserJars userJars = loaded.userJars()) {
            return call(loaded, userJars, out);
        }
    }

    private Integer call(RunDefinition.LoadedRun loaded, UserJars userJars, PrintWriter out) throws Exception {
        RunConfig run = loaded.run();
        RunFolder folder = new RunFolder(run.output());
        boolean resuming = loaded.resumed() != null;
        if (resuming
                && folder.endedWithoutSummary(
                        run.checkpointDir(), run.population().generations())) {
            // the job ended and wrote its final records, the command was ended before the summary: write it now
            out.println("popflow: the run in " + folder.path() + " ended before its summary was written; writing it");
            return RunEnd.write(
                    folder,
                    run,
                    null,
                    0,
                    folder.wallTimeFromFiles(),
                    out,
                    spec.commandLine().getErr());
        }
        Path snapshot = resuming ? snapshotToResume(folder, run, out) : null;
        if (resuming) {
            refuseABoundAlreadyPassed(folder, run.population());
        }
        boolean local = checkWhereItRuns(run.population(), out);
        if (!resuming) {
            folder.prepareFresh(run.checkpointDir());
        }
        // from here on a Ctrl-C never leaves a half-made run: see GracefulStop
        try (GracefulStop stop = local ? GracefulStop.install(folder.savepoints(), System.out) : null) {
            return run(loaded, folder, snapshot, local, stop, out, userJars);
        }
    }

    /**
     * A bound the population has passed would never be met: the run would go on forever; a bound it
     * has just met (a stop after the last summary, before the job's end) ends the run with its final
     * records.
     */
    private static void refuseABoundAlreadyPassed(RunFolder folder, PopulationConfig population) throws IOException {
        if (!population.isBounded()) {
            return;
        }
        int summarised = folder.lastGenerationSummary()
                .map(g -> g.get("generation").asInt() + 1)
                .orElse(0);
        InvalidOptionException.require(
                population.generations() >= summarised,
                "generations",
                "the run in " + folder.path() + " has already summarised " + Plural.of(summarised, "generation")
                        + "; give " + summarised + " or more, or 0 to run until stopped, got "
                        + population.generations());
    }

    /**
     * Whether the job runs here (an embedded MiniCluster, whose memory and cores are checked now) or
     * on a cluster ({@code flink run}), whose own parallelism popflow's overrides, said so.
     */
    private static boolean checkWhereItRuns(PopulationConfig population, PrintWriter out) {
        StreamExecutionEnvironment probe = StreamExecutionEnvironment.getExecutionEnvironment();
        if (probe instanceof LocalStreamEnvironment) {
            LocalLimits limits = LocalLimits.ofThisJvm();
            limits.checkParallelism(population.parallelism());
            limits.checkPopulation(population, Learner.of(population).dimension());
            return true;
        }
        if (probe.getParallelism() != population.parallelism()) {
            // `flink run -p` (or the cluster's parallelism.default) would otherwise be overridden silently
            out.println("popflow: parallelism " + population.parallelism() + " (popflow's `parallelism`, "
                    + "--parallelism), not the cluster's " + probe.getParallelism()
                    + " (flink run -p, parallelism.default)");
        }
        return false;
    }

    private Integer run(
            RunDefinition.LoadedRun loaded,
            RunFolder folder,
            Path snapshot,
            boolean local,
            GracefulStop stop,
            PrintWriter out,
            UserJars userJars)
            throws Exception {
        RunConfig run = loaded.run();
        boolean resuming = loaded.resumed() != null;
        // the snapshot's own count: the records past it (a kill after a checkpoint) would overstate it; on a
        // cluster the snapshot is read there, so the records stand in
        long stepsBefore = !resuming ? 0 : local ? SavepointAgents.stepsTaken(snapshot) : folder.agentStepsSoFar();
        announce(run, out);
        if (resuming) {
            folder.clearEndOfRunFiles();
        }
        // written once the run is sure to start, so a refusal before leaves the folder as it was
        ConfigLoader.writeYaml(loaded.tree(), folder.config());

        Configuration flink = FlinkSettings.of(run, folder, snapshot, local);
        userJars.addTo(flink, local);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(run.population().parallelism());
        env.getConfig().setGlobalJobParameters(JobParameters.of(loaded.tree()));
        long start = System.nanoTime();
        Path stoppedAt;
        try {
            if (local) {
                if (stop.requested()) {
                    out.println("popflow: stopped before the job started; "
                            + (resuming
                                    ? "the run is as it was"
                                    : "nothing ran: the same command starts the run again"));
                    return GracefulStop.ABORTED;
                }
                out.println("popflow: starting Flink (embedded MiniCluster) ...");
                stop.attach(JobAssembly.job(run, sinks(run)).executeAsync(env));
                stoppedAt = stop.await().savepoint();
            } else {
                JobAssembly.job(run, sinks(run)).execute(env);
                stoppedAt = null;
            }
        } catch (Exception e) {
            return RunEnd.failed(e, folder, run, spec.commandLine().getErr());
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        if (stoppedAt == null && !folder.hasFinalAgents()) {
            // ended without its last generation: on a cluster, stopped by `flink stop` into the run's savepoints
            stoppedAt = local ? null : folder.latestSavepoint().orElse(null);
            if (stoppedAt == null) {
                out.println("popflow: the job ended without its last generation and without a savepoint; "
                        + RunEnd.whereToGoOn(folder, run));
                return RunEnd.FAILED;
            }
        }
        int code = RunEnd.write(
                folder,
                run,
                stoppedAt,
                stepsBefore,
                wall,
                out,
                spec.commandLine().getErr());
        if (report) {
            out.println("report: " + RunReport.write(folder.path()).toAbsolutePath());
        }
        return code;
    }

    /** The run in one paragraph, where its outputs go, and its Kafka topics, made ready. */
    private static void announce(RunConfig run, PrintWriter out) {
        out.println(RunBanner.describe(run.population()));
        out.println("popflow: output " + run.output().toAbsolutePath() + " (effective configuration in "
                + RunFolder.CONFIG_FILE + ")");
        if (run.kafka() != null) {
            out.printf(
                    "popflow: run %s, %s, feedback %s%n",
                    run.runId(), run.kafka().connection(), run.feedback().name().toLowerCase(Locale.ROOT));
            out.flush();
            try {
                JobAssembly.prepareTopics(run);
            } catch (IllegalStateException e) {
                throw new InvalidOptionException("kafka", e.getMessage());
            }
        }
    }

    /** Where the job's records go on this machine: the run folder's files, and its champions. */
    private JobSinks sinks(RunConfig run) {
        PopulationConfig population = run.population();
        JobSinks sinks = JobSinks.files(
                run.output(),
                population.space(),
                population.generations(),
                !quiet,
                population.isEvolutionStrategy() ? population.population() : 0);
        return population.champion() == null
                ? sinks
                : sinks.withChampions(new ChampionFiles(run.output(), population, run.runId()));
    }

    /** The run these flags describe (a value: resolving --resume-if-present changes no flag). */
    RunDefinition definition() {
        return new RunDefinition(
                preset,
                config,
                data,
                label,
                target,
                output,
                seed,
                population,
                generations,
                parallelism,
                checkpointInterval,
                List.copyOf(assignments),
                List.copyOf(jarOption.jars),
                resume,
                resumeIfPresent);
    }

    /** The snapshot a resumed run starts from: the one given, else the run's newest, saying which and why. */
    private Path snapshotToResume(RunFolder folder, RunConfig run, PrintWriter out) throws IOException {
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
        out.println("popflow: resuming from "
                + RunSnapshots.shown(folder.path(), snapshots.newest().get().path()) + " ("
                + snapshots.whyNewest(folder.path()) + ")");
        return snapshots.newest().get().path().toAbsolutePath();
    }

    /** Names of the shipped presets, for help and completion. */
    static final class Presets extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Presets() {
            super(ConfigLoader.presetNames());
        }
    }
}
