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
        assertThat(o.err()).isEqualTo("popflow: invalid option 'population': must be >= 2 (selection needs someone to copy), got 1"
                + System.lineSeparator());
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void unknownFlag() {
        Outcome o = run("train", "--preset", "digits", "--populaton", "8");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().lines()).hasSize(1).allMatch(l -> l.startsWith("popflow: ") && l.contains("--populaton"));
    }

    @Test
    void missingPresetAndConfig() {
        Outcome o = run("train", "--output", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("popflow: invalid option 'preset': give --preset or --config (or --resume RUN_DIR)"
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
        assertOneLine(run("train", "--preset", "quadratic", "--output", file.resolve("sub").toString()),
                "invalid option 'output': cannot create folder " + file.resolve("sub") + ": Not a directory");
        assertOneLine(run("train", "--preset", "quadratic", "--output", file.toString()),
                "invalid option 'output': cannot use " + file + " as the output folder: Not a directory");
    }

    @Test
    void missingOrUnreadableConfigFileGivesTheReason() {
        Path missing = dir.resolve("nope.yaml");
        assertOneLine(run("train", "--config", missing.toString(), "--output", dir.resolve("o").toString()),
                "invalid option 'config': cannot read " + missing + ": No such file or directory");
        assertOneLine(run("train", "--config", dir.toString(), "--output", dir.resolve("o").toString()),
                "invalid option 'config': cannot read " + dir + ": Is a directory");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    /** A folder that holds anything is another run's (or a user's): a new run would mix its records in. */
    @Test
    void nonEmptyOutputFolderIsRefused() throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{}");
        assertOneLine(run("train", "--preset", "quadratic", "--output", dir.toString()),
                "invalid option 'output': folder " + dir + " is not empty (summary.json): choose an empty or new folder");
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        assertOneLine(run("train", "--preset", "quadratic", "--output", dir.toString()),
                "invalid option 'output': folder " + dir + " is not empty (config.yaml, summary.json): it holds a finished "
                        + "run (summary.json); choose another folder");
        assertThat(Files.readString(dir.resolve("summary.json"))).isEqualTo("{}");
        Files.writeString(dir.resolve("summary.json"), "{\"stopped\": {\"generation\": 3}}");
        assertOneLine(run("train", "--preset", "quadratic", "--output", dir.toString()),
                "invalid option 'output': folder " + dir + " is not empty (config.yaml, summary.json): resume it with --resume "
                        + dir + ", or choose another folder");
    }

    @Test
    void yamlNumbersThatAreNotFiniteAreRefusedByName() {
        assertOneLine(run("train", "--preset", "quadratic", "--set", "quantile_fraction=.nan", "--output", out()),
                "invalid option 'quantile_fraction': must be a finite number, got NaN");
        assertOneLine(run("train", "--preset", "quadratic", "--set", "hyperparameters.lr=-.inf", "--output", out()),
                "invalid option 'hyperparameters.lr': must be a finite number, got -Infinity");
    }

    @Test
    void duplicateKeysAreRefusedWithBothLines() throws Exception {
        Path file = Files.writeString(dir.resolve("run.yaml"), "task: quadratic\npopulation: 8\nseed: 1\npopulation: 16\n");
        assertOneLine(run("train", "--config", file.toString(), "--output", out()),
                "invalid option 'config': " + file + ": duplicate key 'population' at lines 2 and 4 (one would silently "
                        + "replace the other)");
    }

    @Test
    void yamlSyntaxErrorsAreOneLineWithLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("run.yaml"), "task: digits\n  seed: 3\n");
        assertOneLine(run("train", "--config", file.toString(), "--output", out()),
                "invalid option 'config': " + file + " is not valid YAML at line 2, column 7: mapping values are not allowed here");
    }

    /** Limits of this machine are checked before any job: a run too large is refused, never left to hang. */
    @Test
    void parallelismBeyondThisMachineIsRefused() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertOneLine(run("train", "--preset", "quadratic", "--parallelism", "64", "--output", out()),
                "invalid option 'parallelism': 64 is more than a local run on this machine carries (at most " + 4 * cores
                        + ": 4 subtasks per core on " + cores + " cores); submit the job to a Flink cluster for more "
                        + "(README: On a Flink cluster)");
        assertThat(dir).isEmptyDirectory();
    }

    /** The selection rule's event count defaults to the population: its refusal must still name population. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1"})
    void aPopulationBelowTwoIsRefusedByName(String population) {
        assertOneLine(run("train", "--preset", "quadratic", "--population", population, "--output", out()),
                "invalid option 'population': must be >= 2 (selection needs someone to copy), got " + population);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void populationBeyondTheHeapIsRefused() {
        // digits: 64-64-10 is 4,810 weights; SGD keeps θ, momentum and a donor's copy of both: 16 bytes a weight
        double bytes = 10_000_000 * (16.0 * 4810 + 1024);
        assertOneLine(run("train", "--preset", "digits", "--population", "10000000", "--output", out()),
                String.format(java.util.Locale.ROOT, "invalid option 'population': 10000000 agents of 4,810 weights need about "
                        + "%.1f GB of heap (weights, optimizer memory, copies kept for transfers), more than half of this JVM's %s "
                        + "heap; lower the population or raise the heap (POPFLOW_JAVA_OPTS=-Xmx...)",
                        bytes / (1L << 30), gigabytes(Runtime.getRuntime().maxMemory())));
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
        assertOneLine(run("train", "--resume", dir.resolve("nope").toString()),
                "invalid option 'resume': cannot resume " + dir.resolve("nope") + ": No such file or directory");
        assertOneLine(run("train", "--resume", dir.toString()),
                "invalid option 'resume': cannot resume " + dir + ": it has no config.yaml (not the output folder of a popflow run)");
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        assertOneLine(run("train", "--resume", dir.toString(), "--seed", "3"),
                "invalid option 'resume': continues the run as its config.yaml describes it; --seed cannot change it "
                        + "(--parallelism, --generations, --checkpoint-interval and --set of checkpoint_dir, checkpoint_interval, "
                        + "chunk_steps, generations, kafka, output, parallelism, restart_attempts, state_backend can)");
        assertOneLine(run("train", "--resume", dir.toString(), "--set", "max_parallelism=256"),
                "invalid option 'resume': continues the run as its config.yaml describes it; 'max_parallelism' cannot change "
                        + "(it shapes the agents' state or dynamics); these can: checkpoint_dir, checkpoint_interval, "
                        + "chunk_steps, generations, kafka, output, parallelism, restart_attempts, state_backend");
        assertOneLine(run("train", "--from-savepoint", dir.toString(), "--preset", "quadratic", "--output", out()),
                "invalid option 'from-savepoint': needs --resume RUN_DIR: the run folder whose outputs the savepoint continues");
    }

    @Test
    void resumeWithoutASnapshotSaysWhereItLooked() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), String.join("\n", "task: quadratic", "output: " + dir,
                "hyperparameters: {lr: 0.05}", "optimizer: sgld", "hyperparam_mutations:",
                "  temperature: {min: 1.0e-4, max: 0.1, scale: log}", ""));
        Files.writeString(dir.resolve("notes.txt"), "not popflow's");
        assertOneLine(run("train", "--resume", dir.toString()),
                "invalid option 'resume': cannot resume " + dir + ": it holds no savepoint (in savepoints/) and no retained "
                        + "checkpoint (in " + dir.resolve("checkpoints") + ")");
        Files.delete(dir.resolve("notes.txt"));
        // what a run stopped before its first checkpoint leaves
        assertOneLine(run("train", "--resume", dir.toString()),
                "invalid option 'resume': cannot resume " + dir + ": the run was stopped before its first checkpoint, so "
                        + "there is nothing to go on from; the command that started it starts it again in this folder");
        Files.writeString(dir.resolve("summary.json"), "{\"generations\": 20}");
        assertOneLine(run("train", "--resume", dir.toString(), "--generations", "40"),
                "invalid option 'resume': cannot resume " + dir + ": the run finished, and a finished job keeps no state "
                        + "to go on from; to train longer, start a run with more --generations in another folder");
    }

    /** A bound the population has already passed would never be met: refused instead of running forever. */
    @Test
    void resumeRefusesAGenerationBoundAlreadyPassed() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), String.join("\n", "task: quadratic", "output: " + dir,
                "hyperparameters: {lr: 0.05}", "optimizer: sgld", "hyperparam_mutations:",
                "  temperature: {min: 1.0e-4, max: 0.1, scale: log}", ""));
        Files.writeString(dir.resolve("generations.jsonl"),
                "{\"generation\":0,\"agent_steps\":1000}\n{\"generation\":1,\"agent_steps\":2000}\n");
        Files.createDirectories(dir.resolve("savepoints/savepoint-1"));
        try (var out = Files.newOutputStream(dir.resolve("savepoints/savepoint-1/_metadata"))) {
            org.apache.flink.runtime.checkpoint.Checkpoints.storeCheckpointMetadata(
                    new org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata(7, List.of(), List.of()), out);
        }
        assertOneLine(run("train", "--resume", dir.toString(), "--generations", "2"),
                "invalid option 'generations': the run in " + dir + " has already summarised 2 generations; give more than 2, "
                        + "or 0 to run until stopped, got 2");
    }

    @Test
    void helpListsTasksPresetsOptionsAndExamples() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Popflow());
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("train", "--help")).isZero();
        assertThat(out.toString()).contains("Tasks: digits", "quadratic", "landscape", "pbt-toy", "stream", "cartpole",
                "Start from a preset: digits, quadratic,", "cartpole-pbt,", "diabetes,", "reduced-sphere.", "popflow options", "--resume=RUN_DIR",
                "README.md", "popflow train --preset digits --output runs/digits");
    }

    /** {@code popflow options} prints every declared option with its default and rules. */
    @Test
    void optionsListsEveryDeclaredOption() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Popflow());
        cli.setOut(new PrintWriter(out, true));
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(cli.execute("options")).isZero();
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        for (io.popflow.config.Option<?> o : io.popflow.jobs.config.OptionCatalog.ALL) {
            assertThat(text).contains(o.key() + "  (default " + o.defaultText() + ")");
        }
        assertThat(text).contains("dqn.gamma  (default 0.99)", "must be in [0, 1]",
                "population  (default 16)", "must be >= 2 (selection needs someone to copy)");
    }

    private String out() {
        return dir.resolve("out").toString();
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
