package io.popflow.es;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/**
 * sep-CMA-ES (Ros &amp; Hansen 2008): CMA-ES with a diagonal covariance, so O(n) state and time per
 * member, for weight vectors of thousands of coordinates. The covariance learning rates are the
 * full model's times (n + 2)/3, as the paper prescribes for the diagonal model's n parameters;
 * positive weights only.
 */
public final class SepCmaEs implements EvolutionStrategy {
    private final int n;
    private final int lambda;
    private final CmaParameters p;
    private final double[] mean;
    private double sigma;
    private final double[] pc;
    private final double[] ps;
    /** The diagonal of C. */
    private final double[] c;

    private int generation;

    public SepCmaEs(double[] mean0, double sigma0) {
        this(mean0, sigma0, 4 + (int) Math.floor(3 * Math.log(mean0.length)));
    }

    public SepCmaEs(double[] mean0, double sigma0, int lambda) {
        if (mean0.length < 1 || !(sigma0 > 0) || lambda < 2) {
            throw new IllegalArgumentException("sep-CMA-ES needs n >= 1, sigma0 > 0 and lambda >= 2");
        }
        this.n = mean0.length;
        this.lambda = lambda;
        this.p = CmaParameters.of(n, lambda, false, (n + 2) / 3.0);
        this.mean = mean0.clone();
        this.sigma = sigma0;
        this.pc = new double[n];
        this.ps = new double[n];
        this.c = new double[n];
        Arrays.fill(c, 1);
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
        return n;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** σ; the per-coordinate deviations are σ √C_ii ({@link #deviations}). */
    @Override
    public double sigma() {
        return sigma;
    }

    @Override
    public void member(long seed, int k, double[] out) {
        new SharedNoise(seed, false).draw(k, out);
        for (int i = 0; i < n; i++) {
            out[i] = mean[i] + sigma * Math.sqrt(c[i]) * out[i];
        }
    }

    @Override
    public void tell(long seed, double[] fitness) {
        tell(EvolutionStrategy.members(this, seed), EvolutionStrategy.finite(fitness));
    }

    @Override
    public void shiftMean(double[] delta) {
        StrategyStates.add(mean, delta);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StrategyStates.writeDoubles(out, mean);
        out.writeDouble(sigma);
        StrategyStates.writeDoubles(out, pc);
        StrategyStates.writeDoubles(out, ps);
        StrategyStates.writeDoubles(out, c);
        out.writeInt(generation);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StrategyStates.readDoubles(in, mean);
        sigma = in.readDouble();
        StrategyStates.readDoubles(in, pc);
        StrategyStates.readDoubles(in, ps);
        StrategyStates.readDoubles(in, c);
        generation = in.readInt();
    }

    /** The per-coordinate standard deviations σ √C_ii. */
    public double[] deviations() {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = sigma * Math.sqrt(c[i]);
        }
        return s;
    }

    public double[][] ask(RandomGenerator rng) {
        double[][] x = new double[lambda][n];
        for (double[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = mean[i] + sigma * Math.sqrt(c[i]) * rng.nextGaussian();
            }
        }
        return x;
    }

    /** Updates the distribution from the candidates of {@link #ask} and their fitness (higher is better). */
    public void tell(double[][] x, double[] fitness) {
        Integer[] order = new Integer[lambda];
        for (int k = 0; k < lambda; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> fitness[k]).reversed());
        double[] w = p.weights();
        double[] old = mean.clone();
        double csn = Math.sqrt(p.cs() * (2 - p.cs()) * p.muEff());
        double psNorm2 = 0;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int r = 0; r < p.mu(); r++) {
                m += w[r] * x[order[r]][i];
            }
            mean[i] = m;
            y[i] = (m - old[i]) / sigma;
            ps[i] = (1 - p.cs()) * ps[i] + csn * y[i] / Math.sqrt(c[i]);
            psNorm2 += ps[i] * ps[i];
        }
        generation++;
        double psNorm = Math.sqrt(psNorm2);
        boolean hsig = psNorm / Math.sqrt(1 - Math.pow(1 - p.cs(), 2.0 * generation)) / p.chiN() < 1.4 + 2.0 / (n + 1);
        double ccn = Math.sqrt(p.cc() * (2 - p.cc()) * p.muEff());
        double decay = 1 - p.c1() - p.cmu() * p.weightSum() + (hsig ? 0 : p.c1() * p.cc() * (2 - p.cc()));
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - p.cc()) * pc[i] + (hsig ? ccn * y[i] : 0);
            double rankMu = 0;
            for (int r = 0; r < p.mu(); r++) {
                double yi = (x[order[r]][i] - old[i]) / sigma;
                rankMu += w[r] * yi * yi;
            }
            c[i] = decay * c[i] + p.c1() * pc[i] * pc[i] + p.cmu() * rankMu;
        }
        sigma *= Math.exp((p.cs() / p.damps()) * (psNorm / p.chiN() - 1));
    }
}
