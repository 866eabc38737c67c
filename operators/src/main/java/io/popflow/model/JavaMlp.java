package io.popflow.model;

import io.popflow.model.dense.DenseOps;

/**
 * Forward and backward pass of a small {@link MlpArchitecture} in plain Java, its hidden layers
 * activated and its output linear (a Q-network's values, a policy's logits), for parameters in the
 * architecture's flat layout.
 *
 * <p>Why not {@link Nd4jMlp}: a network of a few thousand weights on a batch of 32 to 128 rows is
 * bound by ND4J's cost per op (12-16 µs), not by arithmetic; here the products run in {@link
 * DenseOps} (SIMD where the JVM has the Vector API), and one observation's forward pass, the
 * action choice of every environment step, is a few thousand multiply-adds with no call overhead.
 *
 * <p>Not thread-safe: one instance per task thread; buffers are sized for {@code maxBatch} rows and
 * allocated once.
 */
public final class JavaMlp {
    private final MlpArchitecture arch;
    private final DenseOps ops;
    private final int maxBatch;
    /** Per layer l: its input (row-major, maxBatch x inputs(l)); the last entry is the output. */
    private final float[][] activations;
    /** Per layer l: the gradient with respect to its output. */
    private final float[][] deltas;
    /** Per layer l >= 1: the matrix without its bias, transposed, for the gradient of its input. */
    private final float[][] transposed;

    private int rows;

    public JavaMlp(MlpArchitecture arch, int maxBatch) {
        this(arch, maxBatch, DenseOps.best());
    }

    public JavaMlp(MlpArchitecture arch, int maxBatch, DenseOps ops) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.arch = arch;
        this.ops = ops;
        this.maxBatch = maxBatch;
        int layers = arch.layers();
        activations = new float[layers + 1][];
        deltas = new float[layers][];
        transposed = new float[layers][];
        for (int l = 0; l < layers; l++) {
            activations[l] = new float[maxBatch * arch.inputs(l)];
            deltas[l] = new float[maxBatch * arch.outputs(l)];
            if (l > 0) {
                transposed[l] = new float[arch.inputs(l) * arch.outputs(l)];
            }
        }
        activations[layers] = new float[maxBatch * arch.outputSize()];
    }

    public MlpArchitecture architecture() {
        return arch;
    }

    /** The input buffer of the next {@link #forward}: row s, feature i at {@code s * inputSize() + i}. */
    public float[] input() {
        return activations[0];
    }

    /**
     * The outputs of {@code params} for the first {@code b} rows of {@link #input()}: row s, output o
     * at {@code s * outputSize() + o} of the returned buffer (valid until the next call).
     */
    public float[] forward(float[] params, int b) {
        if (b < 1 || b > maxBatch) {
            throw new IllegalArgumentException("batch of " + b + " rows; this network holds 1 to " + maxBatch);
        }
        rows = b;
        int layers = arch.layers();
        for (int l = 0; l < layers; l++) {
            int n = arch.inputs(l);
            int m = arch.outputs(l);
            float[] out = activations[l + 1];
            ops.affine(params, arch.offset(l), n, m, activations[l], b, out);
            if (l < layers - 1) {
                Activation f = arch.activation();
                for (int j = 0; j < b * m; j++) {
                    out[j] = f.apply(out[j]);
                }
            }
        }
        return activations[layers];
    }

    /**
     * The buffer for the gradient of the loss with respect to the outputs of the last {@link
     * #forward}, laid out as its result; {@link #backward} reads it.
     */
    public float[] outputGradient() {
        return deltas[arch.layers() - 1];
    }

    /**
     * Adds the gradient of the loss with respect to {@code params} to {@code gradient}, from {@link
     * #outputGradient()} and the activations of the last {@link #forward} of the same {@code params}.
     */
    public void backward(float[] params, float[] gradient) {
        Activation f = arch.activation();
        for (int l = arch.layers() - 1; l >= 0; l--) {
            int n = arch.inputs(l);
            int m = arch.outputs(l);
            int offset = arch.offset(l);
            ops.accumulateGradient(gradient, offset, n, m, activations[l], deltas[l], rows);
            if (l > 0) {
                float[] t = transposed[l];
                for (int i = 0; i < n; i++) {
                    for (int o = 0; o < m; o++) {
                        t[o * n + i] = params[offset + i * m + o];
                    }
                }
                float[] below = deltas[l - 1];
                ops.linear(t, 0, m, n, deltas[l], rows, below);
                float[] a = activations[l];
                for (int j = 0; j < rows * n; j++) {
                    below[j] *= f.derivativeFromOutput(a[j]);
                }
            }
        }
    }
}
