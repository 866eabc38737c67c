package io.popflow.model.dense;

/**
 * The three products of a small dense network's forward and backward pass, on flat {@code float[]}
 * arrays: a layer maps {@code n} inputs to {@code m} outputs with a matrix stored column-major as
 * {@code m x (n + 1)} from {@code offset} (column {@code i < n} holds input {@code i}'s weights,
 * column {@code n} the biases: the layout of {@code MlpArchitecture}); a batch is {@code b} rows,
 * row-major.
 *
 * <p>Every output element is a chain of fused multiply-adds in a fixed order (over inputs, or over
 * rows, ascending), never a reduction across SIMD lanes. So the SIMD implementation and the scalar
 * one give the same bits, on any vector width: a run does not depend on the machine or on whether
 * the JVM was started with the Vector API module.
 */
public interface DenseOps {

    /** {@code out[s][o] = bias[o] + Σ_i x[s][i] · w[i][o]} for rows {@code s < b}. */
    void affine(float[] w, int offset, int n, int m, float[] x, int b, float[] out);

    /** {@code out[s][o] = Σ_i x[s][i] · w[i][o]} (no bias column) for rows {@code s < b}. */
    void linear(float[] w, int offset, int n, int m, float[] x, int b, float[] out);

    /**
     * The gradient of a layer's matrix from a batch: {@code g[i][o] += Σ_s x[s][i] · dz[s][o]} and the
     * bias column {@code g[n][o] += Σ_s dz[s][o]}, in the same layout as the matrix.
     */
    void accumulateGradient(float[] g, int offset, int n, int m, float[] x, float[] dz, int b);

    /** A short name for reports: {@code simd-16} (lanes of a float vector) or {@code scalar}. */
    String name();

    /**
     * The SIMD implementation when the JVM has the Vector API ({@code --add-modules
     * jdk.incubator.vector}, as popflow's launchers start it), else the scalar one; both give the
     * same results.
     */
    static DenseOps best() {
        return Holder.BEST;
    }

    /** The scalar implementation. */
    static DenseOps scalar() {
        return ScalarDenseOps.INSTANCE;
    }

    /** Resolved once: the class of the SIMD implementation must not even load without its module. */
    final class Holder {
        static final DenseOps BEST = load();

        private Holder() {}

        private static DenseOps load() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return ScalarDenseOps.INSTANCE;
            }
            try {
                return (DenseOps) Class.forName("io.popflow.model.dense.vector.VectorDenseOps")
                        .getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return ScalarDenseOps.INSTANCE;
            }
        }
    }
}
