package io.popflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.data.Dataset;
import io.popflow.math.SplitMix64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Nd4jMlpTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(new int[] {5, 7, 3}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY),
                Arguments.of(new int[] {5, 7, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY),
                Arguments.of(new int[] {4, 6, 5, 2}, Activation.TANH, OutputLoss.SQUARED_ERROR),
                Arguments.of(new int[] {4, 6, 5, 2}, Activation.RELU, OutputLoss.SQUARED_ERROR),
                Arguments.of(new int[] {6, 3}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY));
    }

    /**
     * Directional finite differences: (L(θ+εd) − L(θ−εd)) / 2ε against ∇L·d for random unit d.
     * The central difference is exact to O(ε²) where the loss is smooth; at ε = 1e-3 the float32
     * rounding of the loss (~1e-7 relative) adds ~1e-4 absolute, hence the tolerance 1% + 2e-4.
     * A ReLU kink within ε of some unit's input would break smoothness; the fixed seeds avoid one.
     * A wrong backward pass is off by O(|∇L·d|).
     */
    @ParameterizedTest
    @MethodSource("networks")
    void gradientMatchesFiniteDifferences(int[] sizes, Activation activation, OutputLoss loss) {
        MlpArchitecture arch = new MlpArchitecture(sizes, activation, loss);
        Dataset data = randomData(arch, 9, new SplitMix64(11));
        Nd4jMlp mlp = new Nd4jMlp(arch);
        SplitMix64 rng = new SplitMix64(3);
        float[] theta = new float[arch.parameterCount()];
        Nd4jMlp.initialize(arch, theta, rng);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += (float) (0.1 * rng.nextGaussian()); // non-zero biases too
        }
        int[] rows = {0, 3, 1, 4, 8, 2};
        float[] grad = new float[theta.length];
        mlp.lossAndGradient(theta, data, rows, grad);

        double eps = 1e-3;
        for (int trial = 0; trial < 8; trial++) {
            double[] d = new double[theta.length];
            double norm = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextGaussian();
                norm += d[i] * d[i];
            }
            double analytic = 0;
            float[] plus = theta.clone();
            float[] minus = theta.clone();
            for (int i = 0; i < d.length; i++) {
                d[i] /= Math.sqrt(norm);
                analytic += grad[i] * d[i];
                plus[i] += (float) (eps * d[i]);
                minus[i] -= (float) (eps * d[i]);
            }
            float[] scratch = new float[theta.length];
            double numeric =
                    (mlp.lossAndGradient(plus, data, rows, scratch) - mlp.lossAndGradient(minus, data, rows, scratch))
                            / (2 * eps);
            assertThat(numeric)
                    .as("directional derivative %d", trial)
                    .isCloseTo(analytic, within(1e-2 * Math.abs(analytic) + 2e-4));
        }
    }

    /** With all weights zero the softmax is uniform: loss ln k, bias gradient mean(1/k − y). */
    @Test
    void zeroWeightsGiveUniformPrediction() {
        MlpArchitecture arch = new MlpArchitecture(new int[] {3, 4}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        Dataset data = Dataset.classification(3, x, new int[] {0, 0, 2}, 4);
        Nd4jMlp mlp = new Nd4jMlp(arch);
        float[] theta = new float[arch.parameterCount()];
        float[] grad = new float[theta.length];
        double loss = mlp.lossAndGradient(theta, data, new int[] {0, 1, 2}, grad);
        assertThat(loss).isCloseTo(Math.log(4), within(1e-6));
        // bias column of the 4 x (3+1) matrix: offsets 12..15
        assertThat(grad[12]).isCloseTo(0.25f - 2f / 3, within(1e-6f));
        assertThat(grad[13]).isCloseTo(0.25f, within(1e-6f));
        assertThat(grad[14]).isCloseTo(0.25f - 1f / 3, within(1e-6f));
        assertThat(grad[15]).isCloseTo(0.25f, within(1e-6f));
        Evaluation e = mlp.evaluate(theta, data);
        assertThat(e.loss()).isCloseTo(Math.log(4), within(1e-6));
    }

    /** A hand-set linear classifier: accuracy counts argmax hits exactly. */
    @Test
    void evaluationCountsCorrectPredictions() {
        MlpArchitecture arch = new MlpArchitecture(new int[] {2, 2}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        // logits z0 = x0, z1 = x1 (column-major 2 x 3: w00, w10, w01, w11, b0, b1)
        float[] theta = {1, 0, 0, 1, 0, 0};
        float[] x = {2, 1, 0, 3, 5, 4, 1, 1.5f};
        Dataset data = Dataset.classification(2, x, new int[] {0, 1, 1, 0}, 2);
        Evaluation e = new Nd4jMlp(arch).evaluate(theta, data);
        assertThat(e.accuracy()).isEqualTo(0.5);
    }

    /** Results do not depend on which batch-size buffers were used before (buffers are reused). */
    @Test
    void repeatedCallsAreIdentical() {
        MlpArchitecture arch =
                new MlpArchitecture(new int[] {5, 8, 3}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
        Dataset data = randomData(arch, 20, new SplitMix64(5));
        Nd4jMlp mlp = new Nd4jMlp(arch);
        float[] theta = new float[arch.parameterCount()];
        Nd4jMlp.initialize(arch, theta, new SplitMix64(1));
        float[] g1 = new float[theta.length];
        float[] g2 = new float[theta.length];
        int[] rows = {1, 2, 3, 4};
        double l1 = mlp.lossAndGradient(theta, data, rows, g1);
        mlp.lossAndGradient(theta, data, new int[] {7, 8, 9, 10, 11, 12, 13}, new float[theta.length]);
        mlp.evaluate(theta, data);
        double l2 = mlp.lossAndGradient(theta, data, rows, g2);
        assertThat(l2).isEqualTo(l1);
        assertThat(g2).containsExactly(g1);
    }

    static Dataset randomData(MlpArchitecture arch, int rows, SplitMix64 rng) {
        float[] x = new float[rows * arch.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        if (arch.loss() == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = rng.nextInt(arch.outputSize());
            }
            return Dataset.classification(arch.inputSize(), x, labels, arch.outputSize());
        }
        float[] y = new float[rows * arch.outputSize()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        return Dataset.regression(arch.inputSize(), x, y, arch.outputSize());
    }
}
