package io.popflow.model.dense;

/** {@link DenseOps} in plain Java: one {@link Math#fma} per multiply-add, in the order the SIMD code uses. */
final class ScalarDenseOps implements DenseOps {
    static final ScalarDenseOps INSTANCE = new ScalarDenseOps();

    private ScalarDenseOps() {}

    @Override
    public void affine(float[] w, int offset, int n, int m, float[] x, int b, float[] out) {
        for (int s = 0; s < b; s++) {
            System.arraycopy(w, offset + n * m, out, s * m, m);
        }
        accumulate(w, offset, n, m, x, b, out);
    }

    @Override
    public void linear(float[] w, int offset, int n, int m, float[] x, int b, float[] out) {
        java.util.Arrays.fill(out, 0, b * m, 0f);
        accumulate(w, offset, n, m, x, b, out);
    }

    private static void accumulate(float[] w, int offset, int n, int m, float[] x, int b, float[] out) {
        for (int s = 0; s < b; s++) {
            int row = s * m;
            for (int i = 0; i < n; i++) {
                float xi = x[s * n + i];
                int column = offset + i * m;
                for (int o = 0; o < m; o++) {
                    out[row + o] = Math.fma(xi, w[column + o], out[row + o]);
                }
            }
        }
    }

    @Override
    public void accumulateGradient(float[] g, int offset, int n, int m, float[] x, float[] dz, int b) {
        for (int i = 0; i < n; i++) {
            int column = offset + i * m;
            for (int o = 0; o < m; o++) {
                float acc = g[column + o];
                for (int s = 0; s < b; s++) {
                    acc = Math.fma(x[s * n + i], dz[s * m + o], acc);
                }
                g[column + o] = acc;
            }
        }
        int bias = offset + n * m;
        for (int o = 0; o < m; o++) {
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
