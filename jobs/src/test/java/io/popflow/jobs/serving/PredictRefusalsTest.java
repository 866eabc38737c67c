package io.popflow.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.cli.Popflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow predict} on files that do not fit the model: one line naming the column and the
 * reason, word for word, exit code 2, and no predictions written.
 */
class PredictRefusalsTest {
    @TempDir
    Path dir;
    private Path model;
    private Path out;

    @BeforeEach
    void model() throws Exception {
        model = HandMadeModels.tableClassifier(dir.resolve("models"), "best", 1f, "refuse");
        out = dir.resolve("predictions.csv");
    }

    private Path csv(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Runs predict; returns what it wrote to standard error, after checking the exit code. */
    static String run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("predict"));
        all.addAll(List.of(args));
        int code = Popflow.run(new PrintWriter(err, true), all.toArray(new String[0]));
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(expectedCode);
        return err.toString();
    }

    private void refused(Path data, String expected, String... more) {
        List<String> args = new ArrayList<>(List.of(model.toString(), data.toString(), "--output", out.toString()));
        args.addAll(List.of(more));
        assertThat(run(2, args.toArray(new String[0]))).isEqualTo("popflow: " + expected + System.lineSeparator());
        assertThat(out).as("no predictions").doesNotExist();
        assertThat(dir.resolve("predictions.csv.partial")).doesNotExist();
    }

    @Test
    void aMissingColumn() throws Exception {
        Path f = csv("missing.csv", "x,colour,species\n1,red,a\n");
        refused(f, f + ": no column 'y', which the model reads");
        Path two = csv("two.csv", "colour\nred\n");
        refused(two, two + ": no column 'x', which the model reads (nor 1 more of its 3)");
    }

    @Test
    void anExtraColumnButNotTheLabel() throws Exception {
        Path f = csv("extra.csv", "x,y,colour,weight\n1,2,red,3\n");
        refused(f, f + ": column 'weight' is not one of the model's (it reads x, y, colour, and 'species' is its label)");
        run(0, model.toString(), csv("label.csv", "x,y,colour,species\n1,2,red,b\n").toString(), "--output", out.toString());
        assertThat(out).exists();
    }

    @Test
    void aRenamedColumnWithTheNameItMeant() throws Exception {
        Path f = csv("renamed.csv", "x,y,color\n1,2,red\n");
        refused(f, f + ": column 'color' is not one of the model's; did you mean 'colour'?");
        Path label = csv("label-renamed.csv", "x,y,colour,specie\n1,2,red,a\n");
        refused(label, label + ": column 'specie' is not one of the model's; did you mean 'species'?");
    }

    @Test
    void aFileReadWithOrWithoutAHeaderSaysWhy() throws Exception {
        Path f = csv("noheader.csv", "1,2,red\n");
        refused(f, f + ": no column 'x', which the model reads (nor 2 more of its 3); the file was read without a header "
                + "(--no-header), so its columns are column1 to column3", "--no-header");
    }

    @Test
    void aWordInANumericColumnAsTheTableTaskSaysIt() throws Exception {
        Path later = csv("later.csv", "x,y,colour\n1,2,red\n1,abc,red\n");
        refused(later, later + ":3:2 (y): 'abc' is not a number, and the column is numeric (its first value is 2)");
        Path first = csv("first.csv", "x,y,colour\n1,abc,red\n1,2,red\n");
        refused(first, first + ":2:2 (y): 'abc' is not a number, and the model's column is numeric");
    }

    @Test
    void anUnseenCategoryWithTheHint() throws Exception {
        Path f = csv("blue.csv", "x,y,colour\n1,2,red\n1,-2,blue\n");
        refused(f, f + ":3:3 (colour): category 'blue' was not seen in training (the model knows red, green); "
                + "--unknown ignore scores it as no category");
        run(0, model.toString(), f.toString(), "--output", out.toString(), "--unknown", "ignore");
        // no category adds nothing: w*x + y = 1 - 2 < 0, class a
        assertThat(Files.readAllLines(out).get(2)).startsWith("3,a,");
    }

    @Test
    void aMissingValueWhereTheRunRefusedThem() throws Exception {
        Path number = csv("na.csv", "x,y,colour\n1,2,red\nNA,2,red\n");
        refused(number, number + ":3:1 (x): missing value (the model's run refused missing values; one trained with "
                + "table.missing: impute fills them in)");
        Path text = csv("empty.csv", "x,y,colour\n1,2,red\n1,2,\n");
        refused(text, text + ":3:3 (colour): missing value (the model's run refused missing values; one trained with "
                + "table.missing: impute fills them in)");
    }

    @Test
    void aModelThatIsNotThereNotOnnxOrAlone() throws Exception {
        Path data = csv("ok.csv", "x,y,colour\n1,2,red\n");
        Path absent = dir.resolve("absent.onnx");
        assertThat(run(2, absent.toString(), data.toString())).isEqualTo("popflow: " + absent + ": no such model file"
                + System.lineSeparator());

        Path alone = dir.resolve("alone.onnx");
        Files.copy(model, alone);
        assertThat(run(2, alone.toString(), data.toString())).isEqualTo("popflow: " + alone + ": no alone.json beside "
                + "it (a model is the .onnx and the .json that describes it, written together)" + System.lineSeparator());

        Path text = dir.resolve("text.onnx");
        byte[] notOnnx = "this is not a model\n".getBytes();
        Files.write(text, notOnnx);
        Files.writeString(dir.resolve("text.json"), Files.readString(ModelPair.descriptionOf(model))
                .replaceAll("\"model_sha256\" : \"[0-9a-f]+\"", "\"model_sha256\" : \"" + ModelPair.sha256(notOnnx) + "\""));
        assertThat(run(2, text.toString(), data.toString())).startsWith("popflow: " + text + ": not an ONNX model "
                + "ONNX Runtime can load (").endsWith(")" + System.lineSeparator()).hasLineCount(1);
    }

    @Test
    void aDataFileThatIsNotThere() {
        Path absent = dir.resolve("absent.csv");
        refused(absent, absent + ": no such file");
    }
}
