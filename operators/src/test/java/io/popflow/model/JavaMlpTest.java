package io.popflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

/** The plain-Java network against central finite differences of its loss, computed in double. */
class JavaMlpTest {

    @Test
    void backwardIsTheGradientOfTheOutputLoss() {
        MlpArchitecture arch = new MlpArchitecture(new int[] {4, 16, 8, 3}, Activation.TANH, OutputLoss.SQUARED_ERROR);
        SplitMix64 rng = new SplitMix64(3);
        float[] params = new float[arch.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (rng.nextGaussian() * 0.5);
        }
        int b = 5;
        double[] x = new double[b * 4];
        double[] c = new double[b * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextGaussian();
        }
        // loss L = Σ c · out, so dL/dout = c
        JavaMlp net = new JavaMlp(arch, 8);
        for (int i = 0; i < x.length; i++) {
            net.input()[i] = (float) x[i];
        }
        net.forward(params, b);
        for (int i = 0; i < c.length; i++) {
            net.outputGradient()[i] = (float) c[i];
        }
        float[] gradient = new float[params.length];
        net.backward(params, gradient);

        double[] p = new double[params.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = params[i];
        }
        double h = 1e-5;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double up = loss(arch, p, x, c, b);
            p[i] = keep - h;
            double down = loss(arch, p, x, c, b);
            p[i] = keep;
            // central differences in double: error O(h²) ~ 1e-10; the float backward pass: ~1e-5 relative
            assertThat((double) gradient[i]).as("parameter %d", i).isCloseTo((up - down) / (2 * h), within(2e-4));
        }
    }

    @Test
    void aReluNetworkOfOneRowGivesTheSameOutputsAsInABatch() {
        MlpArchitecture arch = new MlpArchitecture(new int[] {4, 64, 64, 2}, Activation.RELU, OutputLoss.SQUARED_ERROR);
        SplitMix64 rng = new SplitMix64(8);
        float[] params = new float[arch.parameterCount()];
        Nd4jMlp.initialize(arch, params, rng);
        JavaMlp net = new JavaMlp(arch, 16);
        float[] rows = new float[16 * 4];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) rng.nextGaussian();
        }
        System.arraycopy(rows, 0, net.input(), 0, rows.length);
        float[] batch = net.forward(params, 16).clone();
        for (int s = 0; s < 16; s++) {
            System.arraycopy(rows, s * 4, net.input(), 0, 4);
            float[] one = net.forward(params, 1);
            assertThat(new float[] {one[0], one[1]}).isEqualTo(new float[] {batch[2 * s], batch[2 * s + 1]});
        }
    }

    /** Σ c · f(x; p) in double, by an independent forward pass over the same layout. */
    private static double loss(MlpArchitecture arch, double[] p, double[] x, double[] c, int b) {
        double total = 0;
        for (int s = 0; s < b; s++) {
            double[] a = java.util.Arrays.copyOfRange(x, s * arch.inputSize(), (s + 1) * arch.inputSize());
            for (int l = 0; l < arch.layers(); l++) {
                int n = arch.inputs(l);
                int m = arch.outputs(l);
                double[] z = new double[m];
                for (int o = 0; o < m; o++) {
                    double sum = p[arch.offset(l) + n * m + o];
                    for (int i = 0; i < n; i++) {
                        sum += a[i] * p[arch.offset(l) + i * m + o];
                    }
                    z[o] = l < arch.layers() - 1 ? Math.tanh(sum) : sum;
                }
                a = z;
            }
            for (int o = 0; o < a.length; o++) {
                total += c[s * a.length + o] * a[o];
            }
        }
        return total;
    }
}
