package io.popflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * SNES on a separable ellipsoid f = Σ a_i x_i²: the optimal search distribution's shape is that of
 * the inverse Hessian, σ_i ∝ a_i^(−1/2), so σ_i √a_i should become the same for every i.
 */
class SnesTest {
    private static final double[] A = {1, 10, 100, 1000, 10_000};

    @Test
    void sigmasAdaptToTheInverseSquareRootOfTheCurvatures() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] m0 = {1, 1, 1, 1, 1};
            Snes es = new Snes(m0, 0.5);
            SplitMix64 rng = new SplitMix64(seed);
            double[] logShape = new double[A.length];
            int counted = 0;
            for (int g = 1; g <= 600; g++) {
                double[][] z = es.ask(rng);
                double[] f = new double[z.length];
                for (int k = 0; k < z.length; k++) {
                    double[] x = es.member(z[k]);
                    double v = 0;
                    for (int i = 0; i < A.length; i++) {
                        v += A[i] * x[i] * x[i];
                    }
                    f[k] = -v;
                }
                es.tell(z, f);
                if (g > 300) {
                    double[] s = es.sigma();
                    for (int i = 0; i < A.length; i++) {
                        logShape[i] += Math.log(s[i] * Math.sqrt(A[i]) / (s[0] * Math.sqrt(A[0])));
                    }
                    counted++;
                }
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < A.length; i++) {
                double ratio = Math.exp(logShape[i] / counted);
                sb.append(String.format(" %.3f", ratio));
                // measured 0.89 to 1.32 over these five seeds; the bound 2 either way stands against
                // the start's equal σ, off by up to √(10⁴/1) = 100
                assertThat(ratio).isBetween(0.5, 2.0);
            }
            System.out.println("SNES seed " + seed + ": mean of σ_i √a_i / σ_0 √a_0 over generations 301-600:" + sb);
        }
    }
}
