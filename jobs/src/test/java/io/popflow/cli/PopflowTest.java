package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(o.err()).isEqualTo("popflow: invalid option 'preset': give --preset or --config" + System.lineSeparator());
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
        Outcome o = run("train", "--preset", "quadratic", "--output", file.resolve("sub").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().lines()).hasSize(1).allMatch(l -> l.startsWith("popflow: invalid option 'output': cannot create folder"));
    }

    @Test
    void badFlagValue() {
        Outcome o = run("train", "--preset", "digits", "--seed", "abc", "--output", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().lines()).hasSize(1).allMatch(l -> l.contains("--seed"));
    }
}
