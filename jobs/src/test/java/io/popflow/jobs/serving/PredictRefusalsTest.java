package io.popflow.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.cli.Popflow;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.task.TableTaskSpec;
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
 * {@code popflow predict} on files that do not fit an exported table model (columns weight,
 * colour, legs; label kind): one line naming the column and the reason, word for word, exit code
 * 2, and no predictions written.
 */
class PredictRefusalsTest {
    @TempDir
    Path dir;

    private AnimalsRun run;
    private float[] theta;
    private Path model;
    private Path out;

    @BeforeEach
    void model() throws Exception {
        run = AnimalsRun.in(dir, TableTaskSpec.Missing.REFUSE);
        theta = run.weights(1);
        model = run.export(dir.resolve("models"), "best", theta, 4);
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
        Path f = csv("missing.csv", "weight,colour,kind\n1,red,owl\n");
        refused(f, f + ": no column 'legs', which the model reads");
        Path two = csv("two.csv", "colour\nred\n");
        refused(two, two + ": no column 'weight', which the model reads (nor 1 more of its 3)");
    }

    @Test
    void anExtraColumnButNotTheLabel() throws Exception {
        Path f = csv("extra.csv", "weight,colour,legs,age\n1,red,2,3\n");
        refused(
                f,
                f
                        + ": column 'age' is not one of the model's (it reads weight, colour, legs, and 'kind' is its label)");
        run(
                0,
                model.toString(),
                csv("label.csv", "weight,colour,legs,kind\n1,red,2,owl\n").toString(),
                "--output",
                out.toString());
        assertThat(out).exists();
    }

    @Test
    void aRenamedColumnWithTheNameItMeant() throws Exception {
        Path f = csv("renamed.csv", "weight,color,legs\n1,red,2\n");
        refused(f, f + ": column 'color' is not one of the model's; did you mean 'colour'?");
        Path label = csv("label-renamed.csv", "weight,colour,legs,kinds\n1,red,2,owl\n");
        refused(label, label + ": column 'kinds' is not one of the model's; did you mean 'kind'?");
    }

    @Test
    void aColumnTwice() throws Exception {
        Path f = csv("twice.csv", "weight,colour,legs,legs\n1,red,2,2\n");
        refused(f, f + ": column 'legs' appears twice in the header");
    }

    @Test
    void aFileReadWithoutAHeaderSaysSo() throws Exception {
        Path f = csv("noheader.csv", "1,red,2\n");
        refused(
                f,
                f + ": no column 'weight', which the model reads (nor 2 more of its 3); the file was read without a "
                        + "header (--no-header), so its columns are column1 to column3",
                "--no-header");
    }

    @Test
    void aWordInANumericColumnAsTheTableTaskSaysIt() throws Exception {
        Path later = csv("later.csv", "weight,colour,legs\n1,red,2\n1,red,four\n");
        refused(later, later + ":3:3 (legs): 'four' is not a number, and the column is numeric (its first value is 2)");
        Path first = csv("first.csv", "weight,colour,legs\n1,red,four\n1,red,2\n");
        refused(first, first + ":2:3 (legs): 'four' is not a number, and the model's column is numeric");
    }

    @Test
    void anUnseenCategoryWithTheHint() throws Exception {
        int row = run.parts[2][0];
        Path f = csv(
                "purple.csv",
                "weight,colour,legs\n1,red,2\n"
                        + String.join(
                                        ",",
                                        List.of(Files.readAllLines(run.csv)
                                                        .get(run.table.lines()[row] - 1)
                                                        .split(","))
                                                .subList(0, 3))
                                .replaceFirst(",[^,]+,", ",purple,")
                        + "\n");
        // the categories in the order the training rows first show them
        refused(
                f,
                f + ":3:2 (colour): category 'purple' was not seen in training (the model knows light blue, red, "
                        + "green); --unknown ignore scores it as no category");
        run(0, model.toString(), f.toString(), "--output", out.toString(), "--unknown", "ignore");
        String[] cells = Files.readAllLines(out).get(2).split(",");
        float[] expected = run.probabilities(theta, row, true);
        for (int c = 0; c < expected.length; c++) {
            assertThat(Double.parseDouble(cells[2 + c])).isCloseTo(expected[c], within(1e-5));
        }
    }

    @Test
    void aMissingValueWhereTheRunRefusedThem() throws Exception {
        Path number = csv("na.csv", "weight,colour,legs\n1,red,2\nNA,red,2\n");
        refused(
                number,
                number + ":3:1 (weight): missing value (the model's run refused missing values; one trained "
                        + "with table.missing: impute fills them in)");
        Path text = csv("empty.csv", "weight,colour,legs\n1,red,2\n1,,2\n");
        refused(
                text,
                text + ":3:2 (colour): missing value (the model's run refused missing values; one trained with "
                        + "table.missing: impute fills them in)");
    }

    @Test
    void aModelThatIsNotThereNotOnnxOrAlone() throws Exception {
        Path data = csv("ok.csv", "weight,colour,legs\n1,red,2\n");
        Path absent = dir.resolve("absent.onnx");
        assertThat(run(2, absent.toString(), data.toString()))
                .isEqualTo("popflow: " + absent + ": no such model file" + System.lineSeparator());

        Path alone = dir.resolve("alone.onnx");
        Files.copy(model, alone);
        assertThat(run(2, alone.toString(), data.toString()))
                .isEqualTo("popflow: " + alone + ": no alone.json beside "
                        + "it (a model is the .onnx and the .json that describes it, written together)"
                        + System.lineSeparator());

        Path text = dir.resolve("text.onnx");
        byte[] notOnnx = "this is not a model\n".getBytes();
        Files.write(text, notOnnx);
        Files.writeString(
                dir.resolve("text.json"),
                Files.readString(ModelFiles.descriptionOf(model))
                        .replaceAll(
                                "\"model_sha256\" : \"[0-9a-f]+\"",
                                "\"model_sha256\" : \"" + ModelFiles.sha256(notOnnx) + "\""));
        assertThat(run(2, text.toString(), data.toString()))
                .isEqualTo("popflow: " + text + ": not a model ONNX Runtime "
                        + "can load (Failed to load model because protobuf parsing failed)" + System.lineSeparator());

        Path notJson = dir.resolve("odd.onnx");
        Files.copy(model, notJson);
        Files.writeString(dir.resolve("odd.json"), "{\"format\": 1}");
        assertThat(run(2, notJson.toString(), data.toString()))
                .isEqualTo("popflow: " + dir.resolve("odd.json")
                        + ": names no columns (not a model description of popflow's)" + System.lineSeparator());
    }

    @Test
    void aDataFileThatIsNotThere() {
        Path absent = dir.resolve("absent.csv");
        refused(absent, absent + ": no such file");
    }
}
