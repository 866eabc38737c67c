package io.popflow.jobs.custom;

import io.popflow.api.CustomOptions;
import io.popflow.api.Hyperparameters;
import io.popflow.api.Trainable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.random.RandomGenerator;

/**
 * A user's trainable as a test writes one: Langevin steps on the quadratic ½|w − 3|² in {@code
 * dimension} coordinates (custom.options, default 64), with weight decay and temperature from h. Its
 * fitness is −|w − 3|², so the population's selection drives weight decay and temperature down.
 * Everything it reads is in its saved bytes: w and its step count.
 */
public class NoisyQuadratic implements Trainable {
    private double[] w = new double[64];
    private long steps;

    @Override
    public void configure(CustomOptions options) {
        long dimension = options.wholeNumber("dimension", 64);
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        w = new double[(int) dimension];
    }

    @Override
    public void initialize(RandomGenerator random) {
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        steps = 0;
    }

    @Override
    public void step(Hyperparameters h, RandomGenerator random) {
        double lr = h.get("lr");
        double decay = h.get("weight_decay");
        double noise = Math.sqrt(2 * lr * h.get("temperature"));
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * ((w[i] - 3) + decay * w[i]) - noise * random.nextGaussian();
        }
        steps++;
    }

    @Override
    public double fitness() {
        double sum = 0;
        for (double x : w) {
            sum += (x - 3) * (x - 3);
        }
        return -sum;
    }

    @Override
    public byte[] save() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(w.length);
            for (double x : w) {
                out.writeDouble(x);
            }
            out.writeLong(steps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restore(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            w = new double[in.readInt()];
            for (int i = 0; i < w.length; i++) {
                w[i] = in.readDouble();
            }
            steps = in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many steps this model has taken, through all its copies. */
    public long steps() {
        return steps;
    }
}
