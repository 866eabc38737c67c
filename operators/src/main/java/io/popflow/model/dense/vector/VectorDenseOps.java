package io.popflow.model.dense.vector;

import io.popflow.model.dense.DenseOps;
import io.popflow.model.dense.ScalarDenseOps;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseOps} on the Vector API: a vector of outputs (16 floats with AVX-512) accumulates four
 * rows at once, so each weight vector loaded feeds four fused multiply-adds. Outputs beyond the
 * last whole vector take the scalar path, in the same order. Loaded only when the JVM has the
 * {@code jdk.incubator.vector} module (see {@link DenseOps#best()}); compiled apart from the rest
 * of the module, as javac warns of every use of an incubator module.
 */
public final class VectorDenseOps implements DenseOps {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public void affine(float[] w, int offset, int n, int m, float[] x, int b, float[] out) {
        product(w, offset, n, m, x, b, out, true);
    }

    @Override
    public void linear(float[] w, int offset, int n, int m, float[] x, int b, float[] out) {
        product(w, offset, n, m, x, b, out, false);
    }

    private static void product(float[] w, int offset, int n, int m, float[] x, int b, float[] out, boolean bias) {
        int whole = m - m % LANES;
        int biasColumn = offset + n * m;
        int s = 0;
        for (; s + 4 <= b; s += 4) {
            int x0 = s * n;
            int x1 = x0 + n;
            int x2 = x1 + n;
            int x3 = x2 + n;
            for (int c = 0; c < whole; c += LANES) {
                FloatVector start =
                        bias ? FloatVector.fromArray(SPECIES, w, biasColumn + c) : FloatVector.zero(SPECIES);
                FloatVector a0 = start;
                FloatVector a1 = start;
                FloatVector a2 = start;
                FloatVector a3 = start;
                for (int i = 0; i < n; i++) {
                    FloatVector wi = FloatVector.fromArray(SPECIES, w, offset + i * m + c);
                    a0 = wi.fma(FloatVector.broadcast(SPECIES, x[x0 + i]), a0);
                    a1 = wi.fma(FloatVector.broadcast(SPECIES, x[x1 + i]), a1);
                    a2 = wi.fma(FloatVector.broadcast(SPECIES, x[x2 + i]), a2);
                    a3 = wi.fma(FloatVector.broadcast(SPECIES, x[x3 + i]), a3);
                }
                a0.intoArray(out, s * m + c);
                a1.intoArray(out, (s + 1) * m + c);
                a2.intoArray(out, (s + 2) * m + c);
                a3.intoArray(out, (s + 3) * m + c);
            }
        }
        for (; s < b; s++) {
            for (int c = 0; c < whole; c += LANES) {
                FloatVector a = bias ? FloatVector.fromArray(SPECIES, w, biasColumn + c) : FloatVector.zero(SPECIES);
                for (int i = 0; i < n; i++) {
                    a = FloatVector.fromArray(SPECIES, w, offset + i * m + c)
                            .fma(FloatVector.broadcast(SPECIES, x[s * n + i]), a);
                }
                a.intoArray(out, s * m + c);
            }
        }
        ScalarDenseOps.product(w, offset, n, m, x, b, out, bias, whole);
    }

    @Override
    public void accumulateGradient(float[] g, int offset, int n, int m, float[] x, float[] dz, int b) {
        int whole = m - m % LANES;
        int i = 0;
        // four inputs at once: each row's vector of dz feeds four accumulators
        for (; i + 4 <= n; i += 4) {
            int c0 = offset + i * m;
            for (int c = 0; c < whole; c += LANES) {
                FloatVector a0 = FloatVector.fromArray(SPECIES, g, c0 + c);
                FloatVector a1 = FloatVector.fromArray(SPECIES, g, c0 + m + c);
                FloatVector a2 = FloatVector.fromArray(SPECIES, g, c0 + 2 * m + c);
                FloatVector a3 = FloatVector.fromArray(SPECIES, g, c0 + 3 * m + c);
                for (int s = 0; s < b; s++) {
                    FloatVector d = FloatVector.fromArray(SPECIES, dz, s * m + c);
                    int xs = s * n + i;
                    a0 = d.fma(FloatVector.broadcast(SPECIES, x[xs]), a0);
                    a1 = d.fma(FloatVector.broadcast(SPECIES, x[xs + 1]), a1);
                    a2 = d.fma(FloatVector.broadcast(SPECIES, x[xs + 2]), a2);
                    a3 = d.fma(FloatVector.broadcast(SPECIES, x[xs + 3]), a3);
                }
                a0.intoArray(g, c0 + c);
                a1.intoArray(g, c0 + m + c);
                a2.intoArray(g, c0 + 2 * m + c);
                a3.intoArray(g, c0 + 3 * m + c);
            }
        }
        for (; i < n; i++) {
            int column = offset + i * m;
            for (int c = 0; c < whole; c += LANES) {
                FloatVector acc = FloatVector.fromArray(SPECIES, g, column + c);
                for (int s = 0; s < b; s++) {
                    acc = FloatVector.fromArray(SPECIES, dz, s * m + c)
                            .fma(FloatVector.broadcast(SPECIES, x[s * n + i]), acc);
                }
                acc.intoArray(g, column + c);
            }
        }
        int bias = offset + n * m;
        for (int c = 0; c < whole; c += LANES) {
            FloatVector acc = FloatVector.fromArray(SPECIES, g, bias + c);
            for (int s = 0; s < b; s++) {
                acc = acc.add(FloatVector.fromArray(SPECIES, dz, s * m + c));
            }
            acc.intoArray(g, bias + c);
        }
        ScalarDenseOps.gradient(g, offset, n, m, x, dz, b, whole);
    }

    @Override
    public String name() {
        return "simd-" + LANES;
    }
}
