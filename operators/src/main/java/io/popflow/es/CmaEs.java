package io.popflow.es;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * CMA-ES with full covariance (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016), in the
 * ask/tell form: {@link #ask} draws λ candidates x = m + σ B D z, {@link #tell} takes their
 * fitness (higher is better) and moves the mean, the evolution paths, C and σ. Defaults are the
 * tutorial's: λ = 4 + ⌊3 ln n⌋, μ = ⌊λ/2⌋, log-linear weights, cumulative step-size adaptation,
 * and, as in pycma, active covariance adaptation: the worse half of the candidates gets negative
 * weights in the rank-μ update (the tutorial's §A "negative weights"); {@code active = false} is
 * the classic positive-weights update.
 *
 * <p>For dimensions up to a few hundred: the state is O(n²) and the eigendecomposition O(n³),
 * redone lazily (after more than 1/(10 n (c₁ + c_μ)) generations, as purecma does).
 */
public final class CmaEs implements EvolutionStrategy {
    private final int n;
    private final int lambda;
    private final int mu;
    /** λ weights: μ positive ones (the mean's), then negative ones (0 without active adaptation). */
    private final double[] weights;

    private final double weightSum;
    private final double muEff;
    private final double cc;
    private final double cs;
    private final double c1;
    private final double cmu;
    private final double damps;
    private final double chiN;

    private final double[] mean;
    private double sigma;
    private final double[] pc;
    private final double[] ps;
    private final double[][] c;
    private double[][] b;
    private double[] d;
    private int generation;
    private int eigenGeneration;

    /** A search distribution N(mean0, σ0² I) on n = mean0.length coordinates, with the default λ. */
    public CmaEs(double[] mean0, double sigma0) {
        this(mean0, sigma0, 4 + (int) Math.floor(3 * Math.log(mean0.length)), true);
    }

    public CmaEs(double[] mean0, double sigma0, int lambda, boolean active) {
        if (mean0.length < 1 || !(sigma0 > 0) || lambda < 2) {
            throw new IllegalArgumentException("CMA-ES needs n >= 1, sigma0 > 0 and lambda >= 2");
        }
        this.n = mean0.length;
        CmaParameters p = CmaParameters.of(n, lambda, active, 1);
        this.lambda = lambda;
        this.mu = p.mu();
        this.weights = p.weights();
        this.weightSum = p.weightSum();
        this.muEff = p.muEff();
        this.cc = p.cc();
        this.cs = p.cs();
        this.c1 = p.c1();
        this.cmu = p.cmu();
        this.damps = p.damps();
        this.chiN = p.chiN();
        this.mean = mean0.clone();
        this.sigma = sigma0;
        this.pc = new double[n];
        this.ps = new double[n];
        this.c = new double[n][n];
        this.b = new double[n][n];
        this.d = new double[n];
        for (int i = 0; i < n; i++) {
            c[i][i] = 1;
            b[i][i] = 1;
            d[i] = 1;
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
        return n;
    }

    /** σ; the distribution is N(m, σ² C). */
    @Override
    public double sigma() {
        return sigma;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The covariance matrix C (the distribution's is σ² C). */
    public double[][] covariance() {
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = c[i].clone();
        }
        return copy;
    }

    @Override
    public int generation() {
        return generation;
    }

    /** λ candidates of this generation, drawn with {@code rng}. */
    public double[][] ask(RandomGenerator rng) {
        double[][] x = new double[lambda][n];
        double[] z = new double[n];
        for (int k = 0; k < lambda; k++) {
            for (int j = 0; j < n; j++) {
                z[j] = d[j] * rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double bz = 0;
                for (int j = 0; j < n; j++) {
                    bz += b[i][j] * z[j];
                }
                x[k][i] = mean[i] + sigma * bz;
            }
        }
        return x;
    }

    /** x = m + σ B D z, z from the generation's noise: O(n²) per member. */
    @Override
    public void member(long seed, int k, double[] out) {
        double[] z = new double[n];
        new SharedNoise(seed, false).draw(k, z);
        for (int j = 0; j < n; j++) {
            z[j] *= d[j];
        }
        for (int i = 0; i < n; i++) {
            double bz = 0;
            for (int j = 0; j < n; j++) {
                bz += b[i][j] * z[j];
            }
            out[i] = mean[i] + sigma * bz;
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

    /** The state, B and D included: they are those of the last decomposition, not recomputable from C. */
    @Override
    public void writeState(DataOutput out) throws IOException {
        StrategyStates.writeDoubles(out, mean);
        out.writeDouble(sigma);
        StrategyStates.writeDoubles(out, pc);
        StrategyStates.writeDoubles(out, ps);
        for (int i = 0; i < n; i++) {
            StrategyStates.writeDoubles(out, c[i]);
            StrategyStates.writeDoubles(out, b[i]);
        }
        StrategyStates.writeDoubles(out, d);
        out.writeInt(generation);
        out.writeInt(eigenGeneration);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StrategyStates.readDoubles(in, mean);
        sigma = in.readDouble();
        StrategyStates.readDoubles(in, pc);
        StrategyStates.readDoubles(in, ps);
        for (int i = 0; i < n; i++) {
            StrategyStates.readDoubles(in, c[i]);
            StrategyStates.readDoubles(in, b[i]);
        }
        StrategyStates.readDoubles(in, d);
        generation = in.readInt();
        eigenGeneration = in.readInt();
    }

    /** Updates the distribution from the candidates {@code x} of {@link #ask} and their fitness (higher is better). */
    public void tell(double[][] x, double[] fitness) {
        if (x.length != lambda || fitness.length != lambda) {
            throw new IllegalArgumentException("tell needs the " + lambda + " candidates of ask and their fitness");
        }
        Integer[] order = new Integer[lambda];
        for (int k = 0; k < lambda; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> fitness[k]).reversed());
        double[] old = mean.clone();
        Arrays.fill(mean, 0);
        for (int i = 0; i < mu; i++) {
            double[] xi = x[order[i]];
            for (int j = 0; j < n; j++) {
                mean[j] += weights[i] * xi[j];
            }
        }
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            y[j] = (mean[j] - old[j]) / sigma;
        }
        // C^(-1/2) y = B D^(-1) Bᵀ y
        double[] bty = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b[i][j] * y[i];
            }
            bty[j] = s / d[j];
        }
        double csn = Math.sqrt(cs * (2 - cs) * muEff);
        double psNorm2 = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * bty[j];
            }
            ps[i] = (1 - cs) * ps[i] + csn * s;
            psNorm2 += ps[i] * ps[i];
        }
        generation++;
        double psNorm = Math.sqrt(psNorm2);
        boolean hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * generation)) / chiN < 1.4 + 2.0 / (n + 1);
        double ccn = Math.sqrt(cc * (2 - cc) * muEff);
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + (hsig ? ccn * y[i] : 0);
        }
        double decay = 1 - c1 - cmu * weightSum + (hsig ? 0 : c1 * cc * (2 - cc));
        double[][] yi = new double[lambda][n];
        double[] w = new double[lambda];
        for (int k = 0; k < lambda; k++) {
            for (int j = 0; j < n; j++) {
                yi[k][j] = (x[order[k]][j] - old[j]) / sigma;
            }
            // a negative weight is rescaled by n / |C^(-1/2) y|², so that long steps cannot make C indefinite
            w[k] = weights[k] >= 0 ? weights[k] : weights[k] * n / whitenedNorm2(yi[k]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int k = 0; k < lambda; k++) {
                    if (w[k] != 0) {
                        rankMu += w[k] * yi[k][i] * yi[k][j];
                    }
                }
                double v = decay * c[i][j] + c1 * pc[i] * pc[j] + cmu * rankMu;
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
        if (generation - eigenGeneration > 1 / (c1 + cmu) / n / 10) {
            decompose();
        }
    }

    /** |C^(-1/2) v|² = |D^(-1) Bᵀ v|². */
    private double whitenedNorm2(double[] v) {
        double norm = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b[i][j] * v[i];
            }
            s /= d[j];
            norm += s * s;
        }
        return norm;
    }

    private void decompose() {
        eigenGeneration = generation;
        RealMatrix m = new Array2DRowRealMatrix(c, false);
        EigenDecomposition e = new EigenDecomposition(m);
        double[] values = e.getRealEigenvalues();
        RealMatrix v = e.getV();
        for (int j = 0; j < n; j++) {
            d[j] = Math.sqrt(Math.max(values[j], 1e-300));
            for (int i = 0; i < n; i++) {
                b[i][j] = v.getEntry(i, j);
            }
        }
    }
}
