package io.popflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.testing.ModelRows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --data FILE --label COLUMN}: a user's table in one command, no preset, what the
 * label is read off the file and said in the first line; with the options that need it refused in
 * one line.
 */
class TrainDataITCase {
    @TempDir
    Path dir;

    @Test
    void aTextLabelTrainsAClassifierOnAccuracy() throws Exception {
        Path csv = ModelRows.animals(dir.resolve("animals.csv"), 200);
        Path out = dir.resolve("run");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            code = Popflow.run(
                    "train",
                    "--data",
                    csv.toString(),
                    "--label",
                    "kind",
                    "--generations",
                    "2",
                    "--population",
                    "4",
                    "--output",
                    out.toString(),
                    "--quiet");
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().findFirst())
                .hasValue("popflow: table: 200 rows, 2 "
                        + "numeric and 1 text features, label 'kind': classification, 3 classes (its label is text; --target "
                        + "says otherwise)");
        JsonNode table = ConfigLoader.file(out.resolve("config.yaml")).get("table");
        assertThat(table.get("target").asText()).isEqualTo("classification");
        assertThat(table.get("fitness").asText()).isEqualTo("accuracy");
        assertThat(table.get("file").asText()).isEqualTo(csv.toAbsolutePath().toString());
        assertThat(out.resolve("models/best.onnx")).exists();
    }

    @Test
    void refusals() throws Exception {
        Path csv = ModelRows.animals(dir.resolve("animals.csv"), 40);
        assertThat(refusal("train", "--data", csv.toString(), "--preset", "digits", "--output", "x"))
                .isEqualTo("popflow: invalid option 'data': stands for a preset of its own (a table task): give --data "
                        + "or --preset, not both");
        assertThat(refusal("train", "--preset", "digits", "--label", "y", "--output", "x"))
                .isEqualTo("popflow: invalid option 'label': goes with --data FILE");
        assertThat(refusal("train", "--data", csv.toString(), "--label", "nope", "--output", "x"))
                .isEqualTo("popflow: invalid option 'table.label': no column 'nope' in " + csv.toAbsolutePath()
                        + " (columns: weight, colour, legs, kind; or a number from 1 to 4)");
        assertThat(refusal("train", "--data", csv.toString(), "--target", "clasification", "--output", "x"))
                .isEqualTo("popflow: invalid option 'table.target': unknown value 'clasification' (known: "
                        + "classification, regression)");
    }

    private static String refusal(String... args) {
        StringWriter err = new StringWriter();
        assertThat(Popflow.run(new PrintWriter(err, true), args)).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        return err.toString().strip();
    }
}
