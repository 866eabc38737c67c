package io.popflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM halted at any instant of replacing a file (a second Ctrl-C) leaves the file whole: the
 * version before or the one being written, never a part; the temporary file it may leave is
 * replaced by the next write. The halts are real: {@link HaltingWriter} in a JVM of its own.
 */
class AtomicFilesTest {
    /**
     * When the halts come: after so many writes, then 0 to 15 ms later, within the next write (a
     * write of 1 MiB with its sync took about 20 ms here, measured over 100 on the loaded 2-core
     * machine), so that they land in the middle of a write, in its sync and at its rename.
     */
    private static final int[][] HALTS = {{1, 0}, {1, 300}, {2, 1_000}, {2, 3_000}, {3, 0}, {3, 6_000}, {4, 15_000}};

    @TempDir
    Path dir;

    @Test
    void aHaltAtAnyInstantLeavesTheFileWhole() throws Exception {
        for (int[] halt : HALTS) {
            Path target = dir.resolve("summary-" + halt[0] + "-" + halt[1] + ".json");
            assertThat(haltWhileWriting(target, halt[0], halt[1], "atomic")).isEqualTo(GracefulStop.ABORTED);
            // whole: it parses, and holds in full a version at least as new as the last write completed
            JsonNode document = JsonDocument.read(target);
            assertThat(document.get("pad").asText()).hasSize(HaltingWriter.PAD);
            assertThat(document.get("version").asLong()).isGreaterThanOrEqualTo(halt[0]);
        }
    }

    @Test
    void theNextWriteReplacesAHaltedOnesTemporaryFile() throws Exception {
        Path target = dir.resolve("config.yaml");
        Files.writeString(AtomicFiles.temporaryOf(target), "task: quadr");
        AtomicFiles.writeLines(target, List.of("task: quadratic", "population: 8"));
        assertThat(target).hasContent("task: quadratic\npopulation: 8\n");
        assertThat(AtomicFiles.temporaryOf(target)).doesNotExist();
        assertThat(AtomicFiles.temporaryOf(target).getFileName().toString()).isEqualTo(".config.yaml.tmp");
        assertThat(AtomicFiles.isLeftoverOf(".config.yaml.tmp", List.of("summary.json", "config.yaml")))
                .isTrue();
        assertThat(AtomicFiles.isLeftoverOf(".notes.txt.tmp", List.of("summary.json", "config.yaml")))
                .isFalse();
    }

    /** Starts {@link HaltingWriter} on {@code target} and returns its exit code. */
    static int haltWhileWriting(Path target, int writesBefore, long micros, String how) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HaltingWriter.class.getName(),
                        target.toString(),
                        Integer.toString(writesBefore),
                        Long.toString(micros),
                        how)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the writer halted").isTrue();
        return p.exitValue();
    }
}
