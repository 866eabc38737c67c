package io.popflow.theory;

import java.util.Arrays;

/** Wasserstein-1 distances in one dimension: W₁ = ∫ |F₁(x) − F₂(x)| dx for distribution functions F. */
public final class Wasserstein {
    private Wasserstein() {}

    /**
     * W₁ between the empirical law of {@code samples} and the piecewise-constant density {@code rho}
     * on {@code grid} (normalised here), integrated exactly: between consecutive breakpoints (samples
     * and cell edges) the empirical CDF is constant and the density's CDF linear.
     */
    public static double toDensity(double[] samples, Grid grid, double[] rho) {
        double[] x = samples.clone();
        Arrays.sort(x);
        double[] p = grid.normalize(rho);
        int n = x.length;
        double dx = grid.dx();
        double[] edgeCdf = new double[grid.n() + 1];
        for (int i = 0; i < grid.n(); i++) {
            edgeCdf[i + 1] = edgeCdf[i] + p[i] * dx;
        }
        double lo = Math.min(grid.lo(), x[0]);
        double hi = Math.max(grid.hi(), x[n - 1]);
        double[] points = new double[n + grid.n() + 3];
        int k = 0;
        points[k++] = lo;
        points[k++] = hi;
        for (double s : x) {
            points[k++] = s;
        }
        for (int i = 0; i <= grid.n(); i++) {
            points[k++] = grid.lo() + i * dx;
        }
        Arrays.sort(points, 0, k);
        double total = 0;
        int below = 0;
        for (int t = 0; t + 1 < k; t++) {
            double a = points[t];
            double b = points[t + 1];
            if (b <= a) {
                continue;
            }
            while (below < n && x[below] <= a) {
                below++;
            }
            double empirical = (double) below / n;
            total += integrateAbs(empirical, cdf(grid, edgeCdf, a), cdf(grid, edgeCdf, b), b - a);
        }
        return total;
    }

    /** W₁ between two samples of equal size: the mean absolute difference of their order statistics. */
    public static double betweenSamples(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("samples of different sizes");
        }
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] - y[i]);
        }
        return s / x.length;
    }

    private static double cdf(Grid grid, double[] edgeCdf, double v) {
        if (v <= grid.lo()) {
            return 0;
        }
        if (v >= grid.hi()) {
            return 1;
        }
        double pos = (v - grid.lo()) / grid.dx();
        int i = Math.min(grid.n() - 1, (int) pos);
        return edgeCdf[i] + (edgeCdf[i + 1] - edgeCdf[i]) * (pos - i);
    }

    /** ∫ |c − g(x)| over an interval of {@code length} where g goes linearly from g0 to g1. */
    private static double integrateAbs(double c, double g0, double g1, double length) {
        double d0 = c - g0;
        double d1 = c - g1;
        if (d0 * d1 >= 0) {
            return Math.abs(d0 + d1) / 2 * length;
        }
        double crossing = d0 / (d0 - d1);
        return (Math.abs(d0) * crossing + Math.abs(d1) * (1 - crossing)) / 2 * length;
    }
}
