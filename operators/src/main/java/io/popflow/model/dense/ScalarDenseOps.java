package io.popflow.model.dense;

import java.util.Arrays;

/**
 * {@link DenseOps} in plain Java: one {@link Math#fma} per multiply-add, in the order the SIMD code
 * uses. Its column-range methods also compute the outputs the SIMD code leaves over (those beyond
 * its last whole vector).
 */
public final class ScalarDenseOps implements DenseOps {
    static final ScalarDenseOps INSTANCE = new ScalarDenseOps();

    private ScalarDenseOps() {}

    @Override
    public void affine(float[] w, int offset, int n, int m, float[] x, int b, float[] out) {
        product(w, offset, n, m, x, b, out, true, 0);
    }

    @Override
    public void linear(float[] w, int offset, int n, int m, float[] x, int b, float[] out) {
        product(w, offset, n, m, x, b, out, false, 0);
    }

    @Override
    public void accumulateGradient(float[] g, int offset, int n, int m, float[] x, float[] dz, int b) {
        gradient(g, offset, n, m, x, dz, b, 0);
    }

    /** {@link #affine} (with {@code bias}) or {@link #linear}, for the outputs {@code from} to m − 1 only. */
    public static void product(float[] w, int offset, int n, int m, float[] x, int b, float[] out, boolean bias, int from) {
        for (int s = 0; s < b; s++) {
            int row = s * m;
            if (bias) {
                System.arraycopy(w, offset + n * m + from, out, row + from, m - from);
            } else {
                Arrays.fill(out, row + from, row + m, 0f);
            }
            for (int i = 0; i < n; i++) {
                float xi = x[s * n + i];
                int column = offset + i * m;
                for (int o = from; o < m; o++) {
                    out[row + o] = Math.fma(xi, w[column + o], out[row + o]);
                }
            }
        }
    }

    /** {@link #accumulateGradient} for the outputs {@code from} to m − 1 only (weights and bias). */
    public static void gradient(float[] g, int offset, int n, int m, float[] x, float[] dz, int b, int from) {
        for (int i = 0; i < n; i++) {
            int column = offset + i * m;
            for (int o = from; o < m; o++) {
                float acc = g[column + o];
                for (int s = 0; s < b; s++) {
                    acc = Math.fma(x[s * n + i], dz[s * m + o], acc);
                }
                g[column + o] = acc;
            }
        }
        int bias = offset + n * m;
        for (int o = from; o < m; o++) {
            float acc = g[bias + o];
            for (int s = 0; s < b; s++) {
                acc += dz[s * m + o];
            }
            g[bias + o] = acc;
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
