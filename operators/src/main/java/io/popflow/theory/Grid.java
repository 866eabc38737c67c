package io.popflow.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * A uniform grid of {@code n} cells on [lo, hi]: cell i is [lo + iΔx, lo + (i+1)Δx] with centre
 * xᵢ. Densities on it are cell averages; mass is Σᵢ ρᵢ Δx.
 *
 * @param lo left end
 * @param hi right end
 * @param n number of cells
 */
public record Grid(double lo, double hi, int n) {

    public Grid {
        if (!(hi > lo) || n < 2) {
            throw new IllegalArgumentException("a grid needs lo < hi and at least 2 cells");
        }
    }

    public double dx() {
        return (hi - lo) / n;
    }

    public double center(int i) {
        return lo + (i + 0.5) * dx();
    }

    /** f at the cell centres. */
    public double[] sample(DoubleUnaryOperator f) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.applyAsDouble(center(i));
        }
        return v;
    }

    /** Mass Σ ρᵢ Δx. */
    public double mass(double[] rho) {
        double m = 0;
        for (double r : rho) {
            m += r;
        }
        return m * dx();
    }

    /** Mean of the normalised density, with cell centres as the cells' positions. */
    public double mean(double[] rho) {
        double m = 0;
        double w = 0;
        for (int i = 0; i < n; i++) {
            m += rho[i] * center(i);
            w += rho[i];
        }
        return m / w;
    }

    /**
     * Variance of the normalised density, treating each cell's mass as spread uniformly over the
     * cell (hence the Δx²/12 per cell), which makes it exact for the piecewise-constant density.
     */
    public double variance(double[] rho) {
        double mean = mean(rho);
        double s = 0;
        double w = 0;
        for (int i = 0; i < n; i++) {
            double d = center(i) - mean;
            s += rho[i] * (d * d + dx() * dx() / 12);
            w += rho[i];
        }
        return s / w;
    }

    /** ρ scaled to unit mass. */
    public double[] normalize(double[] rho) {
        double m = mass(rho);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rho[i] / m;
        }
        return out;
    }

    /** The Gaussian density N(mean, variance) as cell averages (exact integrals over the cells). */
    public double[] gaussian(double mean, double variance) {
        double sd = Math.sqrt(variance);
        double[] rho = new double[n];
        for (int i = 0; i < n; i++) {
            double a = lo + i * dx();
            rho[i] = (Normal.cdf((a + dx() - mean) / sd) - Normal.cdf((a - mean) / sd)) / dx();
        }
        return rho;
    }

    /** The uniform density on the grid. */
    public double[] uniform() {
        double[] rho = new double[n];
        java.util.Arrays.fill(rho, 1 / (hi - lo));
        return rho;
    }
}
