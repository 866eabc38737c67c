package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that repeats on every restart ends the run with its cause, where Flink used to restart
 * the job without end. The failure is a real one: resuming the checkpoint a popflow from before
 * versioned state left behind (committed under {@code golden/run-before-versioned-state/}, see its
 * README.txt), which today's popflow cannot read.
 */
class BoundedRestartsITCase {
    @TempDir
    Path dir;

    @Test
    void aRepeatingFailureEndsTheRunWithItsCause() throws Exception {
        Path run = JobRuns.copyOfGolden("run-before-versioned-state", dir.resolve("old"));
        PopflowProcess p = PopflowProcess.start(
                dir.resolve("logs"),
                "old",
                "train",
                "--resume",
                run.toString(),
                "--set",
                "restart_attempts=2",
                "--quiet");
        try {
            Integer code = p.awaitExit(Duration.ofMinutes(2));
            assertThat(code)
                    .as("exit code; stdout: %s%nstderr: %s", p.stdout(), p.stderr())
                    .isEqualTo(1);
            List<String> ours =
                    p.stderr().lines().filter(l -> l.startsWith("popflow: ")).toList();
            assertThat(ours).as("stderr: %s", p.stderr()).hasSize(2);
            assertThat(ours.get(0)).startsWith("popflow: the run failed: ");
            assertThat(ours.get(1))
                    .isEqualTo("popflow: its newest checkpoint is kept; resume with: popflow train --resume " + run);
        } finally {
            p.kill();
        }
    }
}
