package io.popflow.model.dense;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SIMD products give the scalar products' bits (so a run does not depend on the JVM's flags or
 * the machine's vector width), and both agree with a double-precision sum to float rounding.
 */
class DenseOpsTest {

    @Test
    void theTestJvmHasTheVectorApi() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as popflow's launchers do
        assertThat(DenseOps.best().name()).startsWith("simd-");
    }

    @ParameterizedTest(name = "{0} rows, {1} -> {2}")
    @CsvSource({"1, 4, 64", "3, 64, 64", "32, 64, 2", "7, 5, 19", "64, 64, 64", "130, 17, 33"})
    void simdAndScalarGiveTheSameBits(int b, int n, int m) {
        SplitMix64 rng = new SplitMix64(b * 1000L + n * 10L + m);
        float[] w = random(m * (n + 1) + 3, rng);
        float[] x = random(b * n, rng);
        float[] dz = random(b * m, rng);
        for (boolean bias : new boolean[] {true, false}) {
            float[] simd = new float[b * m];
            float[] scalar = new float[b * m];
            if (bias) {
                DenseOps.best().affine(w, 3, n, m, x, b, simd);
                DenseOps.scalar().affine(w, 3, n, m, x, b, scalar);
            } else {
                DenseOps.best().linear(w, 3, n, m, x, b, simd);
                DenseOps.scalar().linear(w, 3, n, m, x, b, scalar);
            }
            assertThat(simd).isEqualTo(scalar);
            assertClose(scalar, reference(w, 3, n, m, x, b, bias), n);
        }
        float[] gSimd = random(w.length, new SplitMix64(9));
        float[] gScalar = gSimd.clone();
        DenseOps.best().accumulateGradient(gSimd, 3, n, m, x, dz, b);
        DenseOps.scalar().accumulateGradient(gScalar, 3, n, m, x, dz, b);
        assertThat(gSimd).isEqualTo(gScalar);
    }

    /** The product in double, independent of both implementations. */
    private static double[] reference(float[] w, int offset, int n, int m, float[] x, int b, boolean bias) {
        double[] out = new double[b * m];
        for (int s = 0; s < b; s++) {
            for (int o = 0; o < m; o++) {
                double sum = bias ? w[offset + n * m + o] : 0;
                for (int i = 0; i < n; i++) {
                    sum += (double) x[s * n + i] * w[offset + i * m + o];
                }
                out[s * m + o] = sum;
            }
        }
        return out;
    }

    /** A float sum of n + 1 terms of size ~1 is within about n ulps of 1: 1e-6 per term is generous. */
    private static void assertClose(float[] actual, double[] expected, int n) {
        for (int j = 0; j < actual.length; j++) {
            assertThat((double) actual[j]).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(1e-6 * (n + 1)));
        }
    }

    private static float[] random(int length, SplitMix64 rng) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return v;
    }
}
