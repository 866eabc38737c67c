package io.popflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.popflow.data.Dataset;
import io.popflow.data.Table;
import io.popflow.math.SplitMix64;
import io.popflow.model.JavaMlp;
import io.popflow.model.MlpArchitecture;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the tests of exported models share: rows as ONNX Runtime takes them, popflow's own forward
 * pass ({@link JavaMlp}, plain Java) to compare with, and a table with a text feature and a text label.
 */
public final class ModelRows {
    /**
     * Largest difference allowed between ONNX Runtime's outputs and popflow's forward pass: the
     * graph sums its products in another order and computes a table's standardisation in float
     * (popflow in double, rounded once); both move a probability or a Q-value by a few float ulps
     * (about 1e-7 at these sizes).
     */
    public static final double TOLERANCE = 1e-5;

    private ModelRows() {}

    /** The rows of {@code d}, row-major. */
    public static float[] flat(Dataset d) {
        float[] x = new float[d.size() * d.features()];
        for (int r = 0; r < d.size(); r++) {
            for (int c = 0; c < d.features(); c++) {
                x[r * d.features() + c] = d.feature(r, c);
            }
        }
        return x;
    }

    /** popflow's forward pass of {@code theta} on the first {@code n} encoded rows of {@code x}. */
    public static float[][] forward(MlpArchitecture arch, float[] theta, float[] x, int n) {
        JavaMlp net = new JavaMlp(arch, n);
        System.arraycopy(x, 0, net.input(), 0, n * arch.inputSize());
        float[] out = net.forward(theta, n);
        float[][] rows = new float[n][arch.outputSize()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(out, i * arch.outputSize(), rows[i], 0, arch.outputSize());
        }
        return rows;
    }

    /** Softmax of each row, in double. */
    public static float[][] softmax(float[][] logits) {
        float[][] p = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float z : logits[i]) {
                max = Math.max(max, z);
            }
            double sum = 0;
            for (float z : logits[i]) {
                sum += Math.exp(z - max);
            }
            p[i] = new float[logits[i].length];
            for (int c = 0; c < p[i].length; c++) {
                p[i][c] = (float) (Math.exp(logits[i][c] - max) / sum);
            }
        }
        return p;
    }

    /** The index of the largest value (the first on ties, as ONNX's ArgMax). */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The largest absolute difference between {@code actual} and {@code expected}, value by value. */
    public static double largestDifference(float[][] actual, float[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).hasSameSizeAs(expected[i]);
            for (int j = 0; j < actual[i].length; j++) {
                worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]));
            }
        }
        return worst;
    }

    /** Asserts that no value of {@code actual} is further than {@link #TOLERANCE} from {@code expected}'s. */
    public static void assertClose(float[][] actual, float[][] expected) {
        assertWithinTolerance(largestDifference(actual, expected), actual.length + " rows");
    }

    /** Asserts that {@code worst}, the largest difference over {@code what}, is within {@link #TOLERANCE}. */
    public static void assertWithinTolerance(double worst, String what) {
        // printed for the record (the closing note of issue 25 quotes them)
        System.out.printf(
                Locale.ROOT,
                "ONNX Runtime against popflow's forward pass: largest difference %.3g over %s%n",
                worst,
                what);
        assertThat(worst).as("largest difference from popflow's forward pass").isLessThanOrEqualTo(TOLERANCE);
    }

    /** One graph input per feature column of {@code rows}, as the file holds them (the caller closes them). */
    public static Map<String, OnnxTensor> rawColumns(OrtEnvironment ort, Table table, int[] rows, int label)
            throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        for (int c = 0; c < table.columns().length; c++) {
            if (c == label) {
                continue;
            }
            if (table.columns()[c] instanceof Table.Numeric num) {
                float[] v = new float[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = (float) num.values()[rows[i]];
                }
                inputs.put(
                        table.names()[c],
                        OnnxTensor.createTensor(ort, FloatBuffer.wrap(v), new long[] {rows.length, 1}));
            } else {
                String[][] v = new String[rows.length][1];
                for (int i = 0; i < rows.length; i++) {
                    v[i][0] = ((Table.Text) table.columns()[c]).values()[rows[i]];
                }
                inputs.put(table.names()[c], OnnxTensor.createTensor(ort, v));
            }
        }
        return inputs;
    }

    /**
     * A CSV of animals: weight (a number that tells the kinds apart), colour (text, one value
     * quoted), legs (a number), kind (the text label: owl, cat or dog).
     */
    public static Path animals(Path file, int rows) throws IOException {
        SplitMix64 rng = new SplitMix64(42);
        String[] colours = {"red", "green", "\"light blue\""};
        String[] kinds = {"owl", "cat", "dog"};
        StringBuilder csv = new StringBuilder("weight,colour,legs,kind\n");
        for (int i = 0; i < rows; i++) {
            int k = rng.nextInt(3);
            double weight = 1 + 3 * k + rng.nextDouble() * 2;
            csv.append(String.format(Locale.ROOT, "%.3f", weight))
                    .append(',')
                    .append(colours[(k + rng.nextInt(2)) % 3])
                    .append(',')
                    .append(k == 0 ? 2 : 4)
                    .append(',')
                    .append(kinds[k])
                    .append('\n');
        }
        return Files.writeString(file, csv);
    }
}
