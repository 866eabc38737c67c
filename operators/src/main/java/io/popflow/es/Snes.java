package io.popflow.es;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/**
 * Separable natural evolution strategy (Schaul, Glasmachers &amp; Schmidhuber 2011): a Gaussian
 * with mean μ and one σ per coordinate; members μ + σ⊙z, z ~ N(0, I); rank-based utilities u;
 * natural-gradient steps μ ← μ + η_μ σ⊙Σ u_k z_k and σ ← σ⊙exp(η_σ/2 · Σ u_k (z_k² − 1)), with the
 * paper's defaults λ = 4 + ⌊3 ln d⌋, η_μ = 1, η_σ = (3 + ln d)/(5 √d). O(d) state: for weight
 * vectors of any size.
 */
public final class Snes implements EvolutionStrategy {
    private final int lambda;
    private final double etaMean;
    private final double etaSigma;
    private final double[] utilities;
    private final double[] mean;
    private final double[] sigma;
    private int generation;

    public Snes(double[] mean0, double sigma0) {
        this(mean0, sigma0, 4 + (int) Math.floor(3 * Math.log(mean0.length)));
    }

    public Snes(double[] mean0, double sigma0, int lambda) {
        if (mean0.length < 1 || !(sigma0 > 0) || lambda < 2) {
            throw new IllegalArgumentException("SNES needs d >= 1, sigma0 > 0 and lambda >= 2");
        }
        int d = mean0.length;
        this.lambda = lambda;
        this.etaMean = 1;
        this.etaSigma = (3 + Math.log(d)) / (5 * Math.sqrt(d));
        this.mean = mean0.clone();
        this.sigma = new double[d];
        Arrays.fill(sigma, sigma0);
        this.utilities = new double[lambda];
        double sum = 0;
        for (int k = 0; k < lambda; k++) {
            utilities[k] = Math.max(0, Math.log(lambda / 2.0 + 1) - Math.log(k + 1));
            sum += utilities[k];
        }
        for (int k = 0; k < lambda; k++) {
            utilities[k] = utilities[k] / sum - 1.0 / lambda;
        }
    }

    public int lambda() {
        return lambda;
    }

    @Override
    public int population() {
        return lambda;
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The per-coordinate step sizes. */
    public double[] sigmas() {
        return sigma.clone();
    }

    /** The root mean square of the per-coordinate step sizes. */
    @Override
    public double sigma() {
        return StrategyStates.rms(sigma);
    }

    @Override
    public void member(long seed, int k, double[] out) {
        new SharedNoise(seed, false).draw(k, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = mean[i] + sigma[i] * out[i];
        }
    }

    @Override
    public void tell(long seed, double[] fitness) {
        double[][] z = new double[lambda][mean.length];
        SharedNoise noise = new SharedNoise(seed, false);
        for (int k = 0; k < lambda; k++) {
            noise.draw(k, z[k]);
        }
        tell(z, EvolutionStrategy.finite(fitness));
    }

    @Override
    public void shiftMean(double[] delta) {
        StrategyStates.add(mean, delta);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StrategyStates.writeDoubles(out, mean);
        StrategyStates.writeDoubles(out, sigma);
        out.writeInt(generation);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StrategyStates.readDoubles(in, mean);
        StrategyStates.readDoubles(in, sigma);
        generation = in.readInt();
    }

    /** λ standard normal draws z (the members are μ + σ⊙z: {@link #member}). */
    public double[][] ask(RandomGenerator rng) {
        double[][] z = new double[lambda][mean.length];
        for (double[] row : z) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        return z;
    }

    public double[] member(double[] z) {
        double[] x = new double[mean.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = mean[i] + sigma[i] * z[i];
        }
        return x;
    }

    /** Updates μ and σ from the draws of {@link #ask} and their members' fitness (higher is better). */
    public void tell(double[][] z, double[] fitness) {
        Integer[] order = new Integer[lambda];
        for (int k = 0; k < lambda; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> fitness[k]).reversed());
        for (int i = 0; i < mean.length; i++) {
            double gMean = 0;
            double gSigma = 0;
            for (int r = 0; r < lambda; r++) {
                double zi = z[order[r]][i];
                gMean += utilities[r] * zi;
                gSigma += utilities[r] * (zi * zi - 1);
            }
            mean[i] += etaMean * sigma[i] * gMean;
            sigma[i] *= Math.exp(etaSigma / 2 * gSigma);
        }
        generation++;
    }
}
