package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.cli.Popflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a run ends when its numbers cannot be trusted: a test part under 30 rows is said in
 * summary.json; a last generation in which every agent diverged ends with exit 1 and one line, not a
 * summary of 0 %.
 */
class TableRunEndITCase {
    @TempDir
    Path dir;

    @Test
    void aSmallTestPartIsNamedInTheSummary() throws Exception {
        StringBuilder rows = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i)
                    .append(',')
                    .append(i % 3)
                    .append(',')
                    .append(i % 2 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Path f = Files.writeString(dir.resolve("small.csv"), rows.toString());
        Path out = dir.resolve("run");
        int code = Popflow.run(
                "train",
                "--preset",
                "diabetes",
                "--set",
                "table.file=" + f,
                "--set",
                "table.label=y",
                "--set",
                "table.target=classification",
                "--set",
                "generations=2",
                "--set",
                "population=4",
                "--set",
                "perturbation_interval=20",
                "--output",
                out.toString(),
                "--quiet");
        assertThat(code).isZero();
        JsonNode test = new ObjectMapper()
                .readTree(out.resolve(RunSummary.FILE).toFile())
                .get("test");
        assertThat(test.get("rows").asInt()).isEqualTo(8);
        assertThat(test.get("notice").asText())
                .isEqualTo("test part 8 rows, under 30: its accuracy moves in steps of 12.5%");
    }

    @Test
    void aLastGenerationOfDivergedAgentsEndsWithOneLineAndExitOne() throws Exception {
        Path out = dir.resolve("run");
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            code = Popflow.run(
                    "train",
                    "--preset",
                    "quadratic",
                    "--set",
                    "hyperparameters.lr=1000",
                    "--set",
                    "generations=2",
                    "--set",
                    "population=4",
                    "--set",
                    "perturbation_interval=20",
                    "--output",
                    out.toString(),
                    "--quiet");
        } finally {
            System.setErr(stderr);
        }
        assertThat(code).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("popflow: the run failed: every "
                        + "agent of its last generation (2 of 2) diverged, its loss or weights no longer finite numbers, so no "
                        + "agent is left to test; a likely reason is a learning rate too large for the task "
                        + "(hyperparameters.lr or hyperparam_mutations.lr)");
        assertThat(out.resolve(RunSummary.FILE)).as("no summary of 0 %").doesNotExist();
    }
}
