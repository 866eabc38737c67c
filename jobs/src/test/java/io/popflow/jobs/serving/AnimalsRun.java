package io.popflow.jobs.serving;

import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.data.TableParser;
import io.popflow.export.ModelExport;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.task.FitnessMetric;
import io.popflow.task.TableTaskSpec;
import io.popflow.testing.ModelRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A table run's pieces without the run: a CSV of animals ({@link ModelRows#animals}: weight, a
 * colour, one of them quoted with a space, legs, and the kind as a text label), the table task over
 * it with its split and encoding, networks of its shape, and their exported models. Expected
 * outputs come from popflow's own forward pass ({@link ModelRows#forward}) on the rows as the run
 * encodes them.
 */
final class AnimalsRun {
    static final long SEED = 5;

    final Path csv;
    final Table table;
    final TableTaskSpec task;
    final int[][] parts;
    final TableEncoding encoding;
    final MlpArchitecture arch;

    private AnimalsRun(Path csv, TableTaskSpec.Missing missing) throws IOException {
        this.csv = csv;
        this.table = TableParser.read(csv, ',', true);
        this.task = new TableTaskSpec(
                table,
                table.indexOf("kind"),
                TableTaskSpec.Target.CLASSIFICATION,
                missing,
                new int[] {8},
                Activation.TANH,
                0.6,
                0.2,
                FitnessMetric.ACCURACY);
        this.parts = task.parts(SEED);
        this.encoding = task.encoding(parts[0]);
        this.arch = task.architecture(encoding.width());
    }

    static AnimalsRun in(Path dir, TableTaskSpec.Missing missing) throws IOException {
        Files.createDirectories(dir);
        return new AnimalsRun(ModelRows.animals(dir.resolve("animals.csv"), 300), missing);
    }

    /** An initialised network of the run's shape, with biases moved off zero. */
    float[] weights(long seed) {
        return PredictExportedModelTest.weights(arch, seed);
    }

    /** The exporter's model of {@code theta}, written as {@code dir/stem.onnx} + .json. */
    Path export(Path dir, String stem, float[] theta, int generation) throws IOException {
        return ExportedPairs.write(dir, stem, ModelExport.of(task, SEED, theta, Map.of()), theta, 1, generation);
    }

    /** The test rows as a user would cut them out of the file: the header, then their lines. */
    Path testRows(Path out) throws Exception {
        return PredictExportedModelTest.linesOf(csv, table, parts[2], out);
    }

    /** popflow's class probabilities of {@code theta} for table row {@code row}, its colour taken as none if asked. */
    float[] probabilities(float[] theta, int row, boolean noColour) {
        float[] x = new float[encoding.width()];
        var encoded = encoding.encode(new int[] {row});
        for (int f = 0; f < x.length; f++) {
            x[f] = encoded.feature(0, f);
        }
        if (noColour) {
            // the colour's one-hot follows the weight: inputs 1 .. categories
            TableEncoding.OneHot colour =
                    (TableEncoding.OneHot) encoding.features().get(1);
            for (int c = 0; c < colour.categories().size(); c++) {
                x[1 + c] = 0;
            }
        }
        return ModelRows.softmax(ModelRows.forward(arch, theta, x, 1))[0];
    }

    /** A row's values as a JSON object, by column name. */
    String jsonObject(int row) {
        Table.Numeric weight = (Table.Numeric) table.columns()[0];
        Table.Text colour = (Table.Text) table.columns()[1];
        Table.Numeric legs = (Table.Numeric) table.columns()[2];
        return String.format(
                Locale.ROOT,
                "{\"weight\": %s, \"colour\": \"%s\", \"legs\": %s}",
                weight.values()[row],
                colour.values()[row],
                legs.values()[row]);
    }
}
