package io.popflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.config.PathOptions;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.config.TableInference;
import io.popflow.jobs.run.RunFolder;
import io.popflow.jobs.run.UserJars;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code popflow train}'s flags describe, and the run they load: a preset, a file and options
 * for a new run, or a run folder to resume. Immutable: {@code --resume-if-present} that finds the run
 * becomes a second definition, a resume of that folder, rather than a change to the command's flags.
 *
 * @param resume the run folder to continue, or null for a new run
 */
record RunDefinition(
        String preset,
        Path config,
        Path data,
        String label,
        String target,
        String output,
        Long seed,
        Integer population,
        Integer generations,
        Integer parallelism,
        String checkpointInterval,
        List<String> assignments,
        List<Path> jars,
        Path resume,
        boolean resumeIfPresent) {

    /** What {@code --data} starts from: the table preset, its file, label and target replaced. */
    static final String TABLE_PRESET = "diabetes";

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
            "output",
            "jars");

    /**
     * The run's configuration, the effective option tree it was parsed from, the folder it resumes
     * (null for a new run), and the user's jars it loaded its classes from (the thread's class loader
     * sees them until they are closed).
     */
    record LoadedRun(ObjectNode tree, RunConfig run, Path resumed, UserJars userJars) {}

    /** The validated run: preset, then file, then options; or, resuming, the run's own configuration. */
    LoadedRun load(PrintWriter out) {
        InvalidOptionException.require(
                resume == null || !resumeIfPresent,
                "resume-if-present",
                "goes with --output (start the run there, or resume it if the folder holds it), not with --resume");
        InvalidOptionException.require(
                !resumeIfPresent || output != null,
                "resume-if-present",
                "needs --output: the folder to resume if it holds a run");
        LoadedRun fresh = parsed(tree(true, out));
        if (resumeIfPresent) {
            RunFolder folder = new RunFolder(Path.of(output));
            // a run stopped before its first checkpoint has nothing to resume: it starts again there
            if (Files.exists(folder.config()) && !neverStarted(folder, fresh.run())) {
                fresh.userJars().close();
                LoadedRun resumed = asResumeOf(Path.of(output)).load(out);
                refuseChangesToTheRun(resumed.tree(), fresh.tree());
                return resumed;
            }
        }
        return fresh;
    }

    /** Parses {@code tree} with its jars' classes loadable: the parse makes instances of the user's classes. */
    private LoadedRun parsed(ObjectNode tree) {
        UserJars userJars = UserJars.install(ConfigLoader.jars(tree));
        try {
            return new LoadedRun(tree, ConfigLoader.parse(tree), resume, userJars);
        } catch (RuntimeException e) {
            userJars.close();
            throw e;
        }
    }

    /**
     * The resume of {@code folder} with this definition's changes of how it runs, to be checked
     * against the run's own configuration so a restarted supervisor cannot continue a different run
     * under a new name.
     */
    private RunDefinition asResumeOf(Path folder) {
        return new RunDefinition(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                generations,
                parallelism,
                checkpointInterval,
                assignments,
                jars,
                folder,
                false);
    }

    private static boolean neverStarted(RunFolder folder, RunConfig run) {
        try {
            return folder.neverStarted(run.checkpointDir());
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot read folder " + folder.path() + ": " + e.getMessage());
        }
    }

    /** The option tree this definition describes; {@code checkResume}: refuse what a resume may not change. */
    private ObjectNode tree(boolean checkResume, PrintWriter out) {
        ObjectNode tree = resume != null ? resumedTree() : newTree();
        ObjectNode before = tree;
        tree = with(tree, "generations", generations);
        tree = with(tree, "parallelism", parallelism);
        tree = with(tree, "checkpoint_interval", checkpointInterval);
        tree = withJars(tree, resume != null);
        tree = PathOptions.absolute(ConfigLoader.set(tree, assignments.toArray(String[]::new)));
        if (data != null && !tree.path("table").has("target")) {
            tree = withTarget(tree, out);
        }
        if (resume != null && checkResume) {
            refuseChangesToTheRun(PathOptions.absolute(before), tree);
        }
        return tree;
    }

    private ObjectNode resumedTree() {
        refuseWithResume("--preset", preset != null);
        refuseWithResume("--config", config != null);
        refuseWithResume("--output", output != null);
        refuseWithResume("--seed", seed != null);
        refuseWithResume("--population", population != null);
        refuseWithResume("--data", data != null);
        RunFolder folder = new RunFolder(resume);
        folder.checkResumable();
        return with(ConfigLoader.file(folder.config()), "output", resume.toString());
    }

    private ObjectNode newTree() {
        InvalidOptionException.require(
                data == null || preset == null,
                "data",
                "stands for a preset of its own (a table task): give --data or --preset, not both");
        InvalidOptionException.require(
                data != null || (label == null && target == null),
                label != null ? "label" : "target",
                "goes with --data FILE");
        if (preset == null && config == null && data == null) {
            throw new InvalidOptionException("preset", "give --preset, --config or --data (or --resume RUN_DIR)");
        }
        ObjectNode tree = preset != null
                ? ConfigLoader.preset(preset)
                : data != null ? ConfigLoader.preset(TABLE_PRESET) : JsonNodeFactory.instance.objectNode();
        if (data != null) {
            // the preset's table is replaced by the user's: its label and target are not theirs
            ((ObjectNode) tree.get("table")).removeAll();
            tree = with(tree, "table.file", data.toString());
            tree = with(tree, "table.label", label);
        }
        if (config != null) {
            tree = ConfigLoader.merge(tree, ConfigLoader.file(config));
        }
        tree = with(tree, "output", output);
        tree = with(tree, "seed", seed);
        return with(tree, "population", population);
    }

    /**
     * --data without --target (or table.target): what the label is, read off the file and said in one
     * line, with fitness the validation accuracy for a classification.
     */
    private ObjectNode withTarget(ObjectNode tree, PrintWriter out) {
        String chosen = target;
        if (chosen == null) {
            TableInference inferred = ConfigLoader.inferTable(tree);
            out.println("popflow: " + inferred.line() + " (" + inferred.reason() + "; --target says otherwise)");
            chosen = inferred.target().name().toLowerCase(Locale.ROOT);
        }
        // a value that is neither is refused by table.target's own check, as in a configuration file
        ObjectNode with = with(tree, "table.target", chosen);
        if (chosen.equals("classification") && !tree.path("table").has("fitness")) {
            with = with(with, "table.fitness", "accuracy");
        }
        return with;
    }

    /**
     * {@code tree} with the {@code --jar} flags: after a new run's own {@code jars}, or, resuming,
     * instead of those the run recorded (the same classes, built again elsewhere).
     */
    private ObjectNode withJars(ObjectNode tree, boolean resuming) {
        if (jars.isEmpty()) {
            return tree;
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        if (!resuming) {
            ConfigLoader.jars(tree).forEach(jar -> list.add(jar.toString()));
        }
        jars.forEach(jar -> list.add(jar.toString()));
        return ConfigLoader.with(tree, "jars", list);
    }

    /** {@code tree} with a flag's typed value at {@code key}, or as it is when the flag was not given. */
    private static ObjectNode with(ObjectNode tree, String key, Object value) {
        if (value == null) {
            return tree;
        }
        // whole numbers as a YAML file's: long nodes, so that a flag equals the same option in config.yaml
        JsonNode node = value instanceof Number n
                ? JsonNodeFactory.instance.numberNode(n.longValue())
                : JsonNodeFactory.instance.textNode(value.toString());
        return ConfigLoader.with(tree, key, node);
    }

    private static void refuseChangesToTheRun(ObjectNode before, ObjectNode after) {
        Set<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            InvalidOptionException.require(
                    CHANGEABLE_ON_RESUME.contains(key) || Objects.equals(before.get(key), after.get(key)),
                    "resume",
                    "continues the run as its config.yaml describes it; '" + key
                            + "' cannot change (it shapes the agents' state or dynamics); these can: "
                            + String.join(", ", new TreeSet<>(CHANGEABLE_ON_RESUME)));
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
}
