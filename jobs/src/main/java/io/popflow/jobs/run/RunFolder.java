package io.popflow.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.RunSummary;
import io.popflow.option.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run's output folder: the effective configuration ({@value #CONFIG_FILE}), the JSON Lines
 * outputs, {@code summary.json}, savepoints ({@value #SAVEPOINTS}/) and, by default, checkpoints.
 * One folder holds one run: a fresh run refuses a folder that holds anything, and a resumed run
 * continues the files it finds.
 */
public final class RunFolder {
    public static final String CONFIG_FILE = "config.yaml";
    /** The run's exported models: {@code best.onnx} and its description {@code best.json}. */
    public static final String MODELS = "models";

    public static final String SAVEPOINTS = "savepoints";

    private final Path folder;

    public RunFolder(Path folder) {
        this.folder = folder;
    }

    public Path path() {
        return folder;
    }

    public Path config() {
        return folder.resolve(CONFIG_FILE);
    }

    public Path savepoints() {
        return folder.resolve(SAVEPOINTS);
    }

    /**
     * Creates the folder of a new run; refuses one that is not a folder, cannot be written, or
     * already holds files (a run would mix its records with another's). A folder that holds only
     * what a run that never reached a snapshot wrote (stopped or refused before its first checkpoint)
     * counts as empty: nothing of it could be resumed, so the same command starts it again there.
     *
     * @param checkpointDir where the run's checkpoints go, to tell whether an earlier start left any
     */
    public void prepareFresh(Path checkpointDir) {
        create();
        try {
            List<String> names = entries();
            if (names.isEmpty()) {
                removeLeftovers();
                return;
            }
            if (neverStarted(checkpointDir)) {
                clearNeverStarted(checkpointDir);
                return;
            }
            String hint = !Files.exists(config())
                    ? "choose an empty or new folder"
                    : finished()
                            ? "it holds a finished run (" + RunSummary.FILE + "); choose another folder"
                            : "resume it with --resume " + folder + ", or choose another folder";
            List<String> shown = names.stream().limit(4).toList();
            throw new InvalidOptionException(
                    "output",
                    "folder " + folder + " is not empty (" + String.join(", ", shown)
                            + (names.size() > 4 ? ", ..." : "") + "): " + hint);
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot list folder " + folder + ": " + IoErrors.reason(e));
        }
    }

    /**
     * Whether the folder holds a run that never reached a savepoint or checkpoint: its {@value
     * #CONFIG_FILE}, perhaps outputs past no snapshot (which a resume would cut away), nothing else.
     * Never for a run without a local checkpoint folder: its cluster may hold checkpoints of it.
     */
    public boolean neverStarted(Path checkpointDir) throws IOException {
        // a run whose checkpoints the cluster keeps elsewhere (no checkpoint_dir) may have some: never cleared
        if (checkpointDir == null
                || !Files.isRegularFile(config())
                || Files.exists(folder.resolve(RunSummary.FILE))
                || hasFinalAgents()
                || snapshots(checkpointDir).newest().isPresent()) {
            return false;
        }
        return ownNames(checkpointDir).containsAll(entries());
    }

    /** The files of a run that are replaced whole ({@link AtomicFiles}): a halt can leave their temporary files. */
    private static final Set<String> REPLACED_WHOLE =
            Set.of(CONFIG_FILE, RunSummary.FILE, JobSinks.FINAL_AGENTS_FILE, JobSinks.FINAL_WEIGHTS_FILE);

    /** What a run writes in its folder before its first snapshot. */
    private static final Set<String> OWN_ENTRIES = Set.of(
            CONFIG_FILE,
            SAVEPOINTS,
            JobSinks.REPORTS_FILE,
            JobSinks.GENERATIONS_FILE,
            JobSinks.LINEAGE_FILE,
            JobSinks.FINAL_AGENTS_FILE,
            JobSinks.DISTRIBUTION_FILE,
            JobSinks.FINAL_WEIGHTS_FILE,
            MODELS);

    /** Those names, and the checkpoint folder's where it is inside this folder (by default, checkpoints/). */
    private Set<String> ownNames(Path checkpointDir) {
        Set<String> names = new java.util.HashSet<>(OWN_ENTRIES);
        if (checkpointDir != null
                && folder.toAbsolutePath()
                        .normalize()
                        .equals(checkpointDir.toAbsolutePath().normalize().getParent())) {
            names.add(checkpointDir.getFileName().toString());
        }
        return names;
    }

    private void clearNeverStarted(Path checkpointDir) throws IOException {
        removeLeftovers();
        Set<String> own = ownNames(checkpointDir);
        for (String name : entries()) {
            if (own.contains(name)) {
                deleteTree(folder.resolve(name));
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** The folder's entries, less what a write halted before its rename left: no content of a run, nor of another. */
    private List<String> entries() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !AtomicFiles.isLeftoverOf(name, REPLACED_WHOLE))
                    .sorted()
                    .toList();
        }
    }

    /** Removes the temporary files that writes halted before their rename left. */
    private void removeLeftovers() throws IOException {
        for (String name : REPLACED_WHOLE) {
            Files.deleteIfExists(AtomicFiles.temporaryOf(folder.resolve(name)));
        }
    }

    /**
     * Whether the run's job ended (its final records are written; a finished job keeps no snapshot,
     * and a bounded one summarised its last generation) but the command was ended before it wrote
     * {@code summary.json}: a resume then only writes it. A bounded run that reached its bound has
     * ended even if a checkpoint is still there: Flink deletes a finished job's checkpoints after the
     * job, and a resume right after the command returned once found one that was gone when it
     * restored (PopflowTest in CI).
     *
     * @param generations the run's bound, 0 for a run without one
     */
    public boolean endedWithoutSummary(Path checkpointDir, int generations) throws IOException {
        if (!hasFinalAgents() || Files.exists(folder.resolve(RunSummary.FILE))) {
            return false;
        }
        boolean reachedItsBound = generations > 0
                && lastGenerationSummary()
                        .map(s -> s.get("generation").asInt() + 1 >= generations)
                        .orElse(false);
        return reachedItsBound || snapshots(checkpointDir).newest().isEmpty();
    }

    /** The run's time from its configuration's writing to its final records', for a summary written later. */
    public java.time.Duration wallTimeFromFiles() throws IOException {
        return java.time.Duration.ofMillis(Math.max(
                1,
                Files.getLastModifiedTime(folder.resolve(JobSinks.FINAL_AGENTS_FILE))
                                .toMillis()
                        - Files.getLastModifiedTime(config()).toMillis()));
    }

    /** Whether the folder holds a run that ended on its own: a summary that is not a stop's. */
    public boolean finished() throws IOException {
        Path summary = folder.resolve(RunSummary.FILE);
        return Files.isRegularFile(summary) && !JsonDocument.read(summary).has("stopped");
    }

    /** Checks that the folder holds a run to resume: its configuration and output files. */
    public void checkResumable() {
        if (!Files.isDirectory(folder)) {
            throw new InvalidOptionException(
                    "resume",
                    "cannot resume " + folder + ": "
                            + (Files.exists(folder) ? "Not a directory" : "No such file or directory"));
        }
        if (!Files.isRegularFile(config())) {
            throw new InvalidOptionException(
                    "resume",
                    "cannot resume " + folder + ": it has no " + CONFIG_FILE
                            + " (not the output folder of a popflow run)");
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidOptionException("resume", "cannot resume " + folder + ": Permission denied");
        }
    }

    /** Creates the folder (and its parents) if missing. */
    public void create() {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InvalidOptionException(
                    "output", "cannot use " + folder + " as the output folder: Not a directory");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot create folder " + folder + ": " + IoErrors.reason(e));
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidOptionException("output", "cannot write to folder " + folder + ": Permission denied");
        }
    }

    /** Removes what a stopped run's end wrote and a resumed run writes anew at its own end. */
    public void clearEndOfRunFiles() throws IOException {
        removeLeftovers();
        Files.deleteIfExists(folder.resolve(RunSummary.FILE));
    }

    /** The snapshots of this run: its savepoints and its retained checkpoints under {@code checkpointDir}. */
    public RunSnapshots snapshots(Path checkpointDir) throws IOException {
        return RunSnapshots.in(savepoints(), checkpointDir);
    }

    /** The newest complete snapshot of this run (by the checkpoint id in its metadata, see {@link RunSnapshots}). */
    public Optional<Path> latestSnapshot(Path checkpointDir) throws IOException {
        return snapshots(checkpointDir).newest().map(RunSnapshots.Snapshot::path);
    }

    /** The newest complete savepoint under {@value #SAVEPOINTS}/. */
    public Optional<Path> latestSavepoint() throws IOException {
        return snapshots(null).newestSavepoint().map(RunSnapshots.Snapshot::path);
    }

    /** The last line of {@code generations.jsonl}: the newest generation summary, if any. */
    public Optional<JsonNode> lastGenerationSummary() throws IOException {
        return JsonLines.last(folder.resolve(JobSinks.GENERATIONS_FILE));
    }

    /** Fast steps the population had taken by the newest generation summary (0 if none): where a resumed run starts. */
    public long agentStepsSoFar() throws IOException {
        return lastGenerationSummary().map(s -> s.get("agent_steps").asLong()).orElse(0L);
    }

    /** Whether the run wrote its end-of-run records (it ended rather than being stopped). */
    public boolean hasFinalAgents() throws IOException {
        Path finals = folder.resolve(JobSinks.FINAL_AGENTS_FILE);
        return Files.exists(finals) && Files.size(finals) > 0;
    }
}
