package io.popflow.jobs.serving;

import static io.popflow.jobs.serving.PredictRefusalsTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.data.Dataset;
import io.popflow.data.DigitsData;
import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.data.TableParser;
import io.popflow.export.ModelExport;
import io.popflow.math.SplitMix64;
import io.popflow.model.Activation;
import io.popflow.model.JavaMlp;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.Nd4jMlp;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.FitnessMetric;
import io.popflow.task.TableTaskSpec;
import io.popflow.testing.ModelRows;
import io.popflow.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code popflow predict} with the exporter's models of real networks, on the test rows of a run's
 * split as a user would hold them (the file's own lines): the labels, the accuracy, R² and MAE it
 * reports equal those of popflow's own forward pass ({@link Nd4jMlp}, the one the run's test numbers
 * come from) on the rows as the run encodes them.
 */
class PredictExportedModelTest {
    @TempDir
    Path dir;

    @Test
    void aTableWithATextFeatureAndATextLabel() throws Exception {
        AnimalsRun run = AnimalsRun.in(dir, TableTaskSpec.Missing.REFUSE);
        float[] theta = run.weights(1);
        Path model = run.export(dir.resolve("models"), "best", theta, 7);
        int[] test = run.parts[2];
        Path rows = run.testRows(dir.resolve("test.csv"));

        Path out = dir.resolve("predictions.csv");
        String err = run(0, model.toString(), rows.toString(), "--output", out.toString());

        Dataset encoded = run.encoding.encode(test);
        List<String> classes = List.of(run.task.classes());
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0))
                .isEqualTo("line,label,"
                        + String.join(",", classes.stream().map(c -> "p_" + c).toList()));
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            float[] p = run.probabilities(theta, test[i], false);
            int best = ModelRows.argmax(p);
            correct += best == encoded.label(i) ? 1 : 0;
            String[] cells = lines.get(i + 1).split(",");
            assertThat(cells[0]).isEqualTo(String.valueOf(i + 2));
            assertThat(cells[1]).isEqualTo(classes.get(best));
            for (int c = 0; c < p.length; c++) {
                assertThat(Double.parseDouble(cells[2 + c])).isCloseTo(p[c], within(1e-5));
            }
        }
        // the measure the run's summary.json gives its test rows
        double accuracy = new Nd4jMlp(run.arch).evaluate(theta, encoded).accuracy();
        assertThat((double) correct / test.length).isEqualTo(accuracy);
        assertThat(err)
                .isEqualTo(String.format(
                        Locale.ROOT,
                        "predict: accuracy %.4f (%d of %d) over %d rows with a 'kind'%n",
                        accuracy,
                        correct,
                        test.length,
                        test.length));
    }

    @Test
    void aQNetworkFromObservationsByName() throws Exception {
        ControlTaskSpec task = new ControlTaskSpec(
                DqnSettings.authors(new ClassicControl(ClassicControl.CARTPOLE, 500), 32), 1, true, 10);
        MlpArchitecture arch = task.dqn().architecture(4, 2);
        float[] theta = weights(arch, 4);
        Path model = ExportedPairs.write(dir, "dqn", ModelExport.of(task, 0, theta, Map.of()), theta, 0, 9);
        SplitMix64 rng = new SplitMix64(3);
        int n = 50;
        float[] observations = new float[n * 4];
        // columns in another order than the model's: by name
        StringBuilder csv = new StringBuilder("pole_angle,cart_position,pole_angular_velocity,cart_velocity\n");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                observations[i * 4 + j] = (float) (rng.nextDouble() - 0.5);
            }
            csv.append(observations[i * 4 + 2])
                    .append(',')
                    .append(observations[i * 4])
                    .append(',')
                    .append(observations[i * 4 + 3])
                    .append(',')
                    .append(observations[i * 4 + 1])
                    .append('\n');
        }
        Path out = dir.resolve("q.csv");
        Path data = Files.writeString(dir.resolve("obs.csv"), csv);
        assertThat(run(0, model.toString(), data.toString(), "--output", out.toString()))
                .isEmpty();
        // without --output, the same through the command line's writer, which stays open after it
        java.io.StringWriter captured = new java.io.StringWriter();
        java.io.PrintWriter stdout = new java.io.PrintWriter(captured);
        assertThat(io.popflow.cli.Popflow.run(
                        stdout,
                        new java.io.PrintWriter(new java.io.StringWriter()),
                        "predict",
                        model.toString(),
                        data.toString()))
                .isZero();
        stdout.print("after");
        stdout.flush();
        assertThat(captured.toString()).isEqualTo(Files.readString(out) + "after");
        JavaMlp net = new JavaMlp(arch, n);
        System.arraycopy(observations, 0, net.input(), 0, observations.length);
        float[] q = net.forward(theta, n);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("line,action,q_0,q_1");
        for (int i = 0; i < n; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertThat(cells[1]).isEqualTo(q[2 * i + 1] > q[2 * i] ? "1" : "0");
            assertThat(Double.parseDouble(cells[2])).isCloseTo(q[2 * i], within(1e-5));
            assertThat(Double.parseDouble(cells[3])).isCloseTo(q[2 * i + 1], within(1e-5));
        }
    }

    @Test
    void theDiabetesRegressionInTheTargetsUnits() throws Exception {
        Path csv = TestData.diabetesCsv();
        Table table = TableParser.read(csv, ',', true);
        TableTaskSpec task = new TableTaskSpec(
                table,
                table.indexOf("progression"),
                TableTaskSpec.Target.REGRESSION,
                TableTaskSpec.Missing.REFUSE,
                new int[] {8},
                Activation.TANH,
                0.6,
                0.2,
                FitnessMetric.NEGATIVE_LOSS);
        long seed = 3;
        int[][] parts = task.parts(seed);
        TableEncoding encoding = task.encoding(parts[0]);
        MlpArchitecture arch = task.architecture(encoding.width());
        float[] theta = weights(arch, 2);
        Path model = ExportedPairs.write(dir, "diabetes", ModelExport.of(task, seed, theta, Map.of()), theta, 0, 3);
        int[] test = parts[2];
        Path rows = linesOf(csv, table, test, dir.resolve("test.csv"));

        Path out = dir.resolve("predictions.csv");
        String err = run(0, model.toString(), rows.toString(), "--output", out.toString());

        float[] standardised = new Nd4jMlp(arch).predict(theta, encoding.encode(test));
        double[] y = ((Table.Numeric) table.columns()[task.label()]).values();
        double mean = 0;
        for (int r : test) {
            mean += y[r] / test.length;
        }
        double residual = 0;
        double total = 0;
        double absolute = 0;
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("line,progression");
        for (int i = 0; i < test.length; i++) {
            double predicted = encoding.targetOf(standardised[i]);
            // the graph de-standardises in float: a few ulps of a value near 150
            assertThat(Double.parseDouble(lines.get(i + 1).split(",")[1])).isCloseTo(predicted, within(1e-3));
            residual += (y[test[i]] - predicted) * (y[test[i]] - predicted);
            total += (y[test[i]] - mean) * (y[test[i]] - mean);
            absolute += Math.abs(y[test[i]] - predicted);
        }
        assertThat(err)
                .isEqualTo(String.format(
                        Locale.ROOT,
                        "predict: R² %.4f, MAE %.4g over %d rows with a 'progression'%n",
                        1 - residual / total,
                        absolute / test.length,
                        test.length));
    }

    @Test
    void digitsFromAFileWithoutAHeader() throws Exception {
        DigitsTaskSpec task = new DigitsTaskSpec(new int[] {16}, Activation.RELU, 0.6, 0.2, FitnessMetric.ACCURACY);
        MlpArchitecture arch = task.architecture();
        float[] theta = weights(arch, 3);
        Path model = ExportedPairs.write(dir, "digits", ModelExport.of(task, 1, theta, Map.of()), theta, 6, 19);
        Dataset digits = DigitsData.load();
        StringBuilder file = new StringBuilder();
        for (int r = 0; r < digits.size(); r++) {
            for (int c = 0; c < DigitsData.FEATURES; c++) {
                file.append(Math.round(digits.feature(r, c) * 16)).append(',');
            }
            file.append(digits.label(r)).append('\n');
        }
        Path rows = Files.writeString(dir.resolve("digits.csv"), file);
        double accuracy = new Nd4jMlp(arch).evaluate(theta, digits).accuracy();
        String err = run(
                0,
                model.toString(),
                rows.toString(),
                "--no-header",
                "--output",
                dir.resolve("p.csv").toString());
        assertThat(err)
                .isEqualTo(String.format(
                        Locale.ROOT,
                        "predict: accuracy %.4f (%d of %d) over %d rows with a " + "'column65'%n",
                        accuracy,
                        Math.round(accuracy * digits.size()),
                        digits.size(),
                        digits.size()));
        // without --no-header the first row is taken for names, and the refusal says what to do
        assertThat(run(2, model.toString(), rows.toString()))
                .isEqualTo("popflow: " + rows + ": no column 'column1', which "
                        + "the model reads (nor 63 more of its 64); the model's columns are named as a file without a header's are: "
                        + "add --no-header" + System.lineSeparator());
    }

    /** The header and the lines of {@code rows} of {@code csv}, as a user would cut them out of it. */
    static Path linesOf(Path csv, Table table, int[] rows, Path out) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        StringBuilder s = new StringBuilder(lines.get(0)).append('\n');
        for (int r : rows) {
            s.append(lines.get(table.lines()[r] - 1)).append('\n');
        }
        return Files.writeString(out, s);
    }

    /** An initialised network, with biases moved off zero. */
    static float[] weights(MlpArchitecture arch, long seed) {
        float[] theta = new float[arch.parameterCount()];
        Nd4jMlp.initialize(arch, theta, new SplitMix64(seed));
        SplitMix64 rng = new SplitMix64(seed + 100);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += (float) (0.2 * (rng.nextDouble() - 0.5));
        }
        return theta;
    }
}
