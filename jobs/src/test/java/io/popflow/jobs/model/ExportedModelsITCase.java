package io.popflow.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.api.Environment;
import io.popflow.cli.Popflow;
import io.popflow.config.PopulationConfig;
import io.popflow.data.Dataset;
import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.run.RunFolder;
import io.popflow.math.SplitMix64;
import io.popflow.model.MlpArchitecture;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.TableTaskSpec;
import io.popflow.testing.ModelRows;
import io.popflow.testing.TestData;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runs end with {@code models/best.onnx}; ONNX Runtime, which shares no code with popflow,
 * runs it on the run's own test rows (or test episodes), and what it gives equals what the run
 * measured: its outputs equal popflow's forward pass within 1e-5 (float sums in another order, a
 * table's standardisation in float), and the test accuracy, R² or greedy return computed from the
 * file equals the one in {@code summary.json}. The ONNX project's checker accepts every file.
 */
class ExportedModelsITCase {
    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void digits() throws Exception {
        Path run = train("--preset", "digits", "--set", "generations=3", "--set", "population=4");
        PopulationConfig config = config(run);
        DigitsTaskSpec task = (DigitsTaskSpec) config.task();
        Dataset test = task.split(config.seed()).test();
        float[] pixels = ModelRows.flat(test);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] *= 16f; // the file's values 0..16 (k/16 is exact)
        }
        try (OrtSession s = session(run);
                OnnxTensor x = OnnxTensor.createTensor(ORT, FloatBuffer.wrap(pixels), new long[] {test.size(), 64});
                OrtSession.Result r = s.run(Map.of("pixels", x))) {
            float[][] p = (float[][]) r.get("probabilities").get().getValue();
            String[] labels = (String[]) r.get("label").get().getValue();
            ModelRows.assertClose(
                    p,
                    ModelRows.softmax(
                            ModelRows.forward(task.architecture(), weights(run), ModelRows.flat(test), test.size())));
            int correct = 0;
            for (int i = 0; i < test.size(); i++) {
                correct += labels[i].equals(String.valueOf(test.label(i))) ? 1 : 0;
            }
            assertThat((double) correct / test.size())
                    .isEqualTo(summaryTest(run).get("accuracy").asDouble());
        }
        OnnxChecker.check(RunModels.bestModel(run));
    }

    @Test
    void aTableWithATextFeatureAndATextLabel() throws Exception {
        Path csv = ModelRows.animals(dir.resolve("animals.csv"), 300);
        Path run = train(
                "--preset",
                "diabetes",
                "--set",
                "table.file=" + csv,
                "--set",
                "table.label=kind",
                "--set",
                "table.target=classification",
                "--set",
                "generations=3",
                "--set",
                "population=4");
        PopulationConfig config = config(run);
        TableTaskSpec task = (TableTaskSpec) config.task();
        int[][] parts = task.parts(config.seed());
        TableEncoding encoding = task.encoding(parts[0]);
        int[] rows = parts[2];
        Map<String, OnnxTensor> inputs = ModelRows.rawColumns(ORT, task.table(), rows, task.label());
        try (OrtSession s = session(run);
                OrtSession.Result r = s.run(inputs)) {
            float[][] p = (float[][]) r.get("probabilities").get().getValue();
            String[] labels = (String[]) r.get("label").get().getValue();
            MlpArchitecture arch = task.architecture(encoding.width());
            ModelRows.assertClose(
                    p,
                    ModelRows.softmax(
                            ModelRows.forward(arch, weights(run), ModelRows.flat(encoding.encode(rows)), rows.length)));
            int correct = 0;
            for (int i = 0; i < rows.length; i++) {
                correct += labels[i].equals(TableEncoding.labelText(task.table(), task.label(), rows[i])) ? 1 : 0;
            }
            assertThat((double) correct / rows.length)
                    .isEqualTo(summaryTest(run).get("accuracy").asDouble());
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        JsonNode d = description(run);
        assertThat(d.get("classes")).extracting(JsonNode::asText).containsExactly("cat", "dog", "owl");
        assertThat(d.get("columns").get(1).get("categories"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("red", "green", "light blue");
        OnnxChecker.check(RunModels.bestModel(run));
    }

    @Test
    void theDiabetesPresetsRegression() throws Exception {
        Path run = train(
                "--preset",
                "diabetes",
                "--set",
                "table.file=" + TestData.diabetesCsv(),
                "--set",
                "generations=3",
                "--set",
                "population=4");
        PopulationConfig config = config(run);
        TableTaskSpec task = (TableTaskSpec) config.task();
        int[][] parts = task.parts(config.seed());
        TableEncoding encoding = task.encoding(parts[0]);
        int[] rows = parts[2];
        double[] y = ((Table.Numeric) task.table().columns()[task.label()]).values();
        Map<String, OnnxTensor> inputs = ModelRows.rawColumns(ORT, task.table(), rows, task.label());
        try (OrtSession s = session(run);
                OrtSession.Result r = s.run(inputs)) {
            float[][] predicted = (float[][]) r.get("prediction").get().getValue();
            float[][] standardised = ModelRows.forward(
                    task.architecture(encoding.width()),
                    weights(run),
                    ModelRows.flat(encoding.encode(rows)),
                    rows.length);
            double mean = 0;
            for (int row : rows) {
                mean += y[row] / rows.length;
            }
            double squares = 0;
            double total = 0;
            for (int i = 0; i < rows.length; i++) {
                double units = encoding.targetOf(standardised[i][0]);
                // 1e-5 of the target's deviation: the same bound as on the standardised outputs
                assertThat((double) predicted[i][0])
                        .isCloseTo(units, within(ModelRows.TOLERANCE * encoding.targetStatistics()[1]));
                squares += (predicted[i][0] - y[rows[i]]) * (predicted[i][0] - y[rows[i]]);
                total += (y[rows[i]] - mean) * (y[rows[i]] - mean);
            }
            // predictions that differ by under 1e-5 deviations move R² by under 1e-6
            assertThat(1 - squares / total).isCloseTo(summaryTest(run).get("r2").asDouble(), within(1e-6));
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        assertThat(description(run).get("target").get("name").asText()).isEqualTo("progression");
        OnnxChecker.check(RunModels.bestModel(run));
    }

    @Test
    void aCartPoleDqnPolicy() throws Exception {
        Path run = train(
                "--preset",
                "cartpole-pbt",
                "--set",
                "population=4",
                "--set",
                "generations=3",
                "--set",
                "returns.test_episodes=20");
        assertGreedyReturnAsMeasured(run);
    }

    @Test
    void anEvolutionStrategysMean() throws Exception {
        Path run = train(
                "--preset",
                "es-cartpole",
                "--set",
                "population=8",
                "--set",
                "generations=3",
                "--set",
                "returns.test_episodes=20");
        assertThat(description(run).get("weights").asText()).isEqualTo("the evolution strategy's final mean");
        assertGreedyReturnAsMeasured(run);
    }

    /** The greedy policy of the exported Q-network, ONNX Runtime choosing every action, on the run's test episodes. */
    private void assertGreedyReturnAsMeasured(Path run) throws Exception {
        PopulationConfig config = config(run);
        ControlTaskSpec task = (ControlTaskSpec) config.task();
        JsonNode test = description(run).get("test");
        SplitMix64 rng = new SplitMix64(test.get("episodes_seed").asLong());
        Environment env = task.dqn().environment().create();
        MlpArchitecture arch = task.dqn().architecture(env.observationSize(), env.actions());
        float[] theta = weights(run);
        double sum = 0;
        int steps = 0;
        double worst = 0;
        try (OrtSession s = session(run)) {
            for (int e = 0; e < test.get("episodes").asInt(); e++) {
                double[] o = env.reset(rng);
                boolean done = false;
                while (!done) {
                    float[] observation = new float[o.length];
                    for (int i = 0; i < o.length; i++) {
                        observation[i] = (float) o[i];
                    }
                    try (OnnxTensor x = OnnxTensor.createTensor(
                                    ORT, FloatBuffer.wrap(observation), new long[] {1, o.length});
                            OrtSession.Result r = s.run(Map.of("observation", x))) {
                        float[][] q = (float[][]) r.get("q_values").get().getValue();
                        worst = Math.max(
                                worst, ModelRows.largestDifference(q, ModelRows.forward(arch, theta, observation, 1)));
                        Environment.Step step =
                                env.step((int) ((long[]) r.get("action").get().getValue())[0]);
                        sum += step.reward();
                        o = step.observation();
                        done = step.done();
                        steps++;
                    }
                }
            }
        }
        assertThat(steps).isPositive();
        ModelRows.assertWithinTolerance(worst, steps + " observations");
        assertThat(sum / test.get("episodes").asInt())
                .isEqualTo(test.get("greedy_return").asDouble());
        OnnxChecker.check(RunModels.bestModel(run));
    }

    private Path train(String... args) {
        Path out = dir.resolve("run-" + args[1] + "-" + System.nanoTime());
        String[] all = new String[args.length + 4];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--output";
        all[args.length + 2] = out.toString();
        all[args.length + 3] = "--quiet";
        assertThat(Popflow.run(all)).isZero();
        assertThat(RunModels.bestModel(out)).exists();
        assertThat(ModelFiles.descriptionOf(RunModels.bestModel(out))).exists();
        return out;
    }

    private static PopulationConfig config(Path run) {
        return ConfigLoader.parse(ConfigLoader.file(run.resolve(RunFolder.CONFIG_FILE)))
                .population();
    }

    private static OrtSession session(Path run) throws Exception {
        return ORT.createSession(Files.readAllBytes(RunModels.bestModel(run)));
    }

    private static JsonNode description(Path run) throws Exception {
        return JSON.readTree(ModelFiles.descriptionOf(RunModels.bestModel(run)).toFile());
    }

    private static JsonNode summaryTest(Path run) throws Exception {
        return JSON.readTree(run.resolve(RunSummary.FILE).toFile()).get("test");
    }

    /** The best agent's final weights, which the model was made of. */
    private static float[] weights(Path run) throws Exception {
        int best = JSON.readTree(run.resolve(RunSummary.FILE).toFile())
                .get("best_agent")
                .asInt();
        return FinalWeights.read(run).get(best).params();
    }
}
