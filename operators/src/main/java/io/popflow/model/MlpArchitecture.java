package io.popflow.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Layer sizes, hidden nonlinearity and output loss of a fully connected network, and the layout of
 * its parameters in one flat vector.
 *
 * <p>Layer {@code l} maps {@code n = sizes[l]} inputs to {@code m = sizes[l + 1]} outputs with a
 * matrix stored column-major as {@code m x (n + 1)}: column {@code i < n} holds the weights of input
 * {@code i}, column {@code n} the biases. Appending a column of ones to the layer input therefore
 * folds the bias into the matrix product, and the first {@code n} columns (needed by the backward
 * pass) stay contiguous.
 */
public final class MlpArchitecture implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final Activation activation;
    private final OutputLoss loss;

    public MlpArchitecture(int[] sizes, Activation activation, OutputLoss loss) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output size");
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.activation = activation;
        this.loss = loss;
    }

    /** A classifier: {@code inputs}, then the hidden layers, then {@code classes} softmax outputs. */
    public static MlpArchitecture classifier(int inputs, int[] hidden, int classes, Activation activation) {
        return new MlpArchitecture(sizes(inputs, hidden, classes), activation, OutputLoss.SOFTMAX_CROSS_ENTROPY);
    }

    /** A regression network: {@code inputs}, then the hidden layers, then {@code outputs} linear outputs. */
    public static MlpArchitecture regressor(int inputs, int[] hidden, int outputs, Activation activation) {
        return new MlpArchitecture(sizes(inputs, hidden, outputs), activation, OutputLoss.SQUARED_ERROR);
    }

    private static int[] sizes(int inputs, int[] hidden, int outputs) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        return sizes;
    }

    public int layers() {
        return sizes.length - 1;
    }

    public int inputs(int layer) {
        return sizes[layer];
    }

    public int outputs(int layer) {
        return sizes[layer + 1];
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public Activation activation() {
        return activation;
    }

    public OutputLoss loss() {
        return loss;
    }

    /** Offset of layer {@code layer}'s matrix in the flat parameter vector. */
    public int offset(int layer) {
        int offset = 0;
        for (int l = 0; l < layer; l++) {
            offset += outputs(l) * (inputs(l) + 1);
        }
        return offset;
    }

    public int parameterCount() {
        return offset(layers());
    }

    /** Floating-point operations of one forward and backward pass over {@code batch} rows (2 per multiply-add). */
    public long flopsPerStep(int batch) {
        long flops = 0;
        for (int l = 0; l < layers(); l++) {
            long macs = (long) batch * outputs(l) * (inputs(l) + 1);
            flops += 2 * macs * (l == 0 ? 2 : 3);
        }
        return flops;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public String toString() {
        return "MLP" + Arrays.toString(sizes) + " " + activation.name().toLowerCase() + " "
                + loss.name().toLowerCase();
    }
}
