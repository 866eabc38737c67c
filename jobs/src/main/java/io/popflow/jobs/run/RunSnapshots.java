package io.popflow.jobs.run;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;

/**
 * The snapshots a run folder holds: its savepoints ({@code savepoints/<name>/}) and retained
 * checkpoints ({@code <checkpoint_dir>/<job>/chk-<n>/}), complete ones (with {@code _metadata}) and
 * savepoints that did not finish. The newest is the one with the highest checkpoint id recorded in
 * its metadata, never the newest file: a copy of the folder ({@code cp -r}) gives every file the
 * copy's time. Flink numbers a run's snapshots in order across its jobs: a job restored from a
 * snapshot goes on counting after that snapshot's id, so a later state has a higher id.
 */
public final class RunSnapshots {
    static final String METADATA = "_metadata";

    /** One complete snapshot and the checkpoint id in its metadata. */
    public record Snapshot(Path path, long checkpointId, boolean savepoint) {}

    /** A snapshot that cannot be resumed from, and why. */
    public record Unusable(Path path, String reason) {}

    private final List<Snapshot> complete;
    /** Savepoints without metadata (a stop aborted or killed while it wrote them), snapshots with unreadable metadata. */
    private final List<Unusable> incomplete;

    private RunSnapshots(List<Snapshot> complete, List<Unusable> incomplete) {
        this.complete = complete;
        this.incomplete = incomplete;
    }

    /** Reads what {@code savepoints} and {@code checkpoints} (either may be missing or null) hold. */
    public static RunSnapshots in(Path savepoints, Path checkpoints) throws IOException {
        List<Snapshot> complete = new ArrayList<>();
        List<Unusable> incomplete = new ArrayList<>();
        for (Path folder : folders(savepoints, 1)) {
            if (Files.isRegularFile(folder.resolve(METADATA))) {
                add(folder, true, complete, incomplete);
            } else {
                incomplete.add(new Unusable(folder, "no " + METADATA + ": the stop did not finish"));
            }
        }
        for (Path folder : folders(checkpoints, 2)) {
            if (folder.getFileName().toString().startsWith("chk-") && Files.isRegularFile(folder.resolve(METADATA))) {
                add(folder, false, complete, incomplete);
            }
        }
        // newest first; of two with one id (a savepoint and the checkpoint it was also written as), the savepoint
        complete.sort(Comparator.comparingLong(Snapshot::checkpointId)
                .thenComparing(Snapshot::savepoint)
                .reversed());
        incomplete.sort(Comparator.comparing(Unusable::path));
        return new RunSnapshots(List.copyOf(complete), List.copyOf(incomplete));
    }

    /** The newest complete snapshot, if any. */
    public Optional<Snapshot> newest() {
        return complete.stream().findFirst();
    }

    /** The newest complete savepoint, if any. */
    public Optional<Snapshot> newestSavepoint() {
        return complete.stream().filter(Snapshot::savepoint).findFirst();
    }

    private static void add(Path folder, boolean savepoint, List<Snapshot> complete, List<Unusable> unusable) {
        try {
            complete.add(new Snapshot(folder, checkpointId(folder), savepoint));
        } catch (IOException e) {
            unusable.add(new Unusable(folder, "its " + METADATA + " cannot be read"));
        }
    }

    /**
     * Why the newest was taken, for the line a resume prints: {@code checkpoint 57, the newest of 3
     * complete snapshots; savepoints/savepoint-ab12 is incomplete (no _metadata: the stop did not finish)}.
     */
    public String whyNewest(Path runFolder) {
        Snapshot s = newest().orElseThrow();
        StringBuilder why = new StringBuilder("checkpoint ").append(s.checkpointId());
        why.append(
                complete.size() == 1
                        ? ", the only complete snapshot"
                        : ", the newest of " + complete.size() + " complete snapshots");
        for (Unusable u : incomplete) {
            why.append("; ")
                    .append(shown(runFolder, u.path()))
                    .append(" is incomplete (")
                    .append(u.reason())
                    .append(")");
        }
        return why.toString();
    }

    /** {@code p} relative to the run folder where it is inside it. */
    public static String shown(Path runFolder, Path p) {
        Path folder = runFolder.toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(folder) ? folder.relativize(abs).toString() : abs.toString();
    }

    /** The checkpoint id a snapshot's metadata records (Flink's own reader of the format). */
    static long checkpointId(Path snapshot) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(snapshot.resolve(METADATA)))) {
            return Checkpoints.loadCheckpointMetadata(
                            new DataInputStream(in),
                            RunSnapshots.class.getClassLoader(),
                            snapshot.toUri().toString())
                    .getCheckpointId();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read " + snapshot.resolve(METADATA) + ": " + e.getMessage(), e);
        }
    }

    /** The folders exactly {@code depth} levels below {@code root}. */
    private static List<Path> folders(Path root, int depth) throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(
                root,
                depth,
                (p, a) -> a.isDirectory() && root.relativize(p).getNameCount() == depth && !root.equals(p))) {
            return found.toList();
        }
    }
}
