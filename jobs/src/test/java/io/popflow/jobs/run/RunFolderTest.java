package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.option.InvalidOptionException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which snapshot a resume takes and which folders a new run may start in. The snapshots' metadata
 * are written by Flink's own writer of the format, so the ids are read as Flink records them.
 */
class RunFolderTest {
    @TempDir
    Path dir;

    /** A snapshot folder with Flink metadata of checkpoint {@code id}, its file dated {@code secondsAgo} ago. */
    private Path snapshot(Path folder, long id, long secondsAgo) throws Exception {
        Files.createDirectories(folder);
        Path metadata = folder.resolve("_metadata");
        try (OutputStream out = Files.newOutputStream(metadata)) {
            Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(), List.of()), out);
        }
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000));
        return folder;
    }

    /** After `cp -r` the file dates say nothing: the newer state is the one of the higher checkpoint id. */
    @Test
    void theNewestSnapshotIsTheOneOfTheHighestCheckpointIdWhateverTheFileDates() throws Exception {
        RunFolder run = new RunFolder(dir);
        Path older = snapshot(dir.resolve("savepoints/savepoint-older"), 425, 0);
        Path newer = snapshot(dir.resolve("savepoints/savepoint-newer"), 639, 100);
        snapshot(dir.resolve("checkpoints/job-a/chk-600"), 600, 0);
        Files.createDirectories(dir.resolve("savepoints/savepoint-broken"));
        Files.createDirectories(dir.resolve("savepoints/savepoint-garbled"));
        Files.writeString(dir.resolve("savepoints/savepoint-garbled/_metadata"), "");
        RunSnapshots snapshots = run.snapshots(dir.resolve("checkpoints"));
        assertThat(snapshots.newest().orElseThrow().path()).isEqualTo(newer);
        assertThat(run.latestSnapshot(dir.resolve("checkpoints"))).contains(newer);
        assertThat(snapshots.whyNewest(dir))
                .isEqualTo("checkpoint 639, the newest of 3 complete snapshots; "
                        + "savepoints/savepoint-broken is incomplete (no _metadata: the stop did not finish); "
                        + "savepoints/savepoint-garbled is incomplete (its _metadata cannot be read)");
        assertThat(older).exists();
    }

    /** An aborted savepoint leaves a folder without metadata: the newest checkpoint is taken, and why is said. */
    @Test
    void anUnfinishedSavepointFallsBackToTheNewestCheckpoint() throws Exception {
        RunFolder run = new RunFolder(dir);
        Path checkpoint = snapshot(dir.resolve("checkpoints/job-a/chk-12"), 12, 50);
        snapshot(dir.resolve("checkpoints/job-a/chk-11"), 11, 0);
        Files.createDirectories(dir.resolve("savepoints/savepoint-aborted"));
        Files.writeString(dir.resolve("savepoints/savepoint-aborted/part"), "x");
        RunSnapshots snapshots = run.snapshots(dir.resolve("checkpoints"));
        assertThat(snapshots.newest().orElseThrow().path()).isEqualTo(checkpoint);
        assertThat(snapshots.newestSavepoint()).isEmpty();
        assertThat(snapshots.whyNewest(dir))
                .isEqualTo("checkpoint 12, the newest of 2 complete snapshots; "
                        + "savepoints/savepoint-aborted is incomplete (no _metadata: the stop did not finish)");
    }

    /** A run stopped or refused before its first checkpoint left nothing to resume: the same command starts again there. */
    @Test
    void aFolderOfARunThatNeverReachedASnapshotCountsAsEmpty() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        Files.writeString(dir.resolve("reports.jsonl"), "{\"agent\": 0}\n");
        Files.createDirectories(checkpoints.resolve("job-a/chk-1"));
        Files.createDirectories(dir.resolve("savepoints/savepoint-aborted"));
        RunFolder run = new RunFolder(dir);
        assertThat(run.neverStarted(checkpoints)).isTrue();
        run.prepareFresh(checkpoints);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFolderWithASnapshotOrAFileOfTheUsersIsNotStartedOver() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        Files.writeString(dir.resolve("notes.txt"), "mine\n");
        RunFolder run = new RunFolder(dir);
        assertThat(run.neverStarted(checkpoints)).isFalse();
        assertThatThrownBy(() -> run.prepareFresh(checkpoints))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("invalid option 'output': folder " + dir
                        + " is not empty (config.yaml, notes.txt): resume it with --resume " + dir
                        + ", or choose another folder");
        Files.delete(dir.resolve("notes.txt"));
        snapshot(checkpoints.resolve("job-a/chk-3"), 3, 0);
        assertThat(run.neverStarted(checkpoints)).isFalse();
        // a cluster's run (no local checkpoint folder) may have checkpoints elsewhere: never cleared
        Files.delete(checkpoints.resolve("job-a/chk-3/_metadata"));
        assertThat(run.neverStarted(null)).isFalse();
        assertThat(run.neverStarted(checkpoints)).isTrue();
    }

    @Test
    void aFinishedRunIsNotOfferedAResume() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        Files.writeString(dir.resolve("summary.json"), "{\"generations\": 20}");
        RunFolder run = new RunFolder(dir);
        assertThat(run.finished()).isTrue();
        assertThatThrownBy(() -> run.prepareFresh(dir.resolve("checkpoints")))
                .hasMessage("invalid option 'output': folder " + dir
                        + " is not empty (config.yaml, summary.json): it holds a finished run "
                        + "(summary.json); choose another folder");
    }

    /**
     * A second Ctrl-C halts the JVM between a replacement's two steps: its temporary files are left,
     * and the folder is still the run's own, cleared by the same command as before.
     */
    @Test
    void theTemporaryFilesOfAHaltedReplacementLeaveTheFolderARunsOwn() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        Files.writeString(dir.resolve(".config.yaml.tmp"), "task: quadr");
        Files.writeString(dir.resolve("reports.jsonl"), "{\"agent\": 0}\n");
        RunFolder run = new RunFolder(dir);
        assertThat(run.neverStarted(checkpoints)).isTrue();
        run.prepareFresh(checkpoints);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        // halted in the very first write: not even config.yaml is there
        Files.writeString(dir.resolve(".config.yaml.tmp"), "task: quadr");
        run.prepareFresh(checkpoints);
        assertThat(dir.resolve(".config.yaml.tmp")).doesNotExist();
    }

    /** Only the temporary names of the run's own files are its: a folder of someone else's keeps them and is refused. */
    @Test
    void aFolderOfTheUsersIsRefusedWithItsTemporaryFilesKept() throws Exception {
        Files.writeString(dir.resolve(".config.yaml.tmp"), "task: quadr");
        Files.writeString(dir.resolve(".notes.txt.tmp"), "mine");
        RunFolder run = new RunFolder(dir);
        assertThatThrownBy(() -> run.prepareFresh(dir.resolve("checkpoints")))
                .hasMessage("invalid option 'output': folder " + dir
                        + " is not empty (.notes.txt.tmp): choose an empty or new folder");
        assertThat(dir.resolve(".config.yaml.tmp")).exists();
    }

    /** A summary.json that an in-place write left cut short (as before writes were atomic) is named as damaged. */
    @Test
    void aTornSummaryIsReportedAsTheFilesDamage() throws Exception {
        Files.writeString(dir.resolve("config.yaml"), "task: quadratic\n");
        Files.writeString(dir.resolve("summary.json"), "{\n  \"seed\" : 7,\n  \"task\" : \"quad");
        RunFolder run = new RunFolder(dir);
        assertThatThrownBy(run::finished)
                .isInstanceOf(DamagedFileException.class)
                .hasMessageStartingWith(dir.resolve("summary.json") + " is damaged: it is not one JSON document (")
                .hasMessageEndingWith("); a write to it was cut short, or it was edited")
                .hasMessageNotContaining("\n");
        Files.writeString(dir.resolve("summary.json"), "");
        assertThatThrownBy(run::finished)
                .hasMessage(dir.resolve("summary.json") + " is damaged: it is empty; a write to it was cut short, or "
                        + "it was emptied");
        // two writes interleaved: a whole document, and more after it
        Files.writeString(dir.resolve("summary.json"), "{\"seed\": 7}{\"seed\": 7}");
        assertThatThrownBy(run::finished).isInstanceOf(DamagedFileException.class);
    }

    /** The newest generation summary is the last complete line: a torn one after it is not read. */
    @Test
    void theNewestGenerationSummaryIsTheLastCompleteLine() throws Exception {
        Files.writeString(
                dir.resolve("generations.jsonl"),
                "{\"generation\":0,\"agent_steps\":800}\n{\"generation\":1,\"agent_steps\":1600}\n{\"generation\":2,\"ag");
        RunFolder run = new RunFolder(dir);
        assertThat(run.lastGenerationSummary())
                .map(g -> g.get("generation").asInt())
                .contains(1);
        assertThat(run.agentStepsSoFar()).isEqualTo(1600);
    }
}
