package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--preset",
                "diabetes",
                "--set",
                "table.file=" + file,
                "--output",
                dir.resolve("out").toString()));
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
        refused(
                f,
                "'table.file': " + f + ":3:2 (b): 'five' is not a number, and the column is numeric (its first "
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
        refused(
                f,
                "'table.label': no column '4' in " + f + " (columns: a, b, y; or a number from 1 to 3)",
                "table.label=4");
    }

    @Test
    void aSingleClass() throws Exception {
        Path f = csv("one.csv", "a,b,kind\n1,2,cat\n4,5,cat\n");
        refused(
                f,
                "'table.label': column 'kind' of " + f + " holds one class ('cat'): there is nothing to tell apart",
                "table.label=kind",
                "table.target=classification",
                "table.fitness=accuracy");
    }

    @Test
    void aMissingValueIsRefusedUnlessImputed() throws Exception {
        Path f = csv("gap.csv", "a,b,progression\n1,2,3\n4,,6\n7,8,9\n");
        refused(
                f,
                "'table.file': " + f
                        + ":3:2 (b): missing value (table.missing: impute fills it with the training mean)");
        Path label = csv("nolabel.csv", "a,b,progression\n1,2,3\n4,5,NA\n");
        refused(
                label,
                "'table.file': " + label + ":3:3 (progression): the label is missing; a row without its label "
                        + "cannot be learned from",
                "table.missing=impute");
    }

    @Test
    void aTextLabelForARegression() throws Exception {
        Path f = csv("text.csv", "a,b,progression\n1,2,high\n4,5,low\n");
        refused(f, "'table.label': column 'progression' of " + f + " holds text: a regression needs numbers");
    }

    @Test
    void aSemicolonFileReadWithCommasSaysWhichDelimiterReadsIt() throws Exception {
        Path f = csv("semicolons.csv", "a;b;progression\n1;2;3\n4;5;6\n");
        refused(
                f,
                "'table.file': " + f + " has one column: there is nothing to learn the label from (its header holds "
                        + "';': table.delimiter: semicolon reads it)",
                "table.delimiter=comma");
        Path tabs = csv("tabs.csv", "a\tb\tprogression\n1\t2\t3\n4\t5\t6\n");
        refused(
                tabs,
                "'table.file': " + tabs + " has one column: there is nothing to learn the label from (its header "
                        + "holds tabs: table.delimiter: tab reads it)",
                "table.delimiter=semicolon");
    }

    @Test
    void aQuoteLeftOpenNamesTheLineItOpensOn() throws Exception {
        Path f = csv("open.csv", "a,b,progression\n1,2,3\n4,\"5,6\n7,8,9\n");
        refused(f, "'table.file': " + f + ":3: a quoted value is not closed (no '\"' after its opening one)");
    }

    @Test
    void twoRowsOfTwoClassesLeaveValidationAndTestEmpty() throws Exception {
        Path f = csv("two.csv", "a,b,y\n1,2,yes\n3,4,no\n");
        refused(
                f,
                "'table.file': " + f + ": table.split [0.6, 0.2] of its 2 rows, by class, leaves the validation and "
                        + "test parts empty (train 2, validation 0, test 0): it needs more rows",
                "table.label=y",
                "table.target=classification");
    }

    @Test
    void aRegressionOfThreeRowsLeavesTheTestPartEmpty() throws Exception {
        Path f = csv("three.csv", "a,b,progression\n1,2,3\n4,5,6\n7,8,9\n");
        refused(
                f,
                "'table.file': " + f + ": table.split [0.6, 0.2] of its 3 rows leaves the test part empty (train 2, "
                        + "validation 1, test 0): it needs more rows");
    }

    @Test
    void fiveRowsOfTwoClassesAreTooFewToLearnThem() throws Exception {
        Path f = csv("five.csv", "a,b,y\n1,2,yes\n3,4,no\n5,6,yes\n7,8,no\n9,1,yes\n");
        refused(
                f,
                "'table.file': column 'y' of " + f + ": 2 classes for 5 rows (3 of them for training, fewer than 2 "
                        + "per class): too few rows to learn the classes",
                "table.label=y",
                "table.target=classification");
    }

    @Test
    void aClassTheSplitGivesNoTrainingRow() throws Exception {
        StringBuilder rows = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 80; i++) {
            rows.append(i)
                    .append(',')
                    .append(i % 7)
                    .append(',')
                    .append(i % 2 == 0 ? "cat" : "dog")
                    .append('\n');
        }
        rows.append("1,1,owl\n");
        Path f = csv("owl.csv", rows.toString());
        refused(
                f,
                "'table.file': " + f + ": table.split [0.3, 0.3] leaves class 'owl' (1 row) without a training row "
                        + "(train 24, validation 24, test 33): the network could never learn it",
                "table.label=y",
                "table.target=classification",
                "table.split=[0.3, 0.3]");
    }

    @Test
    void aNumericLabelOfNearlyOneValuePerRowIsAskedWhetherItIsARegression() throws Exception {
        StringBuilder rows = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 300; i++) {
            rows.append(i % 13)
                    .append(',')
                    .append(i % 7)
                    .append(',')
                    .append(i < 297 ? i : i - 3)
                    .append('\n');
        }
        Path f = csv("many.csv", rows.toString());
        refused(
                f,
                "'table.target': column 'y' of " + f + ": 297 classes for 300 rows (297 of them for training, fewer "
                        + "than 2 per class): is this a regression? (table.target: regression)",
                "table.label=y",
                "table.target=classification");
    }

    @Test
    void theDiabetesTargetAsAClassification() throws Exception {
        Path data = Paths.get("").toAbsolutePath();
        while (!Files.exists(data.resolve("data/diabetes/diabetes.csv"))) {
            data = data.getParent();
        }
        Path f = data.resolve("data/diabetes/diabetes.csv");
        refused(
                f,
                "'table.target': column 'progression' of " + f + ": 214 classes for 442 rows (283 of them for "
                        + "training, fewer than 2 per class): is this a regression? (table.target: regression)",
                "table.target=classification");
    }
}
