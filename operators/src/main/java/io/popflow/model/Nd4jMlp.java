package io.popflow.model;

import io.popflow.data.Dataset;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward and backward pass of an {@link MlpArchitecture} on ND4J, for parameters held in one flat
 * {@code float[]}.
 *
 * <p>ND4J costs 12-16 µs per op on arrays this small, whatever the op does, so a step issues only
 * the matrix products to ND4J ({@code 3L - 1} gemm calls for {@code L} layers: the bias rides in the
 * product, see {@link MlpArchitecture}) and does the element-wise work (activation, its derivative,
 * softmax and loss) in Java loops over the same off-heap buffers. All arrays are column-major and
 * allocated once per batch size, and so are the products ({@link PreparedGemm}): a step allocates
 * nothing.
 *
 * <p>Not thread-safe: one instance per task thread. Instances own off-heap memory, released when
 * they become unreachable.
 */
public final class Nd4jMlp {
    /** Rows per forward pass when evaluating a whole data set. */
    private static final int EVAL_BATCH = 512;

    private final MlpArchitecture arch;
    private final INDArray params;
    private final INDArray grad;
    private final FloatBuffer paramsBuffer;
    private final FloatBuffer gradBuffer;
    /** Per layer: the m x (n+1) matrix, its first n columns, and its gradient (views of the flat vectors). */
    private final INDArray[] weights;

    private final INDArray[] weightsWithoutBias;
    private final INDArray[] weightGradients;
    private final Map<Integer, Activations> activationsByBatch = new HashMap<>();
    /** Consecutive steps mostly share a batch size: skip the map then. */
    private Activations lastActivations;

    public Nd4jMlp(MlpArchitecture arch) {
        this.arch = arch;
        int n = arch.parameterCount();
        this.params = Nd4j.create(DataType.FLOAT, new long[] {n}, 'f');
        this.grad = Nd4j.create(DataType.FLOAT, new long[] {n}, 'f');
        this.paramsBuffer = floats(params);
        this.gradBuffer = floats(grad);
        int layers = arch.layers();
        weights = new INDArray[layers];
        weightsWithoutBias = new INDArray[layers];
        weightGradients = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = matrixView(params, l);
            weightsWithoutBias[l] = weights[l].get(NDArrayIndex.all(), NDArrayIndex.interval(0, arch.inputs(l)));
            weightGradients[l] = matrixView(grad, l);
        }
    }

    public MlpArchitecture architecture() {
        return arch;
    }

    public int parameterCount() {
        return arch.parameterCount();
    }

    /**
     * Random initial weights: uniform with variance 2/fan_in for ReLU (He) and 1/fan_in for tanh
     * (LeCun); zero biases.
     */
    public static void initialize(MlpArchitecture arch, float[] params, RandomGenerator rng) {
        java.util.Arrays.fill(params, 0f);
        double gain = arch.activation() == Activation.RELU ? 2.0 : 1.0;
        for (int l = 0; l < arch.layers(); l++) {
            int n = arch.inputs(l);
            int m = arch.outputs(l);
            double limit = Math.sqrt(3.0 * gain / n);
            int offset = arch.offset(l);
            for (int i = 0; i < n * m; i++) {
                params[offset + i] = (float) ((2 * rng.nextDouble() - 1) * limit);
            }
        }
    }

    /**
     * Mean training loss over the rows {@code rows} of {@code data} and its gradient with respect to
     * the parameters, written to {@code gradient}.
     */
    public double lossAndGradient(float[] theta, Dataset data, int[] rows, float[] gradient) {
        paramsBuffer.put(0, theta);
        Activations a = activations(rows.length);
        a.load(data, rows);
        forward(a);
        double loss = a.lossAndDelta(data, rows, true) / rows.length;
        backward(a);
        gradBuffer.get(0, gradient);
        return loss;
    }

    /** Mean loss and accuracy of {@code theta} over all of {@code data}. */
    public Evaluation evaluate(float[] theta, Dataset data) {
        paramsBuffer.put(0, theta);
        double lossSum = 0;
        int correct = 0;
        int[] all = data.allRows();
        for (int start = 0; start < all.length; start += EVAL_BATCH) {
            int[] rows = java.util.Arrays.copyOfRange(all, start, Math.min(all.length, start + EVAL_BATCH));
            Activations a = activations(rows.length);
            a.load(data, rows);
            forward(a);
            lossSum += a.lossAndDelta(data, rows, false);
            correct += a.correct;
        }
        double accuracy = data.isClassification() ? (double) correct / data.size() : Double.NaN;
        return new Evaluation(lossSum / data.size(), accuracy);
    }

    /** The network's outputs on every row of {@code data}: row r's output j at {@code r * outputs + j}. */
    public float[] predict(float[] theta, Dataset data) {
        paramsBuffer.put(0, theta);
        int k = arch.outputSize();
        float[] out = new float[data.size() * k];
        int[] all = data.allRows();
        for (int start = 0; start < all.length; start += EVAL_BATCH) {
            int[] rows = java.util.Arrays.copyOfRange(all, start, Math.min(all.length, start + EVAL_BATCH));
            Activations a = activations(rows.length);
            a.load(data, rows);
            forward(a);
            a.outBuffer.get(0, a.host, 0, rows.length * k);
            for (int b = 0; b < rows.length; b++) {
                for (int j = 0; j < k; j++) {
                    out[(start + b) * k + j] = a.host[b + j * rows.length];
                }
            }
        }
        return out;
    }

    private void forward(Activations a) {
        int layers = arch.layers();
        for (int l = 0; l < layers; l++) {
            boolean hidden = l < layers - 1;
            a.forward[l].run();
            if (hidden) {
                FloatBuffer z = a.inputBuffer[l + 1];
                int count = a.batch * arch.outputs(l);
                float[] host = a.host;
                z.get(0, host, 0, count);
                Activation f = arch.activation();
                for (int i = 0; i < count; i++) {
                    host[i] = f.apply(host[i]);
                }
                z.put(0, host, 0, count);
            }
        }
    }

    private void backward(Activations a) {
        for (int l = arch.layers() - 1; l >= 0; l--) {
            a.weightGradient[l].run();
            if (l > 0) {
                a.inputGradient[l].run();
                int count = a.batch * arch.inputs(l);
                float[] d = a.host;
                float[] out = a.host2;
                a.deltaBuffer[l - 1].get(0, d, 0, count);
                a.inputBuffer[l].get(0, out, 0, count);
                Activation f = arch.activation();
                for (int i = 0; i < count; i++) {
                    d[i] *= f.derivativeFromOutput(out[i]);
                }
                a.deltaBuffer[l - 1].put(0, d, 0, count);
            }
        }
    }

    private Activations activations(int batch) {
        Activations last = lastActivations;
        if (last != null && last.batch == batch) {
            return last;
        }
        lastActivations = activationsByBatch.computeIfAbsent(batch, Activations::new);
        return lastActivations;
    }

    private INDArray matrixView(INDArray flat, int layer) {
        int offset = arch.offset(layer);
        int m = arch.outputs(layer);
        int n = arch.inputs(layer) + 1;
        return flat.get(NDArrayIndex.interval(offset, offset + (long) m * n)).reshape('f', m, n);
    }

    private static FloatBuffer floats(INDArray array) {
        return array.data().asNio().asFloatBuffer();
    }

    /** The per-batch-size buffers of one forward and backward pass. */
    private final class Activations {
        final int batch;
        /** Layer inputs, batch x (n+1), last column ones; input[0] holds the data. */
        final INDArray[] input;

        final INDArray[] inputCore;
        final FloatBuffer[] inputBuffer;
        final INDArray out;
        final FloatBuffer outBuffer;
        /** dLoss/dZ per layer, batch x m. */
        final INDArray[] delta;

        final FloatBuffer[] deltaBuffer;
        /** Per layer: Z = A·Wᵀ, dW = δᵀ·A, and (l > 0) δ_{l-1} = δ·W without its bias column. */
        final PreparedGemm[] forward;

        final PreparedGemm[] weightGradient;
        final PreparedGemm[] inputGradient;
        /** Heap scratch: element-wise work runs on heap copies, moved to and from ND4J in bulk. */
        final float[] host;

        final float[] host2;
        int correct;

        Activations(int batch) {
            this.batch = batch;
            int layers = arch.layers();
            input = new INDArray[layers];
            inputCore = new INDArray[layers];
            inputBuffer = new FloatBuffer[layers];
            delta = new INDArray[layers];
            deltaBuffer = new FloatBuffer[layers];
            for (int l = 0; l < layers; l++) {
                int n = arch.inputs(l);
                input[l] = Nd4j.create(DataType.FLOAT, new long[] {batch, n + 1}, 'f');
                input[l].getColumn(n).assign(1f);
                inputCore[l] = input[l].get(NDArrayIndex.all(), NDArrayIndex.interval(0, n));
                inputBuffer[l] = floats(input[l]);
                delta[l] = Nd4j.create(DataType.FLOAT, new long[] {batch, arch.outputs(l)}, 'f');
                deltaBuffer[l] = floats(delta[l]);
            }
            out = Nd4j.create(DataType.FLOAT, new long[] {batch, arch.outputSize()}, 'f');
            outBuffer = floats(out);
            int widest = arch.inputSize();
            for (int l = 0; l < layers; l++) {
                widest = Math.max(widest, arch.outputs(l));
            }
            host = new float[batch * widest];
            host2 = new float[batch * widest];
            forward = new PreparedGemm[layers];
            weightGradient = new PreparedGemm[layers];
            inputGradient = new PreparedGemm[layers];
            for (int l = 0; l < layers; l++) {
                INDArray target = l < layers - 1 ? inputCore[l + 1] : out;
                forward[l] = new PreparedGemm(input[l], weights[l], target, false, true);
                weightGradient[l] = new PreparedGemm(delta[l], input[l], weightGradients[l], true, false);
                if (l > 0) {
                    inputGradient[l] = new PreparedGemm(delta[l], weightsWithoutBias[l], delta[l - 1], false, false);
                }
            }
        }

        /** The rows into the first layer's input, column-major, in one bulk copy. */
        void load(Dataset data, int[] rows) {
            int features = arch.inputSize();
            for (int b = 0; b < batch; b++) {
                int row = rows[b];
                for (int i = 0; i < features; i++) {
                    host[b + i * batch] = data.feature(row, i);
                }
            }
            inputBuffer[0].put(0, host, 0, batch * features);
        }

        /**
         * Sum over the batch of the per-row loss; counts correct predictions into {@link #correct};
         * with {@code withDelta}, writes dLoss/dZ of the mean loss into the last delta buffer.
         */
        double lossAndDelta(Dataset data, int[] rows, boolean withDelta) {
            int k = arch.outputSize();
            float[] z = host;
            float[] d = host2;
            outBuffer.get(0, z, 0, batch * k);
            float invBatch = 1f / batch;
            double loss = 0;
            correct = 0;
            if (arch.loss() == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
                for (int b = 0; b < batch; b++) {
                    int label = data.label(rows[b]);
                    float max = Float.NEGATIVE_INFINITY;
                    int argmax = 0;
                    for (int j = 0; j < k; j++) {
                        float v = z[b + j * batch];
                        if (v > max) {
                            max = v;
                            argmax = j;
                        }
                    }
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        sum += Math.exp(z[b + j * batch] - max);
                    }
                    double logSum = Math.log(sum);
                    loss += logSum - (z[b + label * batch] - max);
                    if (argmax == label) {
                        correct++;
                    }
                    if (withDelta) {
                        for (int j = 0; j < k; j++) {
                            double p = Math.exp(z[b + j * batch] - max - logSum);
                            d[b + j * batch] = (float) ((p - (j == label ? 1 : 0)) * invBatch);
                        }
                    }
                }
            } else {
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < k; j++) {
                        float r = z[b + j * batch] - data.target(rows[b], j);
                        loss += 0.5 * r * r;
                        if (withDelta) {
                            d[b + j * batch] = r * invBatch;
                        }
                    }
                }
            }
            if (withDelta) {
                deltaBuffer[arch.layers() - 1].put(0, d, 0, batch * k);
            }
            return loss;
        }
    }
}
