package io.popflow.examples.diabetes;

import io.popflow.api.CustomOptions;
import io.popflow.api.Hyperparameters;
import io.popflow.api.Trainable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Linear regression of diabetes progression on the ten baseline measurements (the diabetes data of
 * Efron, Hastie, Johnstone &amp; Tibshirani 2004, "Least Angle Regression", shipped in this jar with
 * its README), trained by minibatch SGD with L2 weight decay: a user's learner with its own state,
 * as popflow takes one ({@code task: custom_trainable}). A user's code: it sees popflow-api and
 * nothing else of popflow.
 *
 * <p>The model predicts the standardized target from the standardized features (statistics of the
 * training rows, {@link DiabetesSplit}): ŷ = w·z + b. A {@link #step} draws {@code batch_size}
 * training rows with replacement and moves (w, b) down the gradient of ½ mean (ŷ − y)² + ½ {@code
 * weight_decay} |w|², the bias not decayed.
 *
 * <p>Hyperparameters, popflow's names: {@code lr} (default {@value #DEFAULT_LR}) and {@code
 * weight_decay} (default {@value #DEFAULT_WEIGHT_DECAY}), read at every step, so a mutation takes
 * effect at the next one. Options ({@code custom.options}): {@code batch_size}, a whole number ≥ 1
 * (default {@value #DEFAULT_BATCH_SIZE}).
 *
 * <p>The fitness is minus the validation mean squared error in the target's own units, so that
 * {@code -fitness} reads as an MSE (predicting the training mean scores about −5,940; ordinary least
 * squares about −3,300).
 */
public class LinearDiabetes implements Trainable {
    /** The learning rate when h has no {@code lr}. */
    public static final double DEFAULT_LR = 0.01;
    /** The L2 coefficient when h has no {@code weight_decay}: none. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    /** Rows per minibatch when {@code custom.options} has no {@code batch_size}. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /**
     * The first byte of {@link #save}'s bytes; after it the step count (a long), the bias and the ten
     * weights (doubles), big-endian as {@link DataOutputStream} writes them. A new layout takes a new
     * byte, so that an old state is refused rather than misread.
     */
    public static final byte FORMAT = 1;

    private static final int STATE_BYTES = 1 + Long.BYTES + Double.BYTES * (1 + DiabetesSplit.FEATURES);
    // small, so that every agent starts near the zero model (the training mean) yet apart from the others
    private static final double INITIAL_WEIGHT_SD = 0.01;

    private final DiabetesSplit data = DiabetesSplit.shared();
    private final double[] weights = new double[DiabetesSplit.FEATURES];
    private double bias;
    private long steps;
    private int batchSize = DEFAULT_BATCH_SIZE;
    // scratch, overwritten by every step: not state
    private final double[] gradient = new double[DiabetesSplit.FEATURES];

    /** @throws IllegalArgumentException for an option other than {@code batch_size}, or one below 1 */
    @Override
    public void configure(CustomOptions options) {
        for (String name : options.names()) {
            if (!name.equals("batch_size")) {
                throw new IllegalArgumentException(
                        "custom.options." + name + " is not an option of LinearDiabetes (it takes batch_size)");
            }
        }
        long batch = options.wholeNumber("batch_size", DEFAULT_BATCH_SIZE);
        if (batch < 1) {
            throw new IllegalArgumentException(
                    "custom.options.batch_size must be at least 1 (the rows of one minibatch), got " + batch);
        }
        if (batch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "custom.options.batch_size must be at most " + Integer.MAX_VALUE + ", got " + batch);
        }
        batchSize = (int) batch;
    }

    /** Weights drawn from N(0, 0.01²), the bias 0, no steps taken. */
    @Override
    public void initialize(RandomGenerator random) {
        for (int j = 0; j < weights.length; j++) {
            weights[j] = INITIAL_WEIGHT_SD * random.nextGaussian();
        }
        bias = 0;
        steps = 0;
    }

    /**
     * One SGD step on {@code batch_size} training rows, each drawn with {@code random.nextInt(rows)}
     * and nothing else drawn.
     *
     * @throws IllegalStateException when a weight or the bias is no longer finite (popflow marks the
     *     agent diverged)
     */
    @Override
    public void step(Hyperparameters h, RandomGenerator random) {
        double lr = h.get("lr", DEFAULT_LR);
        double weightDecay = h.get("weight_decay", DEFAULT_WEIGHT_DECAY);
        Arrays.fill(gradient, 0);
        double biasGradient = 0;
        int rows = data.trainRows();
        for (int k = 0; k < batchSize; k++) {
            int row = random.nextInt(rows);
            double residual = data.trainResidual(row, weights, bias);
            data.addTrainFeatures(row, residual, gradient);
            biasGradient += residual;
        }
        // the gradient of the whole minibatch at the old (w, b), then one update
        for (int j = 0; j < weights.length; j++) {
            weights[j] -= lr * (gradient[j] / batchSize + weightDecay * weights[j]);
        }
        bias -= lr * biasGradient / batchSize;
        steps++;
        requireFinite(lr, weightDecay);
    }

    private void requireFinite(double lr, double weightDecay) {
        String what = null;
        for (int j = 0; j < weights.length && what == null; j++) {
            if (!Double.isFinite(weights[j])) {
                what = "the weight of " + data.featureName(j) + " is " + weights[j];
            }
        }
        if (what == null && !Double.isFinite(bias)) {
            what = "the bias is " + bias;
        }
        if (what != null) {
            throw new IllegalStateException("LinearDiabetes diverged at step " + steps + ": " + what + " (lr " + lr
                    + ", weight_decay " + weightDecay + ", batch_size " + batchSize + ")");
        }
    }

    /** Minus the validation MSE, in the target's units squared. */
    @Override
    public double fitness() {
        return -validationMse();
    }

    /** The mean squared error of the model's predictions on the validation rows, in the target's units. */
    public double validationMse() {
        return data.validationMse(weights, bias);
    }

    /** The weights of the standardized features, a copy. */
    public double[] weights() {
        return weights.clone();
    }

    /** The bias, in standardized target units. */
    public double bias() {
        return bias;
    }

    /** Steps taken since {@link #initialize}, carried through {@link #save} and {@link #restore}. */
    public long steps() {
        return steps;
    }

    /** The {@link #FORMAT} byte, the step count, the bias and the weights. */
    @Override
    public byte[] save() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(STATE_BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(steps);
            out.writeDouble(bias);
            for (double w : weights) {
                out.writeDouble(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException for bytes that are not a {@link #save} of this format */
    @Override
    public void restore(byte[] state) {
        if (state.length == 0) {
            throw new IllegalArgumentException("not a LinearDiabetes state: no bytes");
        }
        if (state[0] != FORMAT) {
            throw new IllegalArgumentException(
                    "not a LinearDiabetes state: format byte " + state[0] + ", this version reads " + FORMAT);
        }
        if (state.length != STATE_BYTES) {
            throw new IllegalArgumentException(
                    "not a LinearDiabetes state: " + state.length + " bytes, format " + FORMAT + " has " + STATE_BYTES);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            in.readByte();
            steps = in.readLong();
            bias = in.readDouble();
            for (int j = 0; j < weights.length; j++) {
                weights[j] = in.readDouble();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
