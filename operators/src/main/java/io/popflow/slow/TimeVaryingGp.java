package io.popflow.slow;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Gaussian-process regression with PB2's time-varying squared-exponential kernel (Parker-Holder et
 * al. 2020, "Provably efficient online hyperparameter optimization with population-based
 * bandits"):
 *
 * <pre>
 *   k((t, x), (t', x')) = σ² exp(−|x − x'|² / ℓ) · (1 − ε)^(|t − t'| / 2),   plus noise σₙ² on the diagonal,
 * </pre>
 *
 * so that older observations count less as the function drifts (ε is the drift per unit of time).
 * The length scale divides the squared distance, as in Ray Tune's {@code TV_SquaredExp}. Pure
 * linear algebra on small data (a few hundred points): Cholesky factorisation, no library.
 */
public final class TimeVaryingGp {
    /** ε is kept at most 1/2, as Ray does: a larger drift forgets within one step. */
    public static final double MAX_EPSILON = 0.5;

    /**
     * The kernel's hyperparameters.
     *
     * @param variance σ², the prior variance
     * @param lengthscale ℓ
     * @param epsilon ε in [0, 1/2]
     * @param noise σₙ², the observation noise variance
     */
    public record Hyper(double variance, double lengthscale, double epsilon, double noise) {
        /** Where a fit starts: GPy's defaults in Ray's PB2 (σ² = 1, ℓ = 1, ε = 0.1, σₙ² = 1). */
        public static final Hyper START = new Hyper(1, 1, 0.1, 1);
    }

    private final double[] t;
    private final double[][] x;
    private final Hyper hyper;
    /** Lower Cholesky factor of K + σₙ² I. */
    private final double[][] chol;
    /** (K + σₙ² I)⁻¹ y. */
    private final double[] alpha;

    private final double logLikelihood;

    /**
     * The posterior of {@code y} observed at times {@code t} and inputs {@code x}, under {@code
     * hyper}.
     *
     * @throws IllegalArgumentException if K + σₙ² I is not positive definite
     */
    public TimeVaryingGp(double[] t, double[][] x, double[] y, Hyper hyper) {
        int n = y.length;
        if (t.length != n || x.length != n) {
            throw new IllegalArgumentException("t, x and y must have one entry per observation");
        }
        this.t = t.clone();
        this.x = x.clone();
        this.hyper = hyper;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                k[i][j] = kernel(t[i], x[i], t[j], x[j]);
            }
            k[i][i] += hyper.noise();
        }
        this.chol = cholesky(k);
        double[] z = forward(chol, y);
        this.alpha = backward(chol, z);
        double ll = -0.5 * dot(z, z) - 0.5 * n * Math.log(2 * Math.PI);
        for (int i = 0; i < n; i++) {
            ll -= Math.log(chol[i][i]);
        }
        this.logLikelihood = ll;
    }

    /**
     * The posterior with the hyperparameters that maximise the marginal likelihood (BOBYQA over log
     * σ², log ℓ, ε and log σₙ², from {@link Hyper#START}); ℓ is then kept within [1e-5, 1] as Ray does.
     */
    public static TimeVaryingGp fit(double[] t, double[][] x, double[] y) {
        double[] lower = {Math.log(1e-3), Math.log(1e-3), 0, Math.log(1e-6)};
        double[] upper = {Math.log(1e3), Math.log(1e2), MAX_EPSILON, Math.log(10)};
        double[] start = {0, 0, Hyper.START.epsilon(), 0};
        // the best point evaluated, whatever becomes of the optimiser (BOBYQA gives up now and then:
        // "trust region step has failed to reduce Q"); its evaluations are deterministic
        double[][] best = {start};
        double[] bestValue = {likelihoodOrWorst(t, x, y, hyper(start))};
        try {
            new BOBYQAOptimizer(2 * start.length + 1)
                    .optimize(
                            new MaxEval(400),
                            new ObjectiveFunction(p -> {
                                double v = likelihoodOrWorst(t, x, y, hyper(p));
                                if (v > bestValue[0]) {
                                    bestValue[0] = v;
                                    best[0] = p.clone();
                                }
                                return v;
                            }),
                            GoalType.MAXIMIZE,
                            new InitialGuess(start),
                            new SimpleBounds(lower, upper));
        } catch (MathIllegalStateException stopped) {
            // out of evaluations, or no progress: keep the best so far
        }
        Hyper h = hyper(best[0]);
        h = new Hyper(h.variance(), Math.max(1e-5, Math.min(1, h.lengthscale())), h.epsilon(), h.noise());
        return new TimeVaryingGp(t, x, y, h);
    }

    private static Hyper hyper(double[] p) {
        return new Hyper(Math.exp(p[0]), Math.exp(p[1]), p[2], Math.exp(p[3]));
    }

    private static double likelihoodOrWorst(double[] t, double[][] x, double[] y, Hyper h) {
        try {
            return new TimeVaryingGp(t, x, y, h).logLikelihood();
        } catch (IllegalArgumentException notPositiveDefinite) {
            return -1e300;
        }
    }

    public Hyper hyper() {
        return hyper;
    }

    /** log p(y | t, x, hyperparameters). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** The kernel between two points. */
    public double kernel(double t1, double[] x1, double t2, double[] x2) {
        double d2 = 0;
        for (int i = 0; i < x1.length; i++) {
            double d = x1[i] - x2[i];
            d2 += d * d;
        }
        return hyper.variance()
                * Math.exp(-d2 / hyper.lengthscale())
                * Math.pow(1 - hyper.epsilon(), 0.5 * Math.abs(t1 - t2));
    }

    /** Posterior mean at (s, z). */
    public double mean(double s, double[] z) {
        double m = 0;
        for (int i = 0; i < alpha.length; i++) {
            m += kernel(s, z, t[i], x[i]) * alpha[i];
        }
        return m;
    }

    /** Posterior variance of the latent function at (s, z) (without the observation noise). */
    public double variance(double s, double[] z) {
        double[] k = new double[t.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = kernel(s, z, t[i], x[i]);
        }
        double[] v = forward(chol, k);
        return Math.max(0, hyper.variance() - dot(v, v));
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            l[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("the kernel matrix is not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves L z = b. */
    private static double[] forward(double[][] l, double[] b) {
        double[] z = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    /** Solves Lᵀ a = z. */
    private static double[] backward(double[][] l, double[] z) {
        int n = z.length;
        double[] a = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * a[k];
            }
            a[i] = s / l[i][i];
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
