package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's bad CSV: one line naming the problem and where, exit code 2, before any job starts. */
class TableFileTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    /** {@code popflow train --preset diabetes} on {@code file}, with {@code sets}; asserts one line and exit 2. */
    private void refused(Path file, String expected, String... sets) {
        List<String> args = new ArrayList<>(List.of("train", "--preset", "diabetes", "--set", "table.file=" + file,
                "--output", dir.resolve("out").toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        StringWriter err = new StringWriter();
        int code = Popflow.run(new PrintWriter(err, true), args.toArray(new String[0]));
        assertThat(err.toString()).isEqualTo("popflow: invalid option " + expected + System.lineSeparator());
        assertThat(code).isEqualTo(2);
        assertThat(dir.resolve("out")).as("nothing started").doesNotExist();
    }

    @Test
    void anEmptyFileOrOneWithOnlyAHeader() throws Exception {
        Path empty = csv("empty.csv", "");
        refused(empty, "'table.file': " + empty + " holds no rows");
        Path header = csv("header.csv", "a,b,progression\n\n");
        refused(header, "'table.file': " + header + " holds no rows below its header");
    }

    @Test
    void aFileThatIsNotThere() {
        Path missing = dir.resolve("missing.csv");
        refused(missing, "'table.file': no file " + missing.toAbsolutePath());
    }

    @Test
    void aRaggedRowNamesItsLine() throws Exception {
        Path f = csv("ragged.csv", "a,b,progression\n1,2,3\n4,5\n");
        refused(f, "'table.file': " + f + ":3: 2 values, where the header has 3");
    }

    @Test
    void aWordInANumericColumnNamesLineAndColumn() throws Exception {
        Path f = csv("word.csv", "a,b,progression\n1,2,3\n4,five,6\n");
        refused(f, "'table.file': " + f + ":3:2 (b): 'five' is not a number, and the column is numeric (its first "
                + "value is 2)");
    }

    @Test
    void aNonFiniteValue() throws Exception {
        Path f = csv("inf.csv", "a,b,progression\n1,2,3\n4,inf,6\n");
        refused(f, "'table.file': " + f + ":3:2 (b): 'inf' is not a finite number");
        Path nan = csv("nan.csv", "a,b,progression\n1,2,3\nNaN,5,6\n");
        refused(nan, "'table.file': " + nan + ":3:1 (a): 'NaN' is not a finite number");
    }

    @Test
    void aLabelColumnThatDoesNotExist() throws Exception {
        Path f = csv("ok.csv", "a,b,y\n1,2,3\n4,5,6\n");
        refused(f, "'table.label': no column 'progression' in " + f + " (columns: a, b, y; or a number from 1 to 3)");
        refused(f, "'table.label': no column '4' in " + f + " (columns: a, b, y; or a number from 1 to 3)",
                "table.label=4");
    }

    @Test
    void aSingleClass() throws Exception {
        Path f = csv("one.csv", "a,b,kind\n1,2,cat\n4,5,cat\n");
        refused(f, "'table.label': column 'kind' of " + f + " holds one class ('cat'): there is nothing to tell apart",
                "table.label=kind", "table.target=classification", "table.fitness=accuracy");
    }

    @Test
    void aMissingValueIsRefusedUnlessImputed() throws Exception {
        Path f = csv("gap.csv", "a,b,progression\n1,2,3\n4,,6\n7,8,9\n");
        refused(f, "'table.file': " + f + ":3:2 (b): missing value (table.missing: impute fills it with the training mean)");
        Path label = csv("nolabel.csv", "a,b,progression\n1,2,3\n4,5,NA\n");
        refused(label, "'table.file': " + label + ":3:3 (progression): the label is missing; a row without its label "
                + "cannot be learned from", "table.missing=impute");
    }

    @Test
    void aTextLabelForARegression() throws Exception {
        Path f = csv("text.csv", "a,b,progression\n1,2,high\n4,5,low\n");
        refused(f, "'table.label': column 'progression' of " + f + " holds text: a regression needs numbers");
    }
}
