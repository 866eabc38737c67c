package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * PB2's Gaussian process against closed forms: on two observations the posterior mean, variance
 * and marginal likelihood are written out by hand (the 2x2 inverse), and a fit never ends below
 * the likelihood it starts from.
 */
class TimeVaryingGpTest {
    private static final TimeVaryingGp.Hyper H = new TimeVaryingGp.Hyper(1.5, 0.5, 0.2, 0.01);

    /** The kernel as the paper writes it: σ² exp(−|x − x'|²/ℓ)(1 − ε)^{|t − t'|/2}. */
    private static double k(double t1, double x1, double t2, double x2) {
        return H.variance()
                * Math.exp(-(x1 - x2) * (x1 - x2) / H.lengthscale())
                * Math.pow(1 - H.epsilon(), Math.abs(t1 - t2) / 2);
    }

    @Test
    void posteriorOnTwoPointsIsTheClosedForm() {
        double[] t = {0, 1};
        double[] x = {0.2, 0.7};
        double[] y = {1.0, -0.5};
        TimeVaryingGp gp = new TimeVaryingGp(t, new double[][] {{x[0]}, {x[1]}}, y, H);

        double a = k(t[0], x[0], t[0], x[0]) + H.noise();
        double b = k(t[0], x[0], t[1], x[1]);
        double d = k(t[1], x[1], t[1], x[1]) + H.noise();
        double det = a * d - b * b;
        // K⁻¹ = [[d, −b], [−b, a]] / det
        double alpha0 = (d * y[0] - b * y[1]) / det;
        double alpha1 = (-b * y[0] + a * y[1]) / det;
        double ts = 1.5;
        double xs = 0.4;
        double k0 = k(ts, xs, t[0], x[0]);
        double k1 = k(ts, xs, t[1], x[1]);
        double mean = k0 * alpha0 + k1 * alpha1;
        double variance = H.variance() - (k0 * (d * k0 - b * k1) + k1 * (-b * k0 + a * k1)) / det;
        double logLikelihood = -0.5 * (y[0] * alpha0 + y[1] * alpha1) - 0.5 * Math.log(det) - Math.log(2 * Math.PI);

        assertThat(gp.mean(ts, new double[] {xs})).isCloseTo(mean, within(1e-12));
        assertThat(gp.variance(ts, new double[] {xs})).isCloseTo(variance, within(1e-12));
        assertThat(gp.logLikelihood()).isCloseTo(logLikelihood, within(1e-12));
        // at an observation, little noise: the mean is close to y and the variance close to the noise's share
        assertThat(gp.mean(t[0], new double[] {x[0]})).isCloseTo(y[0], within(0.02));
    }

    @Test
    void aFitEndsAtLeastAsLikelyAsItStarts() {
        int n = 30;
        double[] t = new double[n];
        double[][] x = new double[n][];
        double[] y = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            t[i] = i / (double) n;
            x[i] = new double[] {rng.nextDouble(), rng.nextDouble()};
            y[i] = Math.sin(6 * x[i][0]) - x[i][1] + 0.05 * rng.nextDouble();
        }
        TimeVaryingGp start = new TimeVaryingGp(t, x, y, TimeVaryingGp.Hyper.START);
        TimeVaryingGp fitted = TimeVaryingGp.fit(t, x, y);
        assertThat(fitted.logLikelihood()).isGreaterThan(start.logLikelihood());
        assertThat(fitted.hyper().epsilon()).isBetween(0.0, TimeVaryingGp.MAX_EPSILON);
        assertThat(fitted.hyper().lengthscale()).isBetween(1e-5, 1.0);
    }
}
