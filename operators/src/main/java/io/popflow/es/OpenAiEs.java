package io.popflow.es;

import io.popflow.fast.Adam;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * OpenAI-ES (Salimans et al. 2017): members θ + σε_i with ε_i ~ N(0, I) rebuilt from the
 * generation's {@link SharedNoise}, the gradient of the Gaussian-smoothed fitness estimated as
 * g = 1/(Nσ) Σ w_i ε_i with w the shaped fitness, and the mean moved up g by Adam (PyTorch's
 * arithmetic, {@link Adam}) with optional decoupled weight decay, σ fixed or decayed each
 * generation towards a floor. SGD with momentum (v ← βv + g, θ ← θ + ηv, decay as L2) is the
 * other optimizer of the mean. Defaults (in {@link StrategySettings}) are the paper's: σ = 0.02,
 * centered ranks, mirrored sampling, Adam with η = 0.01.
 */
public final class OpenAiEs implements EvolutionStrategy {
    /** How the mean follows the gradient estimate. */
    public enum MeanOptimizer {
        ADAM,
        SGD
    }

    private final int population;
    private final double sigmaDecay;
    private final double sigmaMin;
    private final double lr;
    private final double weightDecay;
    private final boolean antithetic;
    private final FitnessShaping shaping;
    private final MeanOptimizer optimizer;
    private final double momentum;

    private final float[] mean;
    private final float[] moments;
    private long steps;
    private double sigma;

    /**
     * @param mean0 the initial mean (weights)
     * @param population members per generation (even with antithetic sampling)
     */
    public OpenAiEs(
            float[] mean0,
            int population,
            double sigma,
            double sigmaDecay,
            double sigmaMin,
            double lr,
            double weightDecay,
            boolean antithetic,
            FitnessShaping shaping) {
        this(
                mean0,
                population,
                sigma,
                sigmaDecay,
                sigmaMin,
                lr,
                weightDecay,
                antithetic,
                shaping,
                MeanOptimizer.ADAM,
                0);
    }

    /** As above, the mean moved by {@code optimizer} ({@code momentum} is SGD's β). */
    public OpenAiEs(
            float[] mean0,
            int population,
            double sigma,
            double sigmaDecay,
            double sigmaMin,
            double lr,
            double weightDecay,
            boolean antithetic,
            FitnessShaping shaping,
            MeanOptimizer optimizer,
            double momentum) {
        if (population < 2 || (antithetic && population % 2 != 0)) {
            throw new IllegalArgumentException(
                    "population must be >= 2, and even with antithetic sampling, got " + population);
        }
        if (!(sigma > 0) || !(sigmaDecay > 0 && sigmaDecay <= 1) || !(lr > 0)) {
            throw new IllegalArgumentException("sigma > 0, sigma_decay in (0, 1] and lr > 0 required");
        }
        this.population = population;
        this.sigma = sigma;
        this.sigmaDecay = sigmaDecay;
        this.sigmaMin = sigmaMin;
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.antithetic = antithetic;
        this.shaping = shaping;
        this.optimizer = optimizer;
        this.momentum = momentum;
        this.mean = mean0.clone();
        this.moments = new float[(optimizer == MeanOptimizer.ADAM ? 2 : 1) * mean0.length];
    }

    @Override
    public int population() {
        return population;
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public int generation() {
        return (int) steps;
    }

    @Override
    public double sigma() {
        return sigma;
    }

    @Override
    public double[] mean() {
        double[] m = new double[mean.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mean[i];
        }
        return m;
    }

    /** The mean as the float weights it is kept in. */
    public float[] weights() {
        return mean.clone();
    }

    /** The noise of the generation whose seed is {@code seed}. */
    public SharedNoise noise(long seed) {
        return new SharedNoise(seed, antithetic);
    }

    /** Member {@code member}'s weights θ + σε into {@code out}. */
    public void member(SharedNoise noise, int member, float[] out) {
        double[] eps = new double[mean.length];
        noise.draw(member, eps);
        for (int i = 0; i < mean.length; i++) {
            out[i] = (float) (mean[i] + sigma * eps[i]);
        }
    }

    @Override
    public void member(long seed, int k, double[] out) {
        noise(seed).draw(k, out);
        for (int i = 0; i < mean.length; i++) {
            out[i] = mean[i] + sigma * out[i];
        }
    }

    @Override
    public void tell(long seed, double[] fitness) {
        tell(noise(seed), EvolutionStrategy.finite(fitness));
    }

    /** g = 1/(Nσ) Σ w_i ε_i: the estimate of the smoothed fitness's gradient at the mean. */
    public static double[] gradient(SharedNoise noise, double[] weights, double sigma, int dimension) {
        double[] g = new double[dimension];
        double[] eps = new double[dimension];
        for (int k = 0; k < weights.length; k++) {
            noise.draw(k, eps);
            for (int i = 0; i < dimension; i++) {
                g[i] += weights[k] * eps[i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            g[i] /= weights.length * sigma;
        }
        return g;
    }

    /** One generation's update from the members' fitness (higher is better), in member order. */
    public void tell(SharedNoise noise, double[] fitness) {
        if (fitness.length != population) {
            throw new IllegalArgumentException("tell needs " + population + " fitness values, got " + fitness.length);
        }
        ascend(gradient(noise, shaping.shape(fitness), sigma, mean.length));
    }

    @Override
    public void shiftMean(double[] delta) {
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (mean[i] + delta[i]);
        }
    }

    /** Moves the mean up {@code g} with the optimizer, and decays σ. */
    private void ascend(double[] g) {
        float[] descent = new float[mean.length];
        for (int i = 0; i < descent.length; i++) {
            descent[i] = (float) -g[i];
        }
        steps++;
        if (optimizer == MeanOptimizer.ADAM) {
            Adam.step(mean, descent, moments, steps, lr, weightDecay, true);
        } else {
            for (int i = 0; i < mean.length; i++) {
                moments[i] = (float) (momentum * moments[i] + descent[i] + weightDecay * mean[i]);
                mean[i] = (float) (mean[i] - lr * moments[i]);
            }
        }
        sigma = Math.max(sigmaMin, sigma * sigmaDecay);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StrategyStates.writeFloats(out, mean);
        StrategyStates.writeFloats(out, moments);
        out.writeLong(steps);
        out.writeDouble(sigma);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StrategyStates.readFloats(in, mean);
        StrategyStates.readFloats(in, moments);
        steps = in.readLong();
        sigma = in.readDouble();
    }
}
