package io.popflow.jobs.run;

import io.popflow.config.InvalidOptionException;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.RunSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's output folder: the effective configuration ({@value #CONFIG_FILE}), the JSON Lines
 * outputs, {@code summary.json}, savepoints ({@value #SAVEPOINTS}/) and, by default, checkpoints.
 * One folder holds one run: a fresh run refuses a folder that holds anything, and a resumed run
 * continues the files it finds.
 */
public final class RunFolder {
    public static final String CONFIG_FILE = "config.yaml";
    public static final String SAVEPOINTS = "savepoints";
    private static final String METADATA = "_metadata";
    private static final ObjectMapper JSON = new ObjectMapper();

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
     * already holds files (a run would mix its records with another's).
     */
    public void prepareFresh() {
        create();
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().limit(4).toList();
            if (!names.isEmpty()) {
                String hint = Files.exists(config())
                        ? "resume it with --resume " + folder + ", or choose another folder"
                        : "choose an empty or new folder";
                throw new InvalidOptionException("output", "folder " + folder + " is not empty (" + String.join(", ", names)
                        + (names.size() == 4 ? ", ..." : "") + "): " + hint);
            }
        } catch (IOException e) {
            throw new InvalidOptionException("output", "cannot list folder " + folder + ": " + IoErrors.reason(e));
        }
    }

    /** Checks that the folder holds a run to resume: its configuration and output files. */
    public void checkResumable() {
        if (!Files.isDirectory(folder)) {
            throw new InvalidOptionException("resume", "cannot resume " + folder + ": "
                    + (Files.exists(folder) ? "Not a directory" : "No such file or directory"));
        }
        if (!Files.isRegularFile(config())) {
            throw new InvalidOptionException("resume", "cannot resume " + folder + ": it has no " + CONFIG_FILE
                    + " (not the output folder of a popflow run)");
        }
        if (!Files.isWritable(folder)) {
            throw new InvalidOptionException("resume", "cannot resume " + folder + ": Permission denied");
        }
    }

    /** Creates the folder (and its parents) if missing. */
    public void create() {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InvalidOptionException("output", "cannot use " + folder + " as the output folder: Not a directory");
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
        Files.deleteIfExists(folder.resolve(RunSummary.FILE));
    }

    /**
     * The newest complete snapshot of this run: a savepoint under {@value #SAVEPOINTS}/ or a
     * retained checkpoint under {@code checkpointDir} (Flink's {@code <job>/chk-<n>/} layout),
     * whichever was written last; a snapshot is complete when its {@code _metadata} exists.
     */
    public Optional<Path> latestSnapshot(Path checkpointDir) throws IOException {
        Optional<Path> savepoint = newest(savepoints(), 1);
        Optional<Path> checkpoint = newest(checkpointDir, 2);
        if (savepoint.isEmpty()) {
            return checkpoint;
        }
        if (checkpoint.isEmpty()) {
            return savepoint;
        }
        return Optional.of(modified(savepoint.get()).compareTo(modified(checkpoint.get())) >= 0
                ? savepoint.get() : checkpoint.get());
    }

    /** The newest complete savepoint under {@value #SAVEPOINTS}/. */
    public Optional<Path> latestSavepoint() throws IOException {
        return newest(savepoints(), 1);
    }

    /** The newest folder {@code depth} levels under {@code root} that holds a {@code _metadata} file. */
    private static Optional<Path> newest(Path root, int depth) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(root, depth + 1, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().equals(METADATA) && root.relativize(p).getNameCount() == depth + 1)) {
            return files.map(Path::getParent).max(Comparator.comparing(RunFolder::modified));
        }
    }

    private static FileTime modified(Path snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.resolve(METADATA));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The last line of {@code generations.jsonl}: the newest generation summary, if any. */
    public Optional<JsonNode> lastGenerationSummary() throws IOException {
        Path file = folder.resolve(JobSinks.GENERATIONS_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String last = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                last = line;
            }
        }
        return last == null ? Optional.empty() : Optional.of(JSON.readTree(last));
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
