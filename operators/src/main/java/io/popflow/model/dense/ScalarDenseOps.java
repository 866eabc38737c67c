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

    /**
     * {@link #affine} (with {@code bias}) or {@link #linear}, for the outputs {@code from} to m − 1
     * only. Each output is one chain of fused multiply-adds over i in order; eight samples' chains
     * run side by side, so that a narrow layer (a Q-network's two outputs) is bound by the FMA
     * units' throughput, not by one chain's latency.
     */
    public static void product(
            float[] w, int offset, int n, int m, float[] x, int b, float[] out, boolean bias, int from) {
        int biasColumn = offset + n * m;
        int s = 0;
        for (; s + 8 <= b; s += 8) {
            int x0 = s * n;
            for (int o = from; o < m; o++) {
                float start = bias ? w[biasColumn + o] : 0f;
                float a0 = start, a1 = start, a2 = start, a3 = start, a4 = start, a5 = start, a6 = start, a7 = start;
                for (int i = 0; i < n; i++) {
                    float wi = w[offset + i * m + o];
                    int xi = x0 + i;
                    a0 = Math.fma(x[xi], wi, a0);
                    a1 = Math.fma(x[xi + n], wi, a1);
                    a2 = Math.fma(x[xi + 2 * n], wi, a2);
                    a3 = Math.fma(x[xi + 3 * n], wi, a3);
                    a4 = Math.fma(x[xi + 4 * n], wi, a4);
                    a5 = Math.fma(x[xi + 5 * n], wi, a5);
                    a6 = Math.fma(x[xi + 6 * n], wi, a6);
                    a7 = Math.fma(x[xi + 7 * n], wi, a7);
                }
                int at = s * m + o;
                out[at] = a0;
                out[at + m] = a1;
                out[at + 2 * m] = a2;
                out[at + 3 * m] = a3;
                out[at + 4 * m] = a4;
                out[at + 5 * m] = a5;
                out[at + 6 * m] = a6;
                out[at + 7 * m] = a7;
            }
        }
        for (; s < b; s++) {
            int row = s * m;
            if (bias) {
                System.arraycopy(w, biasColumn + from, out, row + from, m - from);
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

    /**
     * {@link #accumulateGradient} for the outputs {@code from} to m − 1 only (weights and bias).
     * Each weight's gradient is one chain over the samples in order; four inputs' chains run side by side.
     */
    public static void gradient(float[] g, int offset, int n, int m, float[] x, float[] dz, int b, int from) {
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int column = offset + i * m;
            for (int o = from; o < m; o++) {
                float a0 = g[column + o];
                float a1 = g[column + m + o];
                float a2 = g[column + 2 * m + o];
                float a3 = g[column + 3 * m + o];
                for (int s = 0; s < b; s++) {
                    float d = dz[s * m + o];
                    int xs = s * n + i;
                    a0 = Math.fma(x[xs], d, a0);
                    a1 = Math.fma(x[xs + 1], d, a1);
                    a2 = Math.fma(x[xs + 2], d, a2);
                    a3 = Math.fma(x[xs + 3], d, a3);
                }
                g[column + o] = a0;
                g[column + m + o] = a1;
                g[column + 2 * m + o] = a2;
                g[column + 3 * m + o] = a3;
            }
        }
        for (; i < n; i++) {
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
