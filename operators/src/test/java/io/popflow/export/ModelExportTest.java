package io.popflow.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.popflow.data.Dataset;
import io.popflow.data.DigitsData;
import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.data.TableParser;
import io.popflow.math.SplitMix64;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.Nd4jMlp;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnSettings;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.FitnessMetric;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.TableTaskSpec;
import io.popflow.testing.ModelRows;
import io.popflow.testing.TestData;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime, an implementation that shares nothing with popflow, runs each exported graph on
 * raw rows; its outputs must equal popflow's own forward pass ({@link JavaMlp}, plain Java) on
 * the rows as popflow encodes them. Tolerance 1e-5: the graph computes a table's standardisation
 * in float where popflow computes it in double and rounds once, and the products are summed in
 * another order; both move a probability or a Q-value by a few float ulps (about 1e-7 here).
 */
class ModelExportTest {
    private static OrtEnvironment ort;

    @BeforeAll
    static void startRuntime() {
        ort = OrtEnvironment.getEnvironment();
    }

    @Test
    void digitsProbabilitiesAndLabelsEqualTheForwardPass() throws Exception {
        DigitsTaskSpec task = new DigitsTaskSpec(new int[] {16}, Activation.RELU, 0.6, 0.2, FitnessMetric.ACCURACY);
        MlpArchitecture arch = task.architecture();
        float[] theta = weights(arch, 1);
        Dataset digits = DigitsData.load();
        int n = 300;
        float[] pixels = new float[n * DigitsData.FEATURES];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = digits.feature(i / DigitsData.FEATURES, i % DigitsData.FEATURES)
                    * 16f; // the file's 0..16 (k/16 is exact)
        }
        ExportedModel m = ModelExport.of(task, 7, theta, Map.of());
        try (OrtSession s = ort.createSession(m.onnx());
                OnnxTensor x =
                        OnnxTensor.createTensor(ort, FloatBuffer.wrap(pixels), new long[] {n, DigitsData.FEATURES});
                OrtSession.Result r = s.run(Map.of("pixels", x))) {
            float[][] p = (float[][]) r.get("probabilities").get().getValue();
            String[] labels = (String[]) r.get("label").get().getValue();
            float[][] expected = ModelRows.softmax(ModelRows.forward(arch, theta, ModelRows.flat(digits), n));
            ModelRows.assertClose(p, expected);
            for (int i = 0; i < n; i++) {
                assertThat(labels[i]).isEqualTo(String.valueOf(ModelRows.argmax(expected[i])));
            }
        }
        assertThat(m.description().columns()).hasSize(64);
        assertThat(m.description().classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void aTableWithATextFeatureAndTextLabelsCarriesItsEncoding(@TempDir Path dir) throws Exception {
        Path csv = ModelRows.animals(dir.resolve("animals.csv"), 240);
        for (TableTaskSpec.Missing missing : TableTaskSpec.Missing.values()) {
            Table table = TableParser.read(csv, ',', true);
            TableTaskSpec task = new TableTaskSpec(
                    table,
                    table.indexOf("kind"),
                    TableTaskSpec.Target.CLASSIFICATION,
                    missing,
                    new int[] {8},
                    Activation.TANH,
                    0.6,
                    0.2,
                    FitnessMetric.ACCURACY);
            long seed = 11;
            int[][] parts = task.parts(seed);
            TableEncoding encoding = task.encoding(parts[0]);
            MlpArchitecture arch = task.architecture(encoding.width());
            float[] theta = weights(arch, 2);
            ExportedModel m = ModelExport.of(task, seed, theta, Map.of());
            int[] test = parts[2];
            Dataset encoded = encoding.encode(test);
            try (OrtSession s = ort.createSession(m.onnx())) {
                Map<String, OnnxTensor> inputs = ModelRows.rawColumns(ort, table, test, table.indexOf("kind"));
                try (OrtSession.Result r = s.run(inputs)) {
                    float[][] p = (float[][]) r.get("probabilities").get().getValue();
                    String[] labels = (String[]) r.get("label").get().getValue();
                    float[][] expected =
                            ModelRows.softmax(ModelRows.forward(arch, theta, ModelRows.flat(encoded), test.length));
                    ModelRows.assertClose(p, expected);
                    for (int i = 0; i < test.length; i++) {
                        assertThat(labels[i]).isEqualTo(task.classes()[ModelRows.argmax(expected[i])]);
                    }
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            }
            assertThat(m.description().missing()).isEqualTo(missing.name().toLowerCase());
            assertThat(m.description().labelColumn()).isEqualTo("kind");
            assertThat(m.description().columns())
                    .extracting(ModelDescription.Column::name)
                    .containsExactly("weight", "colour", "legs");
            assertThat(m.description().columns().get(1).categories())
                    .containsExactlyInAnyOrder("red", "green", "light blue");
        }
    }

    @Test
    void anUnseenCategoryAndAnImputedValueAreScoredAsInTraining(@TempDir Path dir) throws Exception {
        Table table = TableParser.read(ModelRows.animals(dir.resolve("animals.csv"), 240), ',', true);
        TableTaskSpec task = new TableTaskSpec(
                table,
                table.indexOf("kind"),
                TableTaskSpec.Target.CLASSIFICATION,
                TableTaskSpec.Missing.IMPUTE,
                new int[] {8},
                Activation.TANH,
                0.6,
                0.2,
                FitnessMetric.ACCURACY);
        TableEncoding encoding = task.encoding(task.parts(3)[0]);
        MlpArchitecture arch = task.architecture(encoding.width());
        float[] theta = weights(arch, 3);
        ExportedModel m = ModelExport.of(task, 3, theta, Map.of());
        // a row whose colour was never seen and whose weight is missing: all-zero one-hot, the mean
        TableEncoding.Standardised weight =
                (TableEncoding.Standardised) encoding.features().get(0);
        TableEncoding.Standardised legs =
                (TableEncoding.Standardised) encoding.features().get(2);
        float[] encoded = new float[encoding.width()];
        encoded[0] = 0f;
        encoded[encoding.width() - 1] = (float) ((4 - legs.mean()) / legs.deviation());
        try (OrtSession s = ort.createSession(m.onnx());
                OnnxTensor w =
                        OnnxTensor.createTensor(ort, FloatBuffer.wrap(new float[] {Float.NaN}), new long[] {1, 1});
                OnnxTensor c = OnnxTensor.createTensor(ort, new String[][] {{"purple"}});
                OnnxTensor l = OnnxTensor.createTensor(ort, FloatBuffer.wrap(new float[] {4}), new long[] {1, 1});
                OrtSession.Result r = s.run(Map.of("weight", w, "colour", c, "legs", l))) {
            float[][] p = (float[][]) r.get("probabilities").get().getValue();
            ModelRows.assertClose(p, ModelRows.softmax(ModelRows.forward(arch, theta, encoded, 1)));
        }
        assertThat(weight.name()).isEqualTo("weight");
    }

    @Test
    void aRegressionPredictsInTheTargetsUnits() throws Exception {
        Table table = TableParser.read(TestData.diabetesCsv(), ',', true);
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
        int[][] parts = task.parts(5);
        TableEncoding encoding = task.encoding(parts[0]);
        MlpArchitecture arch = task.architecture(encoding.width());
        float[] theta = weights(arch, 4);
        ExportedModel m = ModelExport.of(task, 5, theta, Map.of());
        int[] test = parts[2];
        float[] standardised = new Nd4jMlp(arch).predict(theta, encoding.encode(test));
        Map<String, OnnxTensor> inputs = ModelRows.rawColumns(ort, table, test, table.indexOf("progression"));
        try (OrtSession s = ort.createSession(m.onnx());
                OrtSession.Result r = s.run(inputs)) {
            float[][] y = (float[][]) r.get("prediction").get().getValue();
            for (int i = 0; i < test.length; i++) {
                double expected = encoding.targetOf(standardised[i]);
                // relative to the target's scale (about 77 units): the same 1e-5 in standardised units
                assertThat((double) y[i][0])
                        .isCloseTo(
                                expected,
                                org.assertj.core.data.Offset.offset(
                                        ModelRows.TOLERANCE * encoding.targetStatistics()[1]));
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        assertThat(m.description().kind()).isEqualTo(ModelDescription.Kind.REGRESSION);
        assertThat(m.description().target().name()).isEqualTo("progression");
    }

    @Test
    void aQNetworkGivesQValuesAndTheGreedyAction() throws Exception {
        ControlTaskSpec task = new ControlTaskSpec(
                DqnSettings.authors(new ClassicControl(ClassicControl.CARTPOLE, 500), 32), 1, true, 10);
        MlpArchitecture arch = task.dqn().architecture(4, 2);
        float[] theta = weights(arch, 5);
        int n = 200;
        float[] observations = new float[n * 4];
        SplitMix64 rng = new SplitMix64(9);
        for (int i = 0; i < observations.length; i++) {
            observations[i] = (float) (rng.nextDouble() * 0.4 - 0.2);
        }
        ExportedModel m = ModelExport.of(task, 0, theta, Map.of("popflow.agent", "3"));
        try (OrtSession s = ort.createSession(m.onnx());
                OnnxTensor x = OnnxTensor.createTensor(ort, FloatBuffer.wrap(observations), new long[] {n, 4});
                OrtSession.Result r = s.run(Map.of("observation", x))) {
            float[][] q = (float[][]) r.get("q_values").get().getValue();
            long[] action = (long[]) r.get("action").get().getValue();
            float[][] expected = ModelRows.forward(arch, theta, observations, n);
            ModelRows.assertClose(q, expected);
            for (int i = 0; i < n; i++) {
                assertThat(action[i]).isEqualTo(ModelRows.argmax(expected[i]));
            }
            assertThat(s.getMetadata().getCustomMetadata()).containsEntry("popflow.agent", "3");
        }
        assertThat(m.description().actions()).containsExactly("push_left", "push_right");
        assertThat(m.description().columns())
                .extracting(ModelDescription.Column::name)
                .containsExactly("cart_position", "cart_velocity", "pole_angle", "pole_angular_velocity");
    }

    @Test
    void anAnalyticTaskHasNoModel() {
        QuadraticTaskSpec quadratic = new QuadraticTaskSpec(2, 0.5, 5.0, 1.0, 0.5);
        assertThat(ModelExport.whyNoModel(quadratic))
                .isEqualTo(
                        "task quadratic has no model to export: its θ is a point of an analytic function, not a network");
        assertThatThrownBy(() -> ModelExport.of(quadratic, 0, new float[2], Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightsOfAnotherNetworkAreRefused() {
        DigitsTaskSpec task = new DigitsTaskSpec(new int[] {16}, Activation.RELU, 0.6, 0.2, FitnessMetric.ACCURACY);
        assertThatThrownBy(() -> ModelExport.of(task, 0, new float[10], Map.of()))
                .hasMessage(
                        "weights of length 10 are not those of MLP[64, 16, 10] relu softmax_cross_entropy (1210 parameters)");
    }

    private static float[] weights(MlpArchitecture arch, long seed) {
        float[] theta = new float[arch.parameterCount()];
        Nd4jMlp.initialize(arch, theta, new SplitMix64(seed));
        SplitMix64 rng = new SplitMix64(seed + 100);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += (float) (0.1 * (rng.nextDouble() - 0.5)); // non-zero biases too
        }
        return theta;
    }
}
