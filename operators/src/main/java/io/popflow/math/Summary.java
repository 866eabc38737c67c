package io.popflow.math;

import java.util.Arrays;

/** Order statistics and moments of a sample, ignoring non-finite values. */
public final class Summary {
    private final double[] sorted;
    private final double mean;
    private final double variance;

    private Summary(double[] sorted) {
        this.sorted = sorted;
        double m = 0;
        for (double v : sorted) {
            m += v;
        }
        m = sorted.length == 0 ? Double.NaN : m / sorted.length;
        double s = 0;
        for (double v : sorted) {
            s += (v - m) * (v - m);
        }
        this.mean = m;
        this.variance = sorted.length == 0 ? Double.NaN : s / sorted.length;
    }

    /** Summary of the finite values of {@code values}. */
    public static Summary of(double[] values) {
        return new Summary(
                Arrays.stream(values).filter(Double::isFinite).sorted().toArray());
    }

    public int count() {
        return sorted.length;
    }

    public double mean() {
        return mean;
    }

    /** Population variance (divides by n): the variance of the empirical measure. */
    public double variance() {
        return variance;
    }

    public double min() {
        return quantile(0);
    }

    public double max() {
        return quantile(1);
    }

    /** Quantile by linear interpolation between order statistics (type 7, as numpy's default). */
    public double quantile(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
