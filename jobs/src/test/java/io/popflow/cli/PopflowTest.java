package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Invalid input ends the command with exit code 2 and one line on standard error, before any job starts. */
class PopflowTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @TempDir
    Path dir;

    private record Outcome(int code, String err) {}

    private Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int code = Popflow.run(new PrintWriter(err, true), args);
        return new Outcome(code, err.toString());
    }

    @Test
    void invalidConfigValue() {
        Outcome o = run("train", "--preset", "digits", "--population", "1", "--output", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .isEqualTo("popflow: invalid option 'population': must be >= 2 (selection needs someone to copy), got 1"
                        + System.lineSeparator());
        assertThat(dir).isEmptyDirectory();
    }

    /** An experiment refuses a flag it would ignore, before it starts anything. */
    @Test
    void experimentsRefuseFlagsTheyDoNotUse() {
        Path out = dir.resolve("e");
        assertOneLine(
                run("experiment", "es-cartpole", "--k", "3", "--output", out.toString()),
                "invalid option 'k': does not apply to experiment es-cartpole (only to cartpole)");
        assertOneLine(
                run("experiment", "large-population", "--population", "50", "--output", out.toString()),
                "invalid option 'population': does not apply to experiment large-population (only to cartpole)");
        assertOneLine(
                run("experiment", "cartpole", "--full", "--population", "50", "--output", out.toString()),
                "invalid option 'population': --full sets the authors' 500 agents: give --full or --population, "
                        + "not both");
        assertOneLine(
                run("experiment", "es-digits", "--seeds", "2", "--output", out.toString()),
                "invalid option 'seeds': does not apply to experiment es-digits (one run per population size and "
                        + "budget)");
        assertThat(out).doesNotExist();
    }

    /** A mistyped flag is named alone (not the value after it), with the flags it was probably meant to be. */
    @Test
    void unknownFlagGetsASuggestion() {
        assertOneLine(
                run("train", "--preset", "digits", "--populaton", "8"),
                "unknown option '--populaton'; did you mean '--population'?");
        assertOneLine(
                run("train", "--preset", "quadratic", "--generation", "20"),
                "unknown option '--generation'; did you mean '--generations'?");
        assertOneLine(
                run("train", "--preset", "quadratic", "--generatoins=20"),
                "unknown option '--generatoins'; did you mean '--generations'?");
        assertOneLine(
                run("train", "--preset", "quadratic", "--sed", "3"),
                "unknown option '--sed'; did you mean '--seed' or '--set'?");
        assertOneLine(
                run("train", "--preset", "quadratic", "--Generations", "3"),
                "unknown option '--Generations'; did you mean '--generations'?");
        assertOneLine(run("report", "--folow", "runs/q"), "unknown option '--folow'; did you mean '--follow'?");
        assertOneLine(run("train", "--xyzzy", "3"), "unknown option '--xyzzy' (see popflow train --help)");
    }

    @Test
    void unknownCommandGetsASuggestion() {
        assertOneLine(run("trian", "--preset", "digits"), "unknown command 'trian'; did you mean 'train'?");
        assertOneLine(run("raport", "runs/q"), "unknown command 'raport'; did you mean 'report'?");
        assertOneLine(run("xyzzy"), "unknown command 'xyzzy' (see popflow --help)");
    }

    /** The same edit distance over the option catalog for keys, from --set as from a file. */
    @Test
    void unknownKeyGetsASuggestion() {
        assertOneLine(
                run(
                        "train",
                        "--preset",
                        "quadratic",
                        "--set",
                        "generatoins=5",
                        "--output",
                        dir.resolve("o").toString()),
                "invalid option 'generatoins': unknown option; did you mean 'generations'?");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void missingPresetAndConfig() {
        Outcome o = run("train", "--output", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .isEqualTo("popflow: invalid option 'preset': give --preset, --config or --data (or --resume RUN_DIR)"
                        + System.lineSeparator());
    }

    @Test
    void missingOutput() {
        Outcome o = run("train", "--preset", "quadratic");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("popflow: invalid option 'output': must name a folder" + System.lineSeparator());
    }

    @Test
    void unwritableOutput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertOneLine(
                run(
                        "train",
                        "--preset",
                        "quadratic",
                        "--output",
                        file.resolve("sub").toString()),
                "invalid option 'output': cannot create folder " + file.resolve("sub") + ": Not a directory");
        assertOneLine(
                run("train", "--preset", "quadratic", "--output", file.toString()),
                "invalid option 'output': cannot use " + file + " as the output folder: Not a directory");
    }

    @Test
    void missingOrUnreadableConfigFileGivesTheReason() {
        Path missing = dir.resolve("nope.yaml");
        assertOneLine(
                run(
                        "train",
                        "--config",
                        missing.toString(),
                        "--output",
                        dir.resolve("o").toString()),
                "invalid option 'config': cannot read " + missing + ": No such file or directory");
        assertOneLine(
                run(
                        "train",
                        "--config",
                        dir.toString(),
                        "--output",
                        dir.resolve("o").toString()),
                "invalid option 'config': cannot read " + dir + ": Is a directory");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    /** A folder that holds anything is another run's (or a user's): a new run would mix its records in. */
    @Test
    void nonEmptyOutputFolderIsRefused() throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{}");
        assertOneLine(
                run("train", "--preset", "quadratic", "--output", dir.toString()),
                "invalid option 'output': folder " + dir
                        + " is not empty (summary.json): choose an empty or new folder");
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        assertOneLine(
                run("train", "--preset", "quadratic", "--output", dir.toString()),
                "invalid option 'output': folder " + dir
                        + " is not empty (config.yaml, summary.json): it holds a finished "
                        + "run (summary.json); choose another folder");
        assertThat(Files.readString(dir.resolve("summary.json"))).isEqualTo("{}");
        Files.writeString(dir.resolve("summary.json"), "{\"stopped\": {\"generation\": 3}}");
        assertOneLine(
                run("train", "--preset", "quadratic", "--output", dir.toString()),
                "invalid option 'output': folder " + dir
                        + " is not empty (config.yaml, summary.json): resume it with --resume " + dir
                        + ", or choose another folder");
    }

    /**
     * What a run stopped before its first checkpoint leaves (its config.yaml alone) is no dead end:
     * the same command, and a supervisor's --resume-if-present, start the run there again.
     */
    @Test
    void aFolderOfARunStoppedBeforeItsFirstCheckpointStartsAgain() throws Exception {
        Path run = dir.resolve("run");
        String[] command = {
            "train",
            "--preset",
            "quadratic",
            "--generations",
            "2",
            "--set",
            "population=4",
            "--quiet",
            "--output",
            run.toString()
        };
        Files.createDirectories(run.resolve("checkpoints/job/chk-1"));
        Files.writeString(run.resolve("config.yaml"), "task: quadratic\n");
        assertThat(run(command)).isEqualTo(new Outcome(0, ""));
        assertThat(run.resolve("summary.json")).exists();
        Files.delete(run.resolve("summary.json"));
        try (var files = Files.walk(run.resolve("checkpoints"))) {
            files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .forEach(f -> f.toFile().delete());
        }
        String[] supervised = java.util.Arrays.copyOf(command, command.length + 1);
        supervised[command.length] = "--resume-if-present";
        assertThat(run(supervised)).isEqualTo(new Outcome(0, ""));
        assertThat(run.resolve("summary.json")).exists();
    }

    /**
     * A run whose job ended but whose command was ended before summary.json (Ctrl-C twice at the very
     * end) keeps its records: a new start refuses the folder, and --resume writes the summary.
     */
    @Test
    void aRunEndedBeforeItsSummaryIsKeptAndResumeWritesIt() throws Exception {
        Path run = dir.resolve("run");
        String[] command = {
            "train",
            "--preset",
            "quadratic",
            "--generations",
            "2",
            "--set",
            "population=4",
            "--quiet",
            "--output",
            run.toString()
        };
        assertThat(run(command)).isEqualTo(new Outcome(0, ""));
        String summary = Files.readString(run.resolve("summary.json"));
        Files.delete(run.resolve("summary.json"));
        assertOneLine(
                run(command),
                "invalid option 'output': folder " + run + " is not empty (checkpoints, config.yaml, "
                        + "final-agents.jsonl, final-weights.jsonl, ...): resume it with --resume " + run
                        + ", or choose another folder");
        assertThat(run("train", "--resume", run.toString(), "--quiet")).isEqualTo(new Outcome(0, ""));
        assertThat(JSON.readTree(run.resolve("summary.json").toFile()).get("params_sha256"))
                .isEqualTo(JSON.readTree(summary).get("params_sha256"));
    }

    @Test
    void yamlNumbersThatAreNotFiniteAreRefusedByName() {
        assertOneLine(
                run("train", "--preset", "quadratic", "--set", "quantile_fraction=.nan", "--output", out()),
                "invalid option 'quantile_fraction': must be a finite number, got NaN");
        assertOneLine(
                run("train", "--preset", "quadratic", "--set", "hyperparameters.lr=-.inf", "--output", out()),
                "invalid option 'hyperparameters.lr': must be a finite number, got -Infinity");
    }

    @Test
    void duplicateKeysAreRefusedWithBothLines() throws Exception {
        Path file =
                Files.writeString(dir.resolve("run.yaml"), "task: quadratic\npopulation: 8\nseed: 1\npopulation: 16\n");
        assertOneLine(
                run("train", "--config", file.toString(), "--output", out()),
                "invalid option 'config': " + file
                        + ": duplicate key 'population' at lines 2 and 4 (one would silently " + "replace the other)");
    }

    @Test
    void yamlSyntaxErrorsAreOneLineWithLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("run.yaml"), "task: digits\n  seed: 3\n");
        assertOneLine(
                run("train", "--config", file.toString(), "--output", out()),
                "invalid option 'config': " + file
                        + " is not valid YAML at line 2, column 7: mapping values are not allowed here");
    }

    /** Limits of this machine are checked before any job: a run too large is refused, never left to hang. */
    @Test
    void parallelismBeyondThisMachineIsRefused() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertOneLine(
                run("train", "--preset", "quadratic", "--parallelism", "64", "--output", out()),
                "invalid option 'parallelism': 64 is more than a local run on this machine carries (at most "
                        + 4 * cores
                        + ": 4 subtasks per core on " + cores + " cores); submit the job to a Flink cluster for more "
                        + "(docs/clusters.md)");
        assertThat(dir).isEmptyDirectory();
    }

    /** The selection rule's event count defaults to the population: its refusal must still name population. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1"})
    void aPopulationBelowTwoIsRefusedByName(String population) {
        assertOneLine(
                run("train", "--preset", "quadratic", "--population", population, "--output", out()),
                "invalid option 'population': must be >= 2 (selection needs someone to copy), got " + population);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void populationBeyondTheHeapIsRefused() {
        // digits: 64-64-10 is 4,810 weights; SGD keeps θ, momentum and a donor's copy of both: 16 bytes a weight
        double bytes = 10_000_000 * (16.0 * 4810 + 1024);
        assertOneLine(
                run("train", "--preset", "digits", "--population", "10000000", "--output", out()),
                String.format(
                        java.util.Locale.ROOT,
                        "invalid option 'population': 10000000 agents of 4,810 weights need about "
                                + "%.1f GB of heap (weights, optimizer memory, copies kept for transfers), more than half of this JVM's %s "
                                + "heap; lower the population or raise the heap (POPFLOW_JAVA_OPTS=-Xmx...)",
                        bytes / (1L << 30),
                        gigabytes(Runtime.getRuntime().maxMemory())));
        assertThat(dir).isEmptyDirectory();
    }

    private static String gigabytes(long bytes) {
        double b = bytes;
        String[] units = {"B", "KB", "MB", "GB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", b, units[u]);
    }

    @Test
    void resumeNeedsARunFolder() throws Exception {
        assertOneLine(
                run("train", "--resume", dir.resolve("nope").toString()),
                "invalid option 'resume': cannot resume " + dir.resolve("nope") + ": No such file or directory");
        assertOneLine(
                run("train", "--resume", dir.toString()),
                "invalid option 'resume': cannot resume " + dir
                        + ": it has no config.yaml (not the output folder of a popflow run)");
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        assertOneLine(
                run("train", "--resume", dir.toString(), "--seed", "3"),
                "invalid option 'resume': continues the run as its config.yaml describes it; --seed cannot change it "
                        + "(--parallelism, --generations, --checkpoint-interval and --set of checkpoint_dir, checkpoint_interval, "
                        + "chunk_steps, generations, jars, kafka, output, parallelism, restart_attempts, state_backend can)");
        assertOneLine(
                run("train", "--resume", dir.toString(), "--set", "max_parallelism=256"),
                "invalid option 'resume': continues the run as its config.yaml describes it; 'max_parallelism' cannot change "
                        + "(it shapes the agents' state or dynamics); these can: checkpoint_dir, checkpoint_interval, "
                        + "chunk_steps, generations, jars, kafka, output, parallelism, restart_attempts, state_backend");
        assertOneLine(
                run("train", "--from-savepoint", dir.toString(), "--preset", "quadratic", "--output", out()),
                "invalid option 'from-savepoint': needs --resume RUN_DIR: the run folder whose outputs the savepoint continues");
    }

    /**
     * A run file that does not parse (here a summary.json cut short, as a JVM halted in the middle
     * of writing it in place left it) is said in one line naming it, not as a bare parser error.
     */
    @Test
    void aDamagedRunFileIsNamedInOneLine() throws Exception {
        Files.writeString(
                dir.resolve("config.yaml"),
                String.join(
                        "\n",
                        "task: quadratic",
                        "output: " + dir,
                        "hyperparameters: {lr: 0.05}",
                        "optimizer: sgld",
                        "hyperparam_mutations:",
                        "  temperature: {min: 1.0e-4, max: 0.1, scale: log}",
                        ""));
        Files.writeString(dir.resolve("summary.json"), "{\n  \"seed\" : 7,\n  \"best_agent\" : 6,\n  \"sto");
        Outcome o = run("train", "--resume", dir.toString());
        assertThat(o.code()).isEqualTo(Popflow.FAILED);
        assertThat(o.err())
                .startsWith("popflow: " + dir.resolve("summary.json") + " is damaged: it is not one JSON document (")
                .endsWith("); a write to it was cut short, or it was edited" + System.lineSeparator())
                .hasLineCount(1);
    }

    @Test
    void resumeWithoutASnapshotSaysWhereItLooked() throws Exception {
        Files.writeString(
                dir.resolve("config.yaml"),
                String.join(
                        "\n",
                        "task: quadratic",
                        "output: " + dir,
                        "hyperparameters: {lr: 0.05}",
                        "optimizer: sgld",
                        "hyperparam_mutations:",
                        "  temperature: {min: 1.0e-4, max: 0.1, scale: log}",
                        ""));
        Files.writeString(dir.resolve("notes.txt"), "not popflow's");
        assertOneLine(
                run("train", "--resume", dir.toString()),
                "invalid option 'resume': cannot resume " + dir
                        + ": it holds no savepoint (in savepoints/) and no retained " + "checkpoint (in "
                        + dir.resolve("checkpoints") + ")");
        Files.delete(dir.resolve("notes.txt"));
        // what a run stopped before its first checkpoint leaves
        assertOneLine(
                run("train", "--resume", dir.toString()),
                "invalid option 'resume': cannot resume " + dir
                        + ": the run was stopped before its first checkpoint, so "
                        + "there is nothing to go on from; the command that started it starts it again in this folder");
        Files.writeString(dir.resolve("summary.json"), "{\"generations\": 20}");
        assertOneLine(
                run("train", "--resume", dir.toString(), "--generations", "40"),
                "invalid option 'resume': cannot resume " + dir
                        + ": the run finished, and a finished job keeps no state "
                        + "to go on from; to train longer, start a run with more --generations in another folder");
    }

    /** A bound the population has already passed would never be met: refused instead of running forever. */
    @Test
    void resumeRefusesAGenerationBoundAlreadyPassed() throws Exception {
        Files.writeString(
                dir.resolve("config.yaml"),
                String.join(
                        "\n",
                        "task: quadratic",
                        "output: " + dir,
                        "hyperparameters: {lr: 0.05}",
                        "optimizer: sgld",
                        "hyperparam_mutations:",
                        "  temperature: {min: 1.0e-4, max: 0.1, scale: log}",
                        ""));
        Files.writeString(
                dir.resolve("generations.jsonl"),
                "{\"generation\":0,\"agent_steps\":1000}\n{\"generation\":1,\"agent_steps\":2000}\n");
        Files.createDirectories(dir.resolve("savepoints/savepoint-1"));
        try (var out = Files.newOutputStream(dir.resolve("savepoints/savepoint-1/_metadata"))) {
            org.apache.flink.runtime.checkpoint.Checkpoints.storeCheckpointMetadata(
                    new org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata(7, List.of(), List.of()), out);
        }
        assertOneLine(
                run("train", "--resume", dir.toString(), "--generations", "1"),
                "invalid option 'generations': the run in " + dir
                        + " has already summarised 2 generations; give 2 or more, "
                        + "or 0 to run until stopped, got 1");
    }

    @Test
    void helpListsTasksPresetsOptionsAndExamples() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Popflow());
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("train", "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "Tasks: digits",
                        "quadratic",
                        "landscape",
                        "pbt-toy",
                        "stream",
                        "cartpole",
                        "Start from a preset: cartpole-pbt,",
                        "diabetes,",
                        "digits,",
                        "reduced-sphere.",
                        "popflow options",
                        "--resume=RUN_DIR",
                        "docs/configuration.md",
                        "popflow train --preset digits --output runs/digits");
    }

    /** {@code popflow options} prints every declared option with its default and rules. */
    @Test
    void optionsListsEveryDeclaredOption() {
        StringWriter out = new StringWriter();
        assertThat(Popflow.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "options"))
                .isZero();
        String text = out.toString();
        for (io.popflow.option.Option<?> o : io.popflow.jobs.config.OptionCatalog.ALL) {
            assertThat(text).contains(o.key() + "  (default " + o.defaultText() + ")");
        }
        assertThat(text)
                .contains(
                        "dqn.gamma  (default 0.99)",
                        "must be in [0, 1]",
                        "population  (default 16)",
                        "must be >= 2 (selection needs someone to copy)");
    }

    private String out() {
        return dir.resolve("out").toString();
    }

    /** report --kafka reads the run's records by its run_id and generations: the kafka section alone does not say them. */
    @Test
    void reportFromKafkaNeedsTheRunsOwnConfig() throws Exception {
        Path kafkaOnly = Files.writeString(dir.resolve("kafka.yaml"), "kafka:\n  bootstrap_servers: 127.0.0.1:9092\n");
        assertOneLine(
                run("report", "--kafka", kafkaOnly.toString(), dir.resolve("r").toString()),
                "invalid option 'kafka': " + kafkaOnly + " is not a run's configuration (it sets no task): give the "
                        + "run's own config.yaml, the effective configuration that train writes into the run's output folder");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    /** A cluster nothing answers for (a closed port of this machine) is reported once --timeout is over. */
    @Test
    void reportFromAnUnreachableClusterEndsAfterTheTimeout() throws Exception {
        int port;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(
                dir.resolve("run.yaml"),
                "task: quadratic\nhyperparam_mutations:\n  lr: {min: 0.01, "
                        + "max: 0.1}\nkafka:\n  bootstrap_servers: 127.0.0.1:" + port + "\n");
        long start = System.nanoTime();
        assertOneLine(
                run(
                        "report",
                        "--kafka",
                        config.toString(),
                        "--timeout",
                        "1",
                        dir.resolve("r").toString()),
                "invalid option 'kafka': cannot reach kafka 127.0.0.1:" + port
                        + " within 1 s (--timeout SECONDS waits longer)");
        // Not a speed bound: Kafka's own client waits 60 s by default, so 15 s tells "gave up at --timeout"
        // from "waited for the client" even on a loaded 2-core machine (3 s failed at 3.07 s there).
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(15));
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void reportTimeoutIsChecked() {
        assertOneLine(run("report", "--timeout", "5", dir.toString()), "invalid option 'timeout': goes with --kafka");
        assertOneLine(
                run("report", "--kafka", "run.yaml", "--timeout", "0", dir.toString()),
                "invalid option 'timeout': must be >= 1 second, got 0");
    }

    private static String help(String... command) {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Popflow());
        cli.setOut(new PrintWriter(out, true));
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = "--help";
        assertThat(cli.execute(args)).isZero();
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    /** Each command's line in the list is one whole sentence (replay's was cut after "through every"). */
    @Test
    void theCommandListHasWholeSentences() {
        assertThat(help()).isEqualTo("""
                Usage: popflow [-hV] [COMMAND]
                Population-based training of neural networks on Apache Flink.
                  -h, --help      Show this help message and exit.
                  -V, --version   Print version information and exit.
                Commands:
                  train       Train a population. Options override the preset, which the config
                                file overrides.
                  theory      Check the pipeline against the closed forms of the two-time-scale
                                theory.
                  experiment  Run an experiment, print its tables and write them, its charts
                                and every run's numbers to --output.
                  options     List every configuration option (for --config files and --set),
                                from its declaration.
                  report      Draw a run's charts (PNG) and one self-contained HTML page into
                                RUN_DIR/report.
                  replay      Retrain a finished run's final best agent alone, as the run
                                logged it, and compare.
                  export      Write an agent of a run as an ONNX model (FILE.onnx) and its
                                description (FILE.json).
                  predict     Score a CSV or TSV file's rows with an exported model (MODEL.onnx
                                and the MODEL.json beside it).
                  serve       Serve an exported model over HTTP, swapping to a new one as it is
                                written.
                  help        Display help information about the specified command.
                """);
    }

    /** picocli wraps the paragraphs: no line ends inside a sentence ("TSV file:" then "table.file" below). */
    @Test
    void trainHelpIsWrappedByPicocli() {
        assertThat(help("train")).contains("""
                Tasks: digits (MLP on the UCI handwritten digits, shipped), table (your CSV or
                TSV file: table.file, table.label, table.target), quadratic (Langevin agents
                with a closed-form effective fitness), landscape, pbt-toy, stream (examples
                from Kafka or a watched folder), cartpole and mountain-car (DQN agents).
                Presets: see --preset below.

                Options: --set KEY=VALUE, or in --config FILE. Every option, with its default
                and values, declared once in the code: popflow options. Tasks and the output
                files: docs/configuration.md.
                """, """
                Examples:
                  popflow train --preset digits --output runs/digits
                  # the seed authors' DQN experiment
                  popflow train --preset cartpole-pbt --output runs/cartpole
                """);
    }

    /**
     * Every command's description is whole paragraphs, which picocli wraps, and example lines that fit
     * in its 80 columns: a paragraph broken by hand ends without its full stop.
     */
    @Test
    void descriptionsAreParagraphsAndExamplesFit() {
        picocli.CommandLine cli = new picocli.CommandLine(new Popflow());
        java.util.List<picocli.CommandLine> commands =
                new java.util.ArrayList<>(cli.getSubcommands().values());
        commands.removeIf(c -> c.getCommand() instanceof picocli.CommandLine.HelpCommand); // picocli's own
        commands.add(cli);
        for (picocli.CommandLine c : commands) {
            for (String line : c.getCommandSpec().usageMessage().description()) {
                if (line.startsWith("  ")) {
                    assertThat(line.length())
                            .as("%s example: %s", c.getCommandName(), line)
                            .isLessThanOrEqualTo(80);
                } else if (!line.isEmpty()) {
                    assertThat(line).as("%s description", c.getCommandName()).matches("(?s).*[.:]");
                }
            }
        }
    }

    private static void assertOneLine(Outcome o, String expected) {
        assertThat(o.err()).isEqualTo("popflow: " + expected + System.lineSeparator());
        assertThat(o.code()).isEqualTo(2);
    }

    @Test
    void badFlagValue() {
        Outcome o = run("train", "--preset", "digits", "--seed", "abc", "--output", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().lines()).hasSize(1).allMatch(l -> l.contains("--seed"));
    }
}
