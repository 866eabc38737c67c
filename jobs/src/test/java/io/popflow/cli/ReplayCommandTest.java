package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.jobs.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code popflow replay} refuses, in one line and with exit code 2, what it cannot replay, and writes nothing. */
class ReplayCommandTest {
    @TempDir
    Path dir;

    private String refusal(String... args) {
        StringWriter err = new StringWriter();
        int code = Popflow.run(new PrintWriter(err, true), args);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        return err.toString().strip();
    }

    private Path finishedRun(String... options) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        ConfigLoader.writeYaml(ConfigLoader.set(ConfigLoader.preset("digits"), options), run.resolve("config.yaml"));
        Files.writeString(
                run.resolve("summary.json"), "{\"best_agent\": 1, \"generations\": 2, \"params_sha256\": \"ab\"}");
        return run;
    }

    @Test
    void aFolderThatIsNotThere() {
        assertThat(refusal("replay", dir.resolve("nope").toString()))
                .isEqualTo("popflow: invalid option 'RUN_DIR': " + "cannot replay " + dir.resolve("nope")
                        + ": no such folder");
    }

    @Test
    void aFolderWithoutARun() {
        assertThat(refusal("replay", dir.toString()))
                .isEqualTo("popflow: invalid option 'RUN_DIR': cannot replay " + dir
                        + ": it holds no config.yaml: not a popflow run's output folder");
    }

    @Test
    void aRunThatHasNotEnded() throws Exception {
        Path run = finishedRun("output=x");
        Files.delete(run.resolve("summary.json"));
        assertThat(refusal("replay", run.toString()))
                .endsWith(": it holds no summary.json: the run has not ended "
                        + "(or was killed); replay needs a finished run");
    }

    @Test
    void aStoppedRun() throws Exception {
        Path run = finishedRun("output=x");
        Files.writeString(run.resolve("summary.json"), "{\"stopped\": {\"generation\": 4}}");
        assertThat(refusal("replay", run.toString()))
                .endsWith(": the run was stopped at generation 4 before its end; "
                        + "resume it to its end (popflow train --resume " + run + ") and replay it then");
    }

    /** A run of generations: 0 has no end to resume to: the refusal says how to give it one. */
    @Test
    void aStoppedRunWithoutAnEnd() throws Exception {
        Path run = finishedRun("output=x", "generations=0");
        Files.writeString(run.resolve("summary.json"), "{\"stopped\": {\"generation\": 4}}");
        assertThat(refusal("replay", run.toString()))
                .endsWith(": the run was stopped at generation 4 before its end; "
                        + "it has no end (generations: 0): give it one, resume it to it (popflow train --resume " + run
                        + " --generations N, N above 4) and replay it then");
    }

    @Test
    void anAsynchronousRun() throws Exception {
        Path run = finishedRun("output=x", "mode=asynchronous");
        assertThat(refusal("replay", run.toString()))
                .endsWith(
                        ": in an asynchronous run a donor sends whatever it "
                                + "last reported when the request reaches it, which the records do not pin down; replay needs mode: synchronous");
    }

    @Test
    void aRunWithMerging() throws Exception {
        Path run = finishedRun("output=x", "merge.strength=0.5");
        assertThat(refusal("replay", run.toString()))
                .contains("with merging every agent is pulled toward the elite's mean weights");
    }

    @Test
    void aRunOfAnEarlierPopflow() throws Exception {
        Path run = finishedRun("output=x");
        Files.writeString(
                run.resolve("reports.jsonl"),
                "{\"agent\": 0, \"generation\": 0, \"steps\": 200, "
                        + "\"hyperparameters\": {\"lr\": 0.1, \"weight_decay\": 0.001, \"batch_size\": 32}}\n");
        assertThat(refusal("replay", run.toString()))
                .endsWith(": its reports have no rng_state: the run was made by a "
                        + "popflow older than replay; run it again to replay it");
        assertThat(run.resolve("replay.json")).doesNotExist();
    }
}
